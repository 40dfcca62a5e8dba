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

/**
 * First messages of one broadcast against the ideal schedule: destination k (in the order they were reached) gets
 * its first message k/L s after the story was queued, at the platform's limit L. `firstMs`: ms after queueing.
 * Lateness is judged from the 100th destination on: before it, 10 % of the ideal is shorter than fanning the story
 * out and sending one message, which the first message's own time shows.
 */
export function broadcastLines(firstMs: number[], limitPerSecond: number): string[] {
  const sorted = [...firstMs].sort((a, b) => a - b);
  const ideal = (k: number) => (k / limitPerSecond) * 1000;
  const marks = [100, 250, 500, 750, sorted.length].filter((k, i, all) => k <= sorted.length && all.indexOf(k) === i);
  const at = marks.map((k) => `${k}: ${(sorted[k - 1]! / 1000).toFixed(2)} s (ideal ${(ideal(k) / 1000).toFixed(2)})`).join(', ');
  let worst = 0;
  for (let k = 100; k <= sorted.length; k++) worst = Math.max(worst, sorted[k - 1]! / ideal(k) - 1);
  return [
    `first messages of the broadcast (destination k reached, ideal k/${limitPerSecond} s): ${at}`,
    `  latest against the ideal from the 100th on: ${(worst * 100).toFixed(1)} % behind (aim: within 10 %); ` +
      `the first message ${(sorted[0] ?? Number.NaN).toFixed(0)} ms after the story was queued`,
  ];
}
