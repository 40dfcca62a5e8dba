import type { Story } from '../news/types.js';
import { messageFingerprint } from '../news/story-fingerprint.js';
import type { SentRef } from './core/types.js';
import type { DeliveryContext } from './deliver-context.js';

/** How long a message's version is kept, in seconds: as long as its ids are kept for edits (3 days). */
const VERSION_TTL_SECONDS = 3 * 86_400;

function versionKey(ctx: DeliveryContext, destination: string, ref: SentRef): string {
  return ctx.keys.messageVersion(destination, ref.messageIds.join(','));
}

/** Records what a message shows, once it is sent or edited. */
export async function recordMessageVersion(ctx: DeliveryContext, destination: string, ref: SentRef, stories: readonly Story[]): Promise<void> {
  await ctx.redis.set(versionKey(ctx, destination, ref), messageFingerprint(stories), 'EX', VERSION_TTL_SECONDS);
}

/** True when the message, rendered from `stories`, would show what it already shows. */
export async function messageUnchanged(ctx: DeliveryContext, destination: string, ref: SentRef, stories: readonly Story[]): Promise<boolean> {
  return (await ctx.redis.get(versionKey(ctx, destination, ref))) === messageFingerprint(stories);
}
