import { translator, type Translator } from '../../i18n/translator.js';
import { otherOutlets } from '../../news/outlets.js';
import { consolePlatform } from './platform.js';
import type { Story } from '../../news/types.js';
import type { Destination, OutgoingMessage, Sender, SentRef } from '../../delivery/core/types.js';

/** Options of createConsoleSender. */
export interface ConsoleSenderOptions {
  /** Where the text goes. Default: process.stdout. */
  write?: (text: string) => void;
  /** Stories per combined message. Default 10 (the console platform's). */
  maxStoriesPerMessage?: number;
}

/** One story as a readable block: headline, source and time, summary, link, picture, and who else reported it. */
export function renderStoryBlock(story: Story, t: Translator = translator()): string {
  const lines = [`■ ${story.title}`, `  ${story.source} · ${story.publishedAt.replace('T', ' ').slice(0, 16)} UTC`];
  if (story.summary) lines.push(`  ${story.summary}`);
  if (story.link) lines.push(`  ${story.link}`);
  if (story.image) lines.push(`  ${t.t('alert.picture')}: ${story.image}`);
  const others = otherOutlets(story);
  if (others.length > 0) lines.push(`  ${t.t('alert.alsoReportedBy', { outlets: others.map((o) => o.source).join(', ') })}`);
  return lines.join('\n');
}

/** A whole message: its heading (digests), then one block per story. */
export function renderConsoleMessage(message: OutgoingMessage): string {
  const head = message.heading ? `== ${message.heading} ==\n` : '';
  const t = translator(message.language);
  return `${head}${message.stories.map((story) => renderStoryBlock(story, t)).join('\n\n')}\n`;
}

/**
 * Prints alerts on the terminal: how Kazwire runs with no platform token (a demo, or a check of the feeds).
 * Each message starts with its number, `(message 3)`, which a later `(update of message 3)` refers to.
 */
export function createConsoleSender(options: ConsoleSenderOptions = {}): Sender {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  let next = 1;
  return {
    platform: consolePlatform,
    maxStoriesPerMessage: options.maxStoriesPerMessage ?? consolePlatform.maxStoriesPerMessage,
    async send(_destination: Destination, message: OutgoingMessage): Promise<SentRef> {
      const id = String(next++);
      write(`\n(message ${id})\n${renderConsoleMessage(message)}`);
      return { messageIds: [id] };
    },
    async edit(_destination: Destination, ref: SentRef, message: OutgoingMessage): Promise<void> {
      write(`\n(update of message ${ref.messageIds.join(', ')})\n${renderConsoleMessage(message)}`);
    },
  };
}
