/** One scrape of GET /metrics, read as Prometheus text. */
export interface Scrape {
  /** The sample `name{labels}`, or 0 when absent; labels must match exactly (all of them). */
  value(name: string, labels?: Record<string, string>): number;
  /** Every sample of `name`, with its labels. */
  samples(name: string): Array<{ labels: Record<string, string>; value: number }>;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Fetches and parses a Prometheus endpoint. */
export async function scrape(url: string): Promise<Scrape> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
  const all: Array<{ name: string; labels: Record<string, string>; value: number }> = [];
  for (const line of (await res.text()).split('\n')) {
    if (line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (m[2] ?? '').matchAll(LABEL)) labels[key!] = value!;
    all.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  const samples = (name: string) => all.filter((s) => s.name === name).map(({ labels, value }) => ({ labels, value }));
  return {
    samples,
    value(name, labels = {}) {
      const want = Object.entries(labels);
      const found = samples(name).find(
        (s) => Object.keys(s.labels).length === want.length && want.every(([k, v]) => s.labels[k] === v),
      );
      return found?.value ?? 0;
    },
  };
}
