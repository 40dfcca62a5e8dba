/**
 * `npx tsx bench/soak/heap-summary.ts <file.heapsnapshot>`: the heap's self size by constructor (or node type),
 * largest first, so a soak's snapshot says where the memory goes without opening DevTools.
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export function summarise(file: string, top = 25): Array<{ name: string; count: number; mb: number }> {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const totals = new Map<string, { count: number; bytes: number }>();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]!]!;
    const name = type === 'object' || type === 'closure' ? `${type} ${snap.strings[snap.nodes[i + nameAt]!]}` : `(${type})`;
    const t = totals.get(name) ?? { count: 0, bytes: 0 };
    t.count++;
    t.bytes += snap.nodes[i + sizeAt]!;
    totals.set(name, t);
  }
  return [...totals]
    .map(([name, t]) => ({ name, count: t.count, mb: t.bytes / 1024 / 1024 }))
    .sort((a, b) => b.mb - a.mb)
    .slice(0, top);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npx tsx bench/soak/heap-summary.ts <file.heapsnapshot>');
    process.exit(2);
  }
  const rows = summarise(file);
  const total = rows.reduce((n, r) => n + r.mb, 0);
  for (const r of rows) console.log(`${r.mb.toFixed(1).padStart(8)} MB ${String(r.count).padStart(9)}  ${r.name}`);
  console.log(`${total.toFixed(1).padStart(8)} MB in the top ${rows.length}`);
}
