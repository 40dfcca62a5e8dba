import { setTimeout as sleep } from 'node:timers/promises';

export async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function latencyLine(label: string, ms: number[], expected: number): string {
  const missing = expected - ms.length;
  return (
    `${label}: p50 ${percentile(ms, 50).toFixed(0)} ms, p95 ${percentile(ms, 95).toFixed(0)} ms, ` +
    `max ${Math.max(...ms).toFixed(0)} ms (${ms.length} samples${missing > 0 ? `, ${missing} not sent in time` : ''}; aim: p95 under 1000 ms)`
  );
}
