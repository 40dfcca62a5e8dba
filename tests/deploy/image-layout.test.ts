import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startBotProcess, type BotProcess } from '../e2e/support/bot-process.js';
import { startHttpServer, type TestHttpServer } from '../support/http-server.js';
import { TEST_REDIS_URL, useRedis, type RedisTestContext } from '../support/redis.js';
import { rss } from '../support/rss.js';

/*
 * The Docker image, as far as it can be checked without a Docker engine: the runtime stage's files, laid out
 * in a temporary folder from the Dockerfile's own COPY lines, with a production install (`npm ci --omit=dev`,
 * so no tsx and no TypeScript) and the compiled dist/. Every CLI must run there through its npm script, and
 * `npm start` must read the .env it finds in its folder.
 */

const run = promisify(execFile);
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsc = path.join(projectRoot, 'node_modules/typescript/bin/tsc');

/** The runtime stage's COPY lines: `[from build?, source, destination]`. */
function runtimeCopies(): Array<{ fromBuild: boolean; sources: string[] }> {
  const stages = readFileSync(path.join(projectRoot, 'Dockerfile'), 'utf8').split(/^FROM /m);
  const runtime = stages.at(-1)!;
  return [...runtime.matchAll(/^COPY\s+(--from=build\s+)?(.+)$/gm)].map((m) => {
    const words = m[2]!.trim().split(/\s+/);
    return { fromBuild: !!m[1], sources: words.slice(0, -1).map((s) => s.replace(/^\/app\//, '')) };
  });
}

let work: string;
let app: string;
let ctx: RedisTestContext;
let feeds: TestHttpServer;
let bot: BotProcess | undefined;

async function npmRun(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', ...args], {
      cwd: app,
      env: { ...process.env, KAZWIRE_ENV_FILE: '/dev/null', REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: ctx.prefix, ...env },
      timeout: 120_000,
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout, err: err.stderr };
  }
}

beforeAll(async () => {
  ctx = await useRedis('image');
  feeds = await startHttpServer({
    '/news.xml': (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Steppe Wire', [])),
  });
  work = mkdtempSync(path.join(tmpdir(), 'kw-image-'));
  const build = path.join(work, 'build');
  app = path.join(work, 'app');
  mkdirSync(build);
  mkdirSync(app);
  for (const copy of runtimeCopies()) {
    for (const source of copy.sources) {
      if (copy.fromBuild && source === 'node_modules') {
        // The build stage's `npm ci` then `npm prune --omit=dev`: the same tree as a production install.
        cpSync(path.join(projectRoot, 'package.json'), path.join(build, 'package.json'));
        cpSync(path.join(projectRoot, 'package-lock.json'), path.join(build, 'package-lock.json'));
        await run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: build, timeout: 240_000 });
        renameSync(path.join(build, 'node_modules'), path.join(app, 'node_modules'));
      } else if (copy.fromBuild && source === 'dist') {
        await run(process.execPath, [tsc, '-p', path.join(projectRoot, 'tsconfig.build.json'), '--outDir', path.join(app, 'dist')], { timeout: 240_000 });
      } else if (copy.fromBuild) {
        throw new Error(`the Dockerfile copies ${source} from the build stage; teach this test how it is made`);
      } else {
        cpSync(path.join(projectRoot, source), path.join(app, source), { recursive: true });
      }
    }
  }
}, 480_000);

afterAll(async () => {
  if (bot && bot.exitCode() === undefined) bot.kill('SIGKILL');
  await feeds?.close();
  await ctx?.cleanup();
  if (work) rmSync(work, { recursive: true, force: true });
}, 120_000); // removing a production install's node_modules takes a while on a busy disk

describe('the Docker image layout (production install, compiled JavaScript)', { timeout: 180_000 }, () => {
  it('has no development tools, and runs each CLI from dist through its npm script', async () => {
    expect(existsSync(path.join(app, 'node_modules/tsx'))).toBe(false);
    expect(existsSync(path.join(app, 'node_modules/typescript'))).toBe(false);

    const list = await npmRun(['feeds', '--', 'list']);
    expect(list.err).toBe('');
    expect(list).toMatchObject({ code: 0 });
    expect(list.out).toMatch(/No feeds yet/);
    expect(list.out).toMatch(/0 feeds: 0 ok/);

    const exported = await npmRun(['subscriptions', '--', 'export', '-']);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.out)).toMatchObject({ format: 'kazwire-subscriptions', count: 0 });

    const help = await npmRun(['ask', '--', '/help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/\/subscribe/);

    const demo = await npmRun(['demo'], { DEMO_SECONDS: '1' });
    expect(demo.code).toBe(0);
    expect(demo.out).toMatch(/^Kazwire demo: \d+ sample feeds/);
  });

  it('runs npm start there, configured by the .env in its folder, the real environment winning', async () => {
    const port = await freePort();
    writeFileSync(
      path.join(app, '.env'),
      [
        '# as an operator writes it after cp .env.example .env',
        `REDIS_URL=${TEST_REDIS_URL}`,
        `REDIS_PREFIX=${ctx.prefix}`,
        `HTTP_PORT=${port}`,
        `FEED_URLS=${feeds.url('/news.xml')}`,
        'ALLOW_PRIVATE_NETWORK_FEEDS=true',
        'LOG_FORMAT=json',
        'LOG_LEVEL=error',
      ].join('\n'),
    );
    // LOG_LEVEL=info in the environment beats the file's error: the info lines below must appear.
    bot = startBotProcess({ cwd: app, env: { KAZWIRE_ENV_FILE: '', LOG_LEVEL: 'info' } });
    const running = await bot.waitForOutput('kazwire is running', 120_000);
    expect(JSON.parse(running.replace(/^\[out\] /, ''))).toMatchObject({ httpPort: port });
    expect(bot.output().some((l) => l.includes('"msg":"read .env"') && l.includes('"keptFromEnvironment":["LOG_LEVEL"]'))).toBe(true);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    bot.kill('SIGTERM');
    expect(await bot.exited).toBe(0);

    // A line it cannot read stops it at once, naming the line (and never echoing a value).
    writeFileSync(path.join(app, '.env'), `HTTP_PORT=${port}\nDISCORD_TOKEN abc.def\n`);
    const refused = startBotProcess({ cwd: app, env: { KAZWIRE_ENV_FILE: '' } });
    expect(await refused.exited).toBe(1);
    const said = refused.output().join('\n');
    expect(said).toMatch(/\.env line 2: expected NAME=value; this line starts with "DISCORD_TOKEN"/);
    expect(said).not.toContain('abc.def');
  });
});
