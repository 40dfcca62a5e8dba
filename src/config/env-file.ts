import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './env.js';

/**
 * Reading `.env`: the file `cp .env.example .env` makes. Node's own `util.parseEnv` and the `dotenv` package
 * both skip a line they cannot read without a word, which is how a newcomer's token ends up silently ignored;
 * this reader accepts the same syntax and stops at the first line it cannot read, naming it.
 *
 * Syntax: `NAME=value` per line, optionally `export NAME=value`; blank lines and `# comments`; values may be
 * unquoted (a ` #` starts a comment, surrounding spaces are trimmed), 'single-quoted' (literal), "double-quoted"
 * (`\n`, `\t`, `\"`, `\\` escapes) or `backticked`; quoted values may span lines. A later line wins over an earlier one.
 */

/** The variable that names another file to read instead of `./.env` (e.g. `/dev/null` to read none). */
export const ENV_FILE_VARIABLE = 'KAZWIRE_ENV_FILE';

/** A `.env` file that cannot be read; the message names the file and the line. */
export class EnvFileError extends ConfigError {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    problem: string,
  ) {
    super([line === undefined ? `${file}: ${problem}` : `${file} line ${line}: ${problem}`]);
    this.name = 'EnvFileError';
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** Parses the text of a `.env` file. Throws EnvFileError naming the first line it cannot read. */
export function parseEnvFile(text: string, file = '.env'): Record<string, string> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const out: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!.trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const statement = raw.replace(/^export\s+/, '');
    const eq = statement.indexOf('=');
    if (eq < 0) {
      throw new EnvFileError(file, lineNo, `expected NAME=value; this line starts with "${firstWord(statement)}"`);
    }
    const name = statement.slice(0, eq).trim();
    if (!NAME.test(name)) {
      throw new EnvFileError(file, lineNo, `"${firstWord(name)}" is not a variable name (letters, digits and _, not starting with a digit)`);
    }
    let rest = statement.slice(eq + 1).trimStart();
    const quote = rest[0];
    if (quote === '"' || quote === "'" || quote === '`') {
      // A quoted value may go on over the next lines, until its closing quote.
      let body = rest.slice(1);
      let close = findClosingQuote(body, quote);
      const startLine = lineNo;
      while (close < 0 && i + 1 < lines.length) {
        body += '\n' + lines[++i]!;
        close = findClosingQuote(body, quote);
      }
      if (close < 0) throw new EnvFileError(file, startLine, `the value of ${name} opens a ${quote} quote that is never closed`);
      const after = body.slice(close + 1).trim();
      if (after !== '' && !after.startsWith('#')) {
        throw new EnvFileError(file, i + 1, `unexpected text after the closing quote of ${name}'s value`);
      }
      const value = body.slice(0, close);
      out[name] = quote === '"' ? value.replace(/\\(.)/g, (m, c: string) => ESCAPES[c] ?? m) : value;
      continue;
    }
    const comment = rest.search(/\s#/);
    if (comment >= 0) rest = rest.slice(0, comment);
    out[name] = rest.trim();
  }
  return out;
}

/** Index of the first unescaped `quote` in `s` (backslash escapes only count inside double quotes), or -1. */
function findClosingQuote(s: string, quote: string): number {
  for (let i = 0; i < s.length; i++) {
    if (quote === '"' && s[i] === '\\') {
      i++;
      continue;
    }
    if (s[i] === quote) return i;
  }
  return -1;
}

/** What a line starts with, short, so an error never echoes a whole line (it may hold a token). */
function firstWord(s: string): string {
  const word = s.trim().split(/[\s=]/)[0] ?? '';
  return word.length > 40 ? `${word.slice(0, 40)}…` : word;
}

/** What {@link applyEnvFile} read. */
export interface EnvFileResult {
  /** The file read, or undefined when there was none (no `.env`, which is fine). */
  file?: string;
  /** Variables set from the file. */
  applied: string[];
  /** Variables in the file that the real environment already set (the environment wins). */
  shadowed: string[];
}

/**
 * Reads `.env` in `cwd` (or the file `KAZWIRE_ENV_FILE` names) into `env`, leaving every variable the real
 * environment already has as it is. A missing `./.env` is fine; a missing `KAZWIRE_ENV_FILE` or a line that
 * cannot be read throws EnvFileError.
 */
export function applyEnvFile(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): EnvFileResult {
  const named = env[ENV_FILE_VARIABLE]?.trim();
  const file = path.resolve(cwd, named || '.env');
  if (!existsSync(file)) {
    if (named) throw new EnvFileError(file, undefined, `no such file (named by ${ENV_FILE_VARIABLE})`);
    return { applied: [], shadowed: [] };
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new EnvFileError(file, undefined, `cannot be read: ${(err as Error).message}`);
  }
  const applied: string[] = [];
  const shadowed: string[] = [];
  for (const [name, value] of Object.entries(parseEnvFile(text, file))) {
    if (name in env) shadowed.push(name);
    else {
      env[name] = value;
      applied.push(name);
    }
  }
  return { file, applied, shadowed };
}
