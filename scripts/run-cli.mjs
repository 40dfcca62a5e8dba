/**
 * Runs one of Kazwire's command-line tools (`src/cli/<name>.ts`) the way this installation can:
 * - a development checkout (dev dependencies installed, so tsx is there) runs the TypeScript sources, so an
 *   edit takes effect at once and a stale build is never run;
 * - a production install (`npm ci --omit=dev`, the Docker image) runs the JavaScript compiled into dist/.
 * package.json: `"feeds": "node scripts/run-cli.mjs feeds"`, so `npm run feeds -- list` works in both.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z][a-z-]*$/.test(name)) {
  console.error('usage: node scripts/run-cli.mjs <feeds|ask|demo|subscriptions> [arguments]');
  process.exit(2);
}

function tsxLoader() {
  try {
    return import.meta.resolve('tsx');
  } catch {
    return undefined;
  }
}

const source = path.join(root, 'src', 'cli', `${name}.ts`);
const compiled = path.join(root, 'dist', 'src', 'cli', `${name}.js`);
const loader = existsSync(source) ? tsxLoader() : undefined;
let nodeArgs;
if (loader) nodeArgs = ['--import', loader, source, ...args];
else if (existsSync(compiled)) nodeArgs = ['--enable-source-maps', compiled, ...args];
else {
  console.error(
    `kazwire: cannot run "${name}": ${existsSync(source) ? 'tsx is not installed and ' : ''}${path.relative(root, compiled)} does not exist. ` +
      'Run `npm ci && npm run build` first (or check the name: feeds, ask, demo, subscriptions).',
  );
  process.exit(1);
}

const child = spawn(process.execPath, nodeArgs, { stdio: 'inherit' });
const forward = (signal) => () => child.kill(signal);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward(signal));
child.on('exit', (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else process.exit(code ?? 1);
});
