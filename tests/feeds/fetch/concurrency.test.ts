import type { ServerResponse } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anyAddress } from '../../../src/feeds/fetch/address-policy.js';
import { createFeedFetcher } from '../../../src/feeds/fetch/feed-fetcher.js';
import type { FeedFetcher } from '../../../src/feeds/fetch/types.js';
import { startHttpServer, type TestHttpServer } from '../../support/http-server.js';

let server: TestHttpServer;
let fetcher: FeedFetcher;
let held: ServerResponse[];

beforeEach(async () => {
  held = [];
  // Responses wait until the test lets them go, so in-flight requests pile up at the server.
  server = await startHttpServer({ '/feed.xml': (_req, res) => void held.push(res) });
  fetcher = createFeedFetcher({
    addressPolicy: anyAddress,
    lookup: async () => [{ address: '127.0.0.1', family: 4 }],
    totalTimeoutMs: 10_000,
  });
});

afterEach(async () => {
  // Server first: a failed test may leave responses held, and the fetcher's close waits for them.
  await server.close();
  await fetcher.close();
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** Lets the server settle: any request the limiter failed to hold back has time to arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

function releaseOne(): void {
  held.shift()?.end('<rss/>');
}

describe('per-host concurrency', () => {
  it('keeps at most two requests in flight to one host while five fetches run', async () => {
    const fetches = Array.from({ length: 5 }, () => fetcher.fetch(server.url('/feed.xml')));
    await until(() => server.inFlight >= 2);
    await settle();
    expect(server.requests).toHaveLength(2);
    for (let done = 0; done < 5; done++) {
      await until(() => held.length > 0);
      releaseOne();
    }
    const outcomes = await Promise.all(fetches);
    expect(outcomes.every((o) => o.kind === 'ok')).toBe(true);
    expect(server.requests).toHaveLength(5);
    expect(server.maxInFlight).toBe(2);
  });

  it('limits each hostname separately', async () => {
    const hosts = ['a.example', 'b.example'];
    const fetches = hosts.flatMap((host) =>
      Array.from({ length: 3 }, () => fetcher.fetch(`http://${host}:${server.port}/feed.xml`)),
    );
    await until(() => server.inFlight >= 4);
    await settle();
    expect(server.requests).toHaveLength(4);
    while (server.requests.length < 6 || held.length > 0) {
      await until(() => held.length > 0);
      releaseOne();
    }
    await Promise.all(fetches);
    expect(server.maxInFlight).toBe(4);
  });
});
