import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storedWebhookSecret } from '../../src/app/telegram-role.js';
import { useRedis, type RedisTestContext } from '../support/redis.js';

let ctx: RedisTestContext;
beforeEach(async () => {
  ctx = await useRedis('webhook-secret');
});
afterEach(async () => {
  await ctx.cleanup();
});

describe('the generated Telegram webhook secret', () => {
  it('is made once, in the characters Telegram accepts, kept in Redis and shared by every process', async () => {
    const first = await storedWebhookSecret(ctx.redis, ctx.keys);
    expect(first).toMatch(/^[A-Za-z0-9_-]{32,256}$/);
    expect(await ctx.redis.get(ctx.keys.telegramWebhookSecret())).toBe(first);
    expect(await storedWebhookSecret(ctx.redis, ctx.keys)).toBe(first);
  });
});
