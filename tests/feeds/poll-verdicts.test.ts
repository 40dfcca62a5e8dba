import { describe, expect, it } from 'vitest';
import { decidePoll, MIN_UNDATED_RESET_ITEMS, type FeedMemory, type PolledItem, type VerdictOptions } from '../../src/feeds/poll-verdicts.js';

const NOW = Date.parse('2024-03-01T12:00:00Z');
const HOUR = 3600_000;

/** Item `n`, published `hoursAgo` before NOW (undated when null). */
function polled(n: number, hoursAgo: number | null = n): PolledItem {
  const at = hoursAgo === null ? NOW : NOW - hoursAgo * HOUR;
  const iso = new Date(at).toISOString();
  return {
    item: { id: `g:${n}`, feedId: 'f-1', source: 'Wire', title: `Story ${n}`, text: '', publishedAt: iso, seenAt: new Date(NOW).toISOString() },
    identities: [`g:${n}`, `l:${n}`, `t:${n}`],
    ...(hoursAgo === null ? {} : { datedAtMs: at }),
  };
}

const options = (o: Partial<VerdictOptions> = {}): VerdictOptions => ({ backfill: 0, maxNewPerPoll: 50, maxAgeMs: 0, nowMs: NOW, ...o });
const known = (...ids: string[]) => new Set(ids);
/** A feed that was polled before and served `lastDocItems`, the newest `newestHoursAgo` before NOW. */
const initialised = (lastDocItems = 3, newestHoursAgo = 1, more: Partial<FeedMemory> = {}): FeedMemory => ({
  initialized: true,
  lastDocItems,
  lastDocNewestAtMs: NOW - newestHoursAgo * HOUR,
  ...more,
});
const first: FeedMemory = { initialized: false, lastDocItems: 0 };

const alerted = (v: ReturnType<typeof decidePoll>) => v.handOn.filter((h) => h.alert).map((h) => h.item.id);
const reasons = (v: ReturnType<typeof decidePoll>) => Object.fromEntries(v.notAlerted.map((n) => [n.item.id, n.reason]));

describe('decidePoll', () => {
  it('alerts every new item of an initialised feed, whatever its date, and counts the known ones as seen', () => {
    const v = decidePoll([polled(1, 24 * 800), polled(2, 2), polled(3, 3)], known('g:3'), initialised(3, 2), options());
    expect(v.mode).toBe('ordinary');
    expect(alerted(v).sort()).toEqual(['g:1', 'g:2']);
    expect(reasons(v)).toEqual({ 'g:3': 'seen' });
  });

  it('takes an item for known when any of its identities is, and says which', () => {
    const rewritten = { ...polled(1), item: { ...polled(1).item, id: 'g:new-guid' }, identities: ['g:new-guid', 'l:1', 't:1'] };
    const v = decidePoll([rewritten, polled(2)], known('l:1', 't:1'), initialised(), options());
    expect(reasons(v)).toEqual({ 'g:new-guid': 'seen' });
    expect(v.knownByOther).toEqual([{ item: rewritten.item, knownBy: ['l', 't'] }]);
  });

  it('does not alert items older than the age limit, and hands them on to be archived', () => {
    const v = decidePoll([polled(1, 1), polled(2, 30)], known(), initialised(3, 40), options({ maxAgeMs: 24 * HOUR }));
    expect(alerted(v)).toEqual(['g:1']);
    expect(reasons(v)).toEqual({ 'g:2': 'too_old' });
    expect(v.handOn.map((h) => h.item.id)).toEqual(['g:1', 'g:2']);
  });

  it('alerts only the newest new items of a poll up to the cap, and records the rest without handing them on', () => {
    const items = Array.from({ length: 8 }, (_, i) => polled(i + 1, i + 1));
    const v = decidePoll(items, known(), initialised(3, 20), options({ maxNewPerPoll: 5 }));
    expect(alerted(v)).toEqual(['g:1', 'g:2', 'g:3', 'g:4', 'g:5']);
    expect(v.overCap).toBe(3);
    expect(reasons(v)).toEqual({ 'g:6': 'over_cap', 'g:7': 'over_cap', 'g:8': 'over_cap' });
    expect(v.handOn).toHaveLength(5);
  });

  it('alerts the newest backfill of a first poll, and archives its backlog up to the cap', () => {
    const items = Array.from({ length: 6 }, (_, i) => polled(i + 1, i + 1));
    const v = decidePoll(items, known(), first, options({ backfill: 2, maxNewPerPoll: 4 }));
    expect(v.mode).toBe('first_poll');
    expect(alerted(v)).toEqual(['g:1', 'g:2']);
    expect(v.handOn.map((h) => h.item.id)).toEqual(['g:1', 'g:2', 'g:3', 'g:4']);
    expect(new Set(Object.values(reasons(v)))).toEqual(new Set(['first_poll']));
    expect(v.notAlerted).toHaveLength(4);
  });

  describe('resets', () => {
    const republished = [polled(11, 5), polled(12, 6), polled(13, 7)]; // the same age as the items they replace

    it('is a reset when every item is unknown and they are dated like the ones the feed served before', () => {
      const v = decidePoll(republished, known(), initialised(3, 5), options({ backfill: 1 }));
      expect(v.mode).toBe('reset');
      expect(alerted(v)).toEqual(['g:11']);
      expect(reasons(v)).toEqual({ 'g:12': 'reset', 'g:13': 'reset' });
      expect(v.handOn.map((h) => h.item.id)).toEqual(['g:11']); // archived before, under their old ids
    });

    it('is not a reset when the unknown items are newer than anything the feed served: a small feed moving on', () => {
      const v = decidePoll([polled(21, 0.5)], known(), initialised(1, 5), options());
      expect(v.mode).toBe('ordinary');
      expect(alerted(v)).toEqual(['g:21']);
    });

    it('is a reset when more than half of the dated items are no newer than the previous document', () => {
      const most = [polled(31, 1), polled(32, 6), polled(33, 7)];
      expect(decidePoll(most, known(), initialised(3, 5), options()).mode).toBe('reset');
      const half = [polled(31, 1), polled(32, 6)];
      expect(decidePoll(half, known(), initialised(2, 5), options()).mode).toBe('ordinary');
    });

    it('is not a reset when any item is known', () => {
      expect(decidePoll(republished, known('t:12'), initialised(3, 5), options()).mode).toBe('ordinary');
    });

    it('is not a reset on a first poll, nor when the feed has never served an item', () => {
      expect(decidePoll(republished, known(), first, options()).mode).toBe('first_poll');
      const empty = decidePoll(republished, known(), { initialized: true, lastDocItems: 0 }, options());
      expect(empty.mode).toBe('ordinary');
      expect(alerted(empty)).toHaveLength(3);
    });

    it('needs, without dates, at least the minimum of items in both documents', () => {
      const undated = (count: number) => Array.from({ length: count }, (_, i) => polled(40 + i, null));
      const min = MIN_UNDATED_RESET_ITEMS;
      const noDates: FeedMemory = { initialized: true, lastDocItems: min };
      expect(decidePoll(undated(min), known(), noDates, options()).mode).toBe('reset');
      expect(decidePoll(undated(min - 1), known(), noDates, options()).mode).toBe('ordinary');
      expect(decidePoll(undated(min), known(), { ...noDates, lastDocItems: min - 1 }, options()).mode).toBe('ordinary');
    });

    it('alerts nothing on a reset within a day of the last one: the feed changes every id on every poll', () => {
      const v = decidePoll(republished, known(), initialised(3, 5, { lastResetAtMs: NOW - 2 * HOUR }), options({ backfill: 2 }));
      expect(v.mode).toBe('repeated_reset');
      expect(v.handOn).toEqual([]);
      expect(new Set(Object.values(reasons(v)))).toEqual(new Set(['reset']));
      const dayLater = decidePoll(republished, known(), initialised(3, 5, { lastResetAtMs: NOW - 25 * HOUR }), options({ backfill: 2 }));
      expect(alerted(dayLater)).toHaveLength(2);
    });
  });

  it('alerts, on the first poll of a feed re-added after Redis lost its data, the items dated after the newest it served', () => {
    const memory: FeedMemory = { ...first, alertAfterMs: NOW - 3 * HOUR };
    const v = decidePoll([polled(1), polled(2), polled(3), polled(4, null)], known(), memory, options());
    expect(v.mode).toBe('first_poll');
    expect(alerted(v).sort()).toEqual(['g:1', 'g:2']);
    // As old (that newest item itself), older, or undated (it may be anything): the backlog it was before the loss.
    expect(reasons(v)).toEqual({ 'g:3': 'first_poll', 'g:4': 'first_poll' });
  });

  it('gives every item of the document exactly one outcome', () => {
    const items = Array.from({ length: 12 }, (_, i) => polled(i + 1, i * 10));
    const v = decidePoll(items, known('g:1', 'l:2'), initialised(5, 200), options({ maxNewPerPoll: 6, maxAgeMs: 48 * HOUR }));
    const outcomes = new Map<string, string>();
    for (const { item, reason } of v.notAlerted) outcomes.set(item.id, reason);
    for (const id of alerted(v)) {
      expect(outcomes.has(id)).toBe(false);
      outcomes.set(id, 'alert');
    }
    expect(outcomes.size).toBe(items.length);
    expect(v.notAlerted.length + alerted(v).length).toBe(items.length);
  });
});
