/**
 * Reads what the console platform printed (every bot process's stdout): messages start with `(message N)` or
 * `(update of message N)`, and each story block names its link. A story link that arrives in two new messages
 * (not updates), in one process or across processes, is a duplicate delivery.
 */
export interface DeliveryTally {
  /** Story blocks in new messages. */
  delivered: number;
  /** Story blocks in updates (edits). */
  updated: number;
  messages: number;
  /** Story links delivered more than once as new messages. */
  duplicates: number;
  /** Log lines at warn or above (JSON logs), by message. */
  warnings: Map<string, number>;
  /** A reader for one process's stdout: feed it chunks as they come (a chunk may end mid-line). */
  reader(): (chunk: string) => void;
}

type Mode = 'none' | 'new' | 'update';

export function createDeliveryTally(): DeliveryTally {
  const seen = new Set<string>();
  const tally: DeliveryTally = {
    delivered: 0,
    updated: 0,
    messages: 0,
    duplicates: 0,
    warnings: new Map(),
    reader() {
      const state = { mode: 'none' as Mode, rest: '' };
      return (chunk) => {
        const lines = (state.rest + chunk).split('\n');
        state.rest = lines.pop() ?? '';
        for (const line of lines) read(line, state);
      };
    },
  };
  function read(line: string, state: { mode: Mode }): void {
    if (line.startsWith('{')) {
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string };
        if ((entry.level ?? 0) >= 40) tally.warnings.set(entry.msg ?? '?', (tally.warnings.get(entry.msg ?? '?') ?? 0) + 1);
      } catch {
        // Not a log line.
      }
      return;
    }
    if (/^\(message \d+\)$/.test(line)) {
      state.mode = 'new';
      tally.messages++;
    } else if (/^\(update of message [\d, ]+\)$/.test(line)) {
      state.mode = 'update';
    } else if (/^ {2}https?:\/\/\S+$/.test(line) && state.mode !== 'none') {
      const link = line.trim();
      if (state.mode === 'update') {
        tally.updated++;
      } else {
        tally.delivered++;
        if (seen.has(link)) tally.duplicates++;
        seen.add(link);
      }
    }
  }
  return tally;
}
