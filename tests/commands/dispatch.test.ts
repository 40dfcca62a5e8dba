import { describe, expect, it, vi } from 'vitest';
import { subscribe, timeline, who } from '../../commands/index.js';
import { runCommand } from '../../src/commands/dispatch.js';
import { renderReplyText } from '../../src/commands/render-text.js';
import { defineCommand } from '../../src/commands/command.js';
import { RetryLaterError, TellUserError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { admin, channel, makeServices, member, owner } from '../support/command-doubles.js';

function failing(error: Error) {
  return defineCommand({
    name: 'boom',
    description: 'help.description',
    options: {},
    permission: 'everyone',
    examples: ['/boom'],
    run: async () => {
      throw error;
    },
  });
}

describe('runCommand', () => {
  it('refuses a bad argument privately, saying what is wrong and showing the usage', async () => {
    const reply = await runCommand(timeline, { query: 'tokayev', days: 365 }, member, channel, makeServices());
    expect(reply?.private).toBe(true);
    const text = renderReplyText(reply!);
    expect(text).toContain('days: must be a whole number from 1 to 90');
    expect(text).toContain('Usage: /timeline [query] [days=7]');
    expect(text).toContain('/timeline tokayev');
  });

  it('refuses a missing required argument privately', async () => {
    const reply = await runCommand(who, [], member, channel, makeServices());
    expect(reply?.private).toBe(true);
    expect(renderReplyText(reply!)).toContain('name: is required');
  });

  it('refuses a channel command to a member privately, saying what permission is needed', async () => {
    const services = makeServices();
    const reply = await runCommand(subscribe, {}, member, channel, services);
    expect(reply?.private).toBe(true);
    expect(renderReplyText(reply!)).toContain('You need permission to manage this channel to use /subscribe.');
    expect(await services.subscriptions.listForDestination(channel)).toEqual([]);
  });

  it('lets channel admins and owners run channel commands', async () => {
    expect((await runCommand(subscribe, {}, admin, channel, makeServices()))?.private).toBeFalsy();
    expect((await runCommand(subscribe, {}, owner, channel, makeServices()))?.private).toBeFalsy();
  });

  it('fills options from Telegram-style words in order', async () => {
    const services = makeServices();
    const reply = await runCommand(subscribe, ['Токаев', 'fuel', 'football', 'digest', '9'], admin, channel, services, {
      now: () => new Date('2022-01-07T10:00:00Z'),
    });
    expect(renderReplyText(reply!)).toContain(
      'This channel will get stories about Kassym-Jomart Tokayev containing "fuel", excluding "football", in a daily digest at 09:00 Asia/Almaty (03:00 UTC).',
    );
  });

  it('turns a TellUserError into a private reply with its message', async () => {
    const reply = await runCommand(failing(new TellUserError('Pick a smaller range.')), {}, member, channel, makeServices());
    expect(reply).toEqual({ private: true, language: 'en', blocks: [{ kind: 'text', text: 'Pick a smaller range.' }] });
  });

  it('answers any other failure with a private "try again in a minute" and logs it', async () => {
    const log = silentLogger.child({});
    const error = vi.spyOn(log, 'error');
    const reply = await runCommand(failing(new Error('redis down')), {}, member, channel, makeServices(), { log });
    expect(reply?.private).toBe(true);
    expect(renderReplyText(reply!)).toContain('Something went wrong on our side. Please try again in a minute.');
    expect(renderReplyText(reply!)).not.toContain('redis down');
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ command: 'boom' }), 'command failed');
  });

  it('logs what a Kazwire error says to do next, and tells the user only that it failed', async () => {
    const log = silentLogger.child({});
    const error = vi.spyOn(log, 'error');
    const reply = await runCommand(failing(new RetryLaterError('archive_busy', 'archive script timed out')), {}, member, channel, makeServices(), { log });
    expect(renderReplyText(reply!)).toContain('Please try again in a minute.');
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ kind: 'archive_busy', action: 'retry' }), 'command failed');
  });

  it('passes the injected clock to the command', async () => {
    const seen: Date[] = [];
    const clock = defineCommand({
      name: 'clock',
      description: 'help.description',
      options: {},
      permission: 'everyone',
      examples: [],
      run: async ({ now }) => {
        seen.push(now());
        return { blocks: [] };
      },
    });
    await runCommand(clock, {}, member, channel, makeServices(), { now: () => new Date('2022-01-06T00:00:00Z') });
    expect(seen).toEqual([new Date('2022-01-06T00:00:00Z')]);
  });
});
