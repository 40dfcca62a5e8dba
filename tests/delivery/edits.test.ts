import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type DeliveryHarness } from './harness.js';
import { makeStory, waitFor } from './helpers.js';
import { fanOutStory } from '../../src/delivery/fanout.js';

describe('story updates', () => {
  let h: DeliveryHarness;
  afterEach(() => h.close());

  it('edits a sent combined message once for a burst of updates, keeping every story it carries', async () => {
    h = await createHarness('edits');
    await h.subscribe({ platform: 'telegram', chatId: '42' });
    await Promise.all([h.publish('a'), h.publish('b')]);
    h.startWorker();
    await waitFor(() => h.sender.storiesSentTo('telegram:42').length === 2, 10_000, 'both stories');
    expect(h.sender.sends).toHaveLength(1); // combined

    h.stories.put(makeStory('a', { alsoReportedBy: [{ source: 'Reuters', title: 'x' }] }));
    const deps = { redis: h.ctx.redis, keys: h.ctx.keys, deliveries: h.deliveries, subscriptions: h.store, stories: h.stories };
    for (let i = 0; i < 4; i++) await fanOutStory({ ...deps, editIntervalMs: 500 }, { storyId: 'a', kind: 'update' }, Date.now());
    await waitFor(() => h.sender.edits.length >= 1, 10_000, 'the edit');
    await new Promise((r) => setTimeout(r, 300));

    expect(h.sender.edits.length).toBeLessThanOrEqual(2); // one per 500 ms window, and the burst spans at most two
    const edit = h.sender.edits[0]!;
    expect(edit.ref).toEqual(h.sender.sends[0]!.ref);
    expect(edit.message.stories.map((s) => s.id).sort()).toEqual(['a', 'b']);
    expect(edit.message.stories.find((s) => s.id === 'a')?.alsoReportedBy).toHaveLength(1);
  });

  it('does not edit a message that already shows the story as it is, nor edit twice for one change', async () => {
    h = await createHarness('edits-unchanged');
    await h.subscribe({ platform: 'telegram', chatId: '42' });
    // The outlet joined before the alert went out: the message shows it already.
    await h.publish(makeStory('a', { alsoReportedBy: [{ source: 'Reuters', title: 'x' }] }));
    h.startWorker();
    await waitFor(() => h.sender.storiesSentTo('telegram:42').length === 1, 10_000, 'the alert');
    const deps = { redis: h.ctx.redis, keys: h.ctx.keys, deliveries: h.deliveries, subscriptions: h.store, stories: h.stories, editIntervalMs: 200 };
    const editsDone = async () => (await h.deliveries.getJobs(['completed'])).filter((j) => j.name === 'edit').map((j) => j.returnvalue as string);

    await fanOutStory(deps, { storyId: 'a', kind: 'update' }, Date.now());
    await waitFor(async () => (await editsDone()).length === 1, 10_000, 'the edit job');
    expect(await editsDone()).toEqual(['unchanged']);
    expect(h.sender.edits).toHaveLength(0);

    h.stories.put(makeStory('a', { alsoReportedBy: [{ source: 'Reuters', title: 'x' }, { source: 'AKIpress', title: 'y' }] }));
    await fanOutStory(deps, { storyId: 'a', kind: 'update' }, Date.now());
    await waitFor(() => h.sender.edits.length === 1, 10_000, 'the real edit');
    await new Promise((r) => setTimeout(r, 250)); // the next edit window
    await fanOutStory(deps, { storyId: 'a', kind: 'update' }, Date.now());
    await waitFor(async () => (await editsDone()).length === 3, 10_000, 'the third edit job');
    expect((await editsDone()).sort()).toEqual(['edited', 'unchanged', 'unchanged']);
    expect(h.sender.edits).toHaveLength(1);
  });
});
