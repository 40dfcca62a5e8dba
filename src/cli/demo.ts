/**
 * `npm run demo`: a newcomer's first run, with nothing but Redis. A local feed server publishes a sample of
 * news about the January 2022 events (English, Russian, and a few off-topic items) over a minute; the full
 * pipeline runs with console delivery, so each new story is printed as it is alerted; then `/timeline` and
 * `/who tokayev` are answered from what was ingested. Uses its own Redis key prefix and removes it after.
 * `DEMO_SECONDS` shortens or lengthens the run (default 65).
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../config/env.js';
import { applyEnvFile } from '../config/env-file.js';
import { createLogger } from '../log.js';
import { projectRoot } from '../paths.js';
import { startApp } from '../app/start-app.js';
import { commandList } from '../../commands/index.js';
import { createCommandRegistry } from '../commands/registry.js';
import { createCommandServices } from '../app/command-services.js';
import { ask } from './ask.js';
import { connectRedis } from '../redis/connection.js';
import { deploymentKeys } from '../redis/keys.js';
import { deleteKeysWithPrefix } from '../redis/delete-prefix.js';

const sampleSchema = z.object({
  feeds: z.array(
    z.object({
      slug: z.string().regex(/^[a-z0-9-]+$/),
      title: z.string(),
      items: z.array(z.object({ at: z.number().min(0), title: z.string(), description: z.string() })),
    }),
  ),
});
type Sample = z.infer<typeof sampleSchema>;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Serves each sample feed as RSS, showing only the items whose `at` (seconds since start) has come. */
async function startSampleFeedServer(sample: Sample): Promise<{ urls: string[]; close(): void }> {
  const started = Date.now();
  const server = http.createServer((req, res) => {
    const feed = sample.feeds.find((f) => req.url === `/${f.slug}.xml`);
    if (!feed) {
      res.writeHead(404).end();
      return;
    }
    const elapsed = (Date.now() - started) / 1000;
    const items = feed.items
      .map((item, i) => ({ ...item, i }))
      .filter((item) => item.at <= elapsed)
      .reverse()
      .map(
        (item) =>
          `<item><title>${esc(item.title)}</title><link>https://sample.invalid/${feed.slug}/${item.i}</link>` +
          `<guid isPermaLink="false">${feed.slug}-${item.i}</guid><pubDate>${new Date(started + item.at * 1000).toUTCString()}</pubDate>` +
          `<description>${esc(item.description)}</description></item>`,
      );
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${esc(feed.title)}</title><link>https://sample.invalid/</link>${items.join('')}</channel></rss>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  return { urls: sample.feeds.map((f) => `http://127.0.0.1:${port}/${f.slug}.xml`), close: () => server.close() };
}

async function main(): Promise<void> {
  // REDIS_URL (and LOG_LEVEL) from .env apply; the demo sets everything else itself.
  applyEnvFile(process.env);
  const sample = sampleSchema.parse(JSON.parse(readFileSync(path.join(projectRoot, 'topics/kazakhstan/demo-news.json'), 'utf8')));
  const seconds = Number(process.env.DEMO_SECONDS ?? 65);
  const feeds = await startSampleFeedServer(sample);
  const prefix = `kw-demo-${Date.now()}`;
  const config = loadConfig({
    ...process.env,
    REDIS_PREFIX: prefix,
    FEED_URLS: feeds.urls.join(','),
    ALLOW_PRIVATE_NETWORK_FEEDS: 'true',
    POLL_INTERVAL_SECONDS: '3',
    POLL_MAX_INTERVAL_SECONDS: '3',
    HTTP_PORT: '0',
    DISCORD_TOKEN: '',
    TELEGRAM_BOT_TOKEN: '',
    // The demo's throw-away subscriptions must not rotate the operator's real backups away.
    BACKUP_DIR: '',
    FEEDS_FILE: '',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
  });
  console.log(`Kazwire demo: ${sample.feeds.length} sample feeds on ${feeds.urls[0]?.replace(/\/[^/]*$/, '')}, polled every 3 s.`);
  console.log(`The first poll of each feed only records what is already there; every story after that is alerted below.`);
  console.log(`Running for ${seconds} s…\n`);

  const app = await startApp(config, new Set(['poller', 'worker']), createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT }));
  try {
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const handle = createCommandServices({ config, redis: app.infra.redis, keys: app.infra.keys, news: app.news });
    try {
      const registry = createCommandRegistry(commandList);
      for (const line of ['/timeline', '/who tokayev']) {
        console.log(`\n$ npm run ask -- "${line}"\n`);
        console.log((await ask(line, { registry, services: handle.services })).output);
      }
    } finally {
      await handle.close();
    }
  } finally {
    await app.stop();
    feeds.close();
    const redis = connectRedis(config, 'client');
    await deleteKeysWithPrefix(redis, deploymentKeys(config).prefix).finally(() => redis.quit());
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? `kazwire: ${err.message}` : 'demo failed:', err instanceof ConfigError ? '' : err);
    process.exit(1);
  },
);
