import path from 'node:path';

/**
 * A file argument as the user meant it: relative to the folder they ran the command in. `npm run` moves to the
 * project root, but keeps the caller's folder in INIT_CWD.
 */
export function userPath(file: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
}
