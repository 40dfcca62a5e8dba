import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';

/**
 * docs/architecture.md's module table, held against the code: every source file belongs to a row, every folder
 * of src/ (and every platform folder) has one, and each row's "may import" is exactly what its files import.
 */

interface ModuleRow {
  path: string;
  mayImport: Set<string>;
}

function readTable(): ModuleRow[] {
  const text = readFileSync(path.join(projectRoot, 'docs/architecture.md'), 'utf8');
  const section = text.slice(text.indexOf('## Modules'), text.indexOf('\n## ', text.indexOf('## Modules') + 1));
  const rows = section.split('\n').filter((line) => /^\| `[^`]+` \|/.test(line));
  return rows.map((line) => {
    const cells = line.split(' | ');
    const first = /`([^`]+)`/.exec(cells[0] ?? '')?.[1] ?? '';
    const last = cells[cells.length - 1] ?? '';
    return { path: first, mayImport: new Set([...last.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)) };
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(projectRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(rel);
    return entry.name.endsWith('.ts') ? [rel] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

/** The files a file names (relative imports, resolved to .ts) and the packages it imports (Node's built-ins aside). */
function importsOf(file: string): { files: string[]; packages: string[] } {
  const text = readFileSync(path.join(projectRoot, file), 'utf8');
  const files: string[] = [];
  const packages: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? '';
    if (spec.startsWith('.')) files.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '.ts'));
    else if (!spec.startsWith('node:')) packages.push(spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/'));
  }
  return { files, packages };
}

const table = readTable();
const files = [...sourceFiles('src'), ...sourceFiles('commands')];

function rowOf(file: string): string | undefined {
  return table
    .map((r) => r.path)
    .filter((p) => file === p || file.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)[0];
}

describe('docs/architecture.md', () => {
  it('has a row for every folder of src/ and every platform folder, and one for every source file', () => {
    const folders = readdirSync(path.join(projectRoot, 'src'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `src/${e.name}`)
      .filter((dir) => dir !== 'src/platforms');
    const platforms = readdirSync(path.join(projectRoot, 'src/platforms'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `src/platforms/${e.name}`);
    const paths = table.map((r) => r.path);
    expect([...folders, ...platforms, 'commands'].filter((dir) => !paths.includes(dir))).toEqual([]);
    expect(files.filter((f) => rowOf(f) === undefined)).toEqual([]);
  });

  it("lists in each row's \"may import\" exactly the modules and packages its files import", () => {
    const actual = new Map(table.map((r) => [r.path, new Set<string>()]));
    for (const file of files) {
      const own = rowOf(file)!;
      const { files: targets, packages } = importsOf(file);
      for (const target of targets) {
        const other = rowOf(target);
        if (other && other !== own) actual.get(own)!.add(other);
      }
      for (const pkg of packages) actual.get(own)!.add(pkg);
    }
    const mismatches = table.flatMap((row) => {
      const real = actual.get(row.path)!;
      const missing = [...real].filter((m) => !row.mayImport.has(m)).sort();
      const stale = [...row.mayImport].filter((m) => !real.has(m)).sort();
      return missing.length + stale.length > 0 ? [{ module: row.path, importedButNotListed: missing, listedButNotImported: stale }] : [];
    });
    expect(mismatches).toEqual([]);
  });

  it('finds what a file imports, so the check above can fail', () => {
    expect(importsOf('src/app/platforms.ts').files).toContain('src/platforms/discord/platform.ts');
    expect(importsOf('src/platforms/discord/sender.ts').packages).toContain('discord.js');
    expect(rowOf('src/delivery/core/types.ts')).toBe('src/delivery/core');
    expect(rowOf('src/delivery/fanout.ts')).toBe('src/delivery');
  });
});
