import { REST, Routes } from 'discord.js';
import { SendError, type Destination, type EntityLabels, type OutgoingMessage, type Sender, type SentRef } from '../../delivery/core/types.js';
import { silentLogger, type Logger } from '../../log.js';
import { toSendError } from './errors.js';
import { nonceFor } from './nonce.js';
import { discordPlatform } from './platform.js';
import { renderDiscordMessage } from './render.js';

/** Options of the Discord sender. */
export interface DiscordSenderOptions {
  /** Bot token (without the `Bot ` prefix). */
  token: string;
  /** REST base, e.g. `https://discord.com/api` or a local fake; discord.js appends `/v10`. */
  apiUrl: string;
  /** Default `silentLogger`. */
  logger?: Logger;
  /** Longest wait for one HTTP request, in ms. Default 15000. A timeout is a transient failure. */
  requestTimeoutMs?: number;
  /** Names of actors and places in the reader's language (the topic pack's); without it the ids are shown. */
  labels?: EntityLabels;
}

/**
 * Posts stories to Discord channels and threads through discord.js REST. The client never waits or
 * retries on its own (`retries: 0`, every rate limit rejects): pacing and retries belong to the delivery
 * layer in Redis, so a 429 comes back at once as a `rate-limited` SendError with its delay.
 */
export function createDiscordSender(options: DiscordSenderOptions): Sender {
  const log = (options.logger ?? silentLogger).child({ module: 'discord-sender' });
  const rest = new REST({
    api: options.apiUrl,
    version: '10',
    timeout: options.requestTimeoutMs ?? 15_000,
    retries: 0,
    rejectOnRateLimit: () => true,
  }).setToken(options.token);

  // The delivery layer counts rate-limited sends in metrics; this log tells a served 429 (we paced too
  // fast, or another process shares the token) from the client's own refusal before sending.
  rest.on('response', (request, response) => {
    if (response.status !== 429) return;
    const scope = response.headers.get('x-ratelimit-scope') ?? 'user';
    log.warn({ route: request.route, scope, retryAfter: response.headers.get('retry-after') }, 'discord answered 429');
  });

  // Threads are channels in Discord's API: a thread subscription posts to the thread id.
  const channelOf = (d: Destination) => d.threadId ?? d.chatId;

  async function call<T>(what: string, channelId: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      const sendError = toSendError(err, what);
      log.warn({ channelId, failure: sendError.failure, err: sendError.message }, `discord ${what} failed`);
      throw sendError;
    }
  }

  return {
    platform: discordPlatform,
    maxStoriesPerMessage: discordPlatform.maxStoriesPerMessage,

    async send(destination, message: OutgoingMessage, idempotencyKey): Promise<SentRef> {
      const channelId = channelOf(destination);
      const bodies = renderDiscordMessage(message, options.labels);
      if (bodies.length === 0) throw new SendError({ kind: 'rejected', reason: 'the message has no stories' }, 'discord send refused: nothing to post');
      const messageIds: string[] = [];
      for (const [part, body] of bodies.entries()) {
        // Same key, same nonce: a retry after a timeout gets the first message back instead of a duplicate.
        const posted = await call('send', channelId, () =>
          rest.post(Routes.channelMessages(channelId), {
            body: { ...body, nonce: nonceFor(idempotencyKey, part), enforce_nonce: true },
          }),
        );
        messageIds.push((posted as { id: string }).id);
      }
      log.debug({ channelId, messageIds, stories: message.stories.length }, 'discord message sent');
      return { messageIds };
    },

    async edit(destination, ref, message): Promise<void> {
      const channelId = channelOf(destination);
      const bodies = renderDiscordMessage(message, options.labels);
      if (bodies.length > ref.messageIds.length) {
        log.warn({ channelId, parts: bodies.length, messages: ref.messageIds.length }, 'edit has more parts than posted messages; extra parts dropped');
      }
      for (const [i, messageId] of ref.messageIds.entries()) {
        const body = bodies[i];
        if (!body) break;
        await call('edit', channelId, () => rest.patch(Routes.channelMessage(channelId, messageId), { body }));
      }
    },
  };
}
