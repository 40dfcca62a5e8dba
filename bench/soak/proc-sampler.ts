/**
 * Samples processes from outside, as `top` would: CPU time from /proc/<pid>/stat (utime + stime, every thread
 * of the process) and resident memory from /proc/<pid>/status (VmRSS); and a Redis server's own CPU from
 * `INFO cpu` (used_cpu_user + used_cpu_sys).
 */
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on every Linux architecture Node runs on). */
const TICKS_PER_SECOND = 100;

export interface ProcessSample {
  /** CPU seconds used since the process started. */
  cpuSeconds: number;
  rssMb: number;
  threads: number;
}

export function sampleProcess(pid: number): ProcessSample | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) in parentheses: field 3 (state) is index 0.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    const threads = Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    return { cpuSeconds, rssMb: rssKb / 1024, threads };
  } catch {
    return undefined;
  }
}

export async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const user = Number(/^used_cpu_user:([\d.]+)/m.exec(info)?.[1] ?? 0);
  const sys = Number(/^used_cpu_sys:([\d.]+)/m.exec(info)?.[1] ?? 0);
  return user + sys;
}

export interface Sample {
  atMs: number;
  /** One per bot process, in the order they were started (undefined once a process is gone). */
  bots: Array<ProcessSample | undefined>;
  redisCpuSeconds: number;
}

/** Samples every `everyMs` until stopped; `samples` grows as it goes. */
export function startSampling(pids: number[], redis: Redis, everyMs = 2_000): { samples: Sample[]; stop(): void } {
  const samples: Sample[] = [];
  const take = async () => {
    const redisCpu = await redisCpuSeconds(redis).catch(() => Number.NaN);
    samples.push({ atMs: Date.now(), bots: pids.map(sampleProcess), redisCpuSeconds: redisCpu });
  };
  void take();
  const timer = setInterval(() => void take(), everyMs);
  return { samples, stop: () => clearInterval(timer) };
}

/** CPU cores used between two samples (CPU seconds per wall second). */
export function coresBetween(from: number, to: number, fromMs: number, toMs: number): number {
  return toMs > fromMs ? (to - from) / ((toMs - fromMs) / 1000) : 0;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
