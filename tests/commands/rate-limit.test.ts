import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { help } from '../../commands/index.js';
import { runCommand } from '../../src/commands/dispatch.js';
import { createCommandRateLimiter } from '../../src/commands/rate-limit.js';
import { useRedis, type RedisTestContext } from '../support/redis.js';
import { channel, makeServices, member } from '../support/command-doubles.js';

describe('command rate limit', () => {
  let ctx: RedisTestContext;
  beforeEach(async () => {
    ctx = await useRedis('cmd-rate');
  });
  afterEach(() => ctx.cleanup());

  it('gives a flood one polite refusal, then silence until the window passes', async () => {
    const rateLimiter = createCommandRateLimiter(ctx.redis, ctx.keys, { limit: 3, windowMs: 60_000 });
    const services = makeServices();
    const replies = [];
    for (let i = 0; i < 6; i++) replies.push(await runCommand(help, [], member, channel, services, { rateLimiter }));

    expect(replies.slice(0, 3).every((r) => r?.title === 'Kazwire commands')).toBe(true);
    expect(replies[3]?.private).toBe(true);
    expect(replies[3]?.blocks[0]).toMatchObject({ kind: 'text', text: expect.stringMatching(/faster than I can answer\. Please wait \d+ s/) });
    expect(replies.slice(4)).toEqual([null, null]);
  });

  it('counts each user on each platform apart', async () => {
    const limiter = createCommandRateLimiter(ctx.redis, ctx.keys, { limit: 1 });
    expect((await limiter.check('discord', '1')).kind).toBe('allow');
    expect((await limiter.check('discord', '2')).kind).toBe('allow');
    expect((await limiter.check('telegram', '1')).kind).toBe('allow');
    expect((await limiter.check('discord', '1')).kind).toBe('refuse');
  });

  it('allows the user again once the window has passed', async () => {
    const limiter = createCommandRateLimiter(ctx.redis, ctx.keys, { limit: 1, windowMs: 150 });
    await limiter.check('discord', '1');
    expect((await limiter.check('discord', '1')).kind).toBe('refuse');
    expect((await limiter.check('discord', '1')).kind).toBe('silent');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await limiter.check('discord', '1')).kind).toBe('allow');
  });

  it('keeps the window state in the command-rate key, which expires', async () => {
    const limiter = createCommandRateLimiter(ctx.redis, ctx.keys, { windowMs: 60_000 });
    await limiter.check('telegram', '42');
    const ttl = await ctx.redis.pttl(ctx.keys.commandRate('telegram', '42'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });
});
