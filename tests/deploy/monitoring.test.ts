import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { metricsRegistry } from '../../src/metrics.js';

const deploy = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../deploy');

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { uid: string };
  targets?: Array<{ expr: string; refId: string }>;
}
interface Rule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: string };
  annotations: { summary: string; description: string };
}

const dashboard = JSON.parse(readFileSync(path.join(deploy, 'grafana-dashboard.json'), 'utf8')) as { uid: string; title: string; panels: Panel[]; templating: { list: Array<{ name: string; type: string }> } };
const rules = (parseYaml(readFileSync(path.join(deploy, 'prometheus-rules.yml'), 'utf8')) as { groups: Array<{ name: string; rules: Rule[] }> }).groups.flatMap((g) => g.rules);

/** Metrics Prometheus makes itself, not Kazwire. */
const PROMETHEUS_OWN = new Set(['up']);
/** PromQL functions, aggregations and keywords. */
const PROMQL_WORDS = new Set(
  'sum min max avg count rate irate increase delta histogram_quantile clamp_min clamp_max by without and or unless on ignoring group_left group_right offset bool abs absent topk bottomk time vector scalar'.split(' '),
);

/** Each metric a PromQL expression reads, with the label names its selectors use. */
function selectors(expr: string): Array<{ metric: string; labels: string[] }> {
  const noStrings = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const noGroupings = noStrings.replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, ' ');
  const found: Array<{ metric: string; labels: string[] }> = [];
  for (const m of noGroupings.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)(?![a-zA-Z0-9_:])\s*(\{[^}]*\})?(?!\s*\()/g)) {
    const name = m[1]!;
    if (PROMQL_WORDS.has(name) || /^\d/.test(name)) continue;
    const labels = [...(m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!=|!~|=)/g)].map((l) => l[1]!);
    found.push({ metric: name, labels });
  }
  return found;
}

/** What the registry exports: metric name -> label names (histograms also as _bucket, _sum, _count). */
async function exported(): Promise<Map<string, Set<string>>> {
  const names = new Map<string, Set<string>>();
  for (const metric of await metricsRegistry.getMetricsAsJSON()) {
    const single = metricsRegistry.getSingleMetric(metric.name) as unknown as { labelNames?: string[] } | undefined;
    const labels = new Set(single?.labelNames ?? []);
    names.set(metric.name, labels);
    if (String(metric.type) === 'histogram') {
      for (const suffix of ['_bucket', '_sum', '_count']) names.set(metric.name + suffix, new Set([...labels, ...(suffix === '_bucket' ? ['le'] : [])]));
    }
  }
  return names;
}

const exprs = [
  ...dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ where: `dashboard panel "${p.title}"`, expr: t.expr }))),
  ...rules.map((r) => ({ where: `alert ${r.alert}`, expr: r.expr })),
];

describe('deploy/ monitoring files', () => {
  it('read only metrics Kazwire exports, with labels those metrics have', async () => {
    const known = await exported();
    const problems: string[] = [];
    for (const { where, expr } of exprs) {
      const used = selectors(expr);
      if (used.length === 0) problems.push(`${where}: reads no metric (${expr})`);
      for (const { metric, labels } of used) {
        if (PROMETHEUS_OWN.has(metric)) continue;
        const labelNames = known.get(metric);
        if (!labelNames) {
          problems.push(`${where}: ${metric} is not exported`);
          continue;
        }
        for (const label of labels) if (!labelNames.has(label)) problems.push(`${where}: ${metric} has no label ${label}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('reads metric names the way the checker above sees them', () => {
    expect(selectors('max by (state) (kazwire_feeds{state="failing"}) / clamp_min(sum(rate(x_total[5m])), 1)')).toEqual([
      { metric: 'kazwire_feeds', labels: ['state'] },
      { metric: 'x_total', labels: [] },
    ]);
  });

  it('alert on failing feeds, delivery errors, queue backlog, 429s and a component down, each with a severity and an explanation', () => {
    const exprsOf = (pattern: RegExp) => rules.filter((r) => pattern.test(r.expr));
    expect(exprsOf(/kazwire_feeds\{state="failing"\}/).length).toBeGreaterThan(0);
    expect(exprsOf(/kazwire_deliveries_total\{result=~/).length).toBeGreaterThan(0);
    expect(exprsOf(/kazwire_queue_jobs\{queue="deliveries"/).length).toBeGreaterThan(0);
    expect(exprsOf(/kazwire_platform_429_total/).length).toBeGreaterThan(0);
    expect(exprsOf(/kazwire_component_up\) == 0/).length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.labels.severity, rule.alert).toMatch(/^(warning|critical)$/);
      expect(rule.for, rule.alert).toMatch(/^\d+[smh]$/);
      expect(rule.annotations.summary.length, rule.alert).toBeGreaterThan(10);
      expect(rule.annotations.description.length, rule.alert).toBeGreaterThan(20);
    }
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
  });

  it('is a Grafana dashboard with a Prometheus data source choice and panels that do not overlap', () => {
    expect(dashboard).toMatchObject({ uid: 'kazwire-overview', title: 'Kazwire' });
    expect(dashboard.templating.list).toContainEqual(expect.objectContaining({ name: 'datasource', type: 'datasource' }));
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Set<string>();
    for (const p of dashboard.panels) {
      if (p.type !== 'row') expect(p.datasource?.uid, p.title).toBe('${datasource}');
      for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++) {
        for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
          expect(cells.has(`${x},${y}`), `${p.title} overlaps another panel at ${x},${y}`).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
    }
  });

  it('exports stock process metrics without a prefix, so stock dashboards find them', async () => {
    const known = await exported();
    expect(known.has('process_cpu_seconds_total')).toBe(true);
    expect(known.has('nodejs_heap_size_used_bytes')).toBe(true);
    expect([...known.keys()].some((n) => n.includes('process_process'))).toBe(false);
  });
});
