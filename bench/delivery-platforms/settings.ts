/** The scenarios' sizes, from the environment: BENCH_SCALE (default 1), STORY_GAP_MS (default 1000). */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const SCALE = Number(process.env.BENCH_SCALE ?? '1') || 1;
export const STORY_GAP_MS = Number(process.env.STORY_GAP_MS ?? '1000');
export const STORIES = 10;
export const DESTINATIONS = Math.max(10, Math.round(1_000 * SCALE));
export const IDLE_SAMPLES = 30;
export const LOAD_TIMEOUT_MS = 150_000;
