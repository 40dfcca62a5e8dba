/**
 * `npm start`'s first step. In a development checkout (TypeScript installed) it compiles the project, so the
 * bot always runs what is in src/. A production install (`npm ci --omit=dev`, the Docker image) has no compiler:
 * there it runs the dist/ that was built with the image, and says so when that is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

if (existsSync(tsc)) {
  const build = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
  process.exit(build.status ?? 1);
}
if (!existsSync(path.join(root, 'dist', 'src', 'main.js'))) {
  console.error('kazwire: dist/ is missing and TypeScript is not installed to build it: run `npm ci && npm run build` first.');
  process.exit(1);
}
