import type { Story } from '../news/types.js';
import { messageFingerprint } from '../news/story-fingerprint.js';
import type { SentRef } from './core/types.js';
import type { DeliveryContext } from './deliver-context.js';

/** Records what a message shows, once it is sent or edited (kept as long as its ids are kept for edits). */
export async function recordMessageVersion(ctx: DeliveryContext, destination: string, ref: SentRef, stories: readonly Story[]): Promise<void> {
  await ctx.state.setMessageVersion(destination, ref, messageFingerprint(stories));
}

/** True when the message, rendered from `stories`, would show what it already shows. */
export async function messageUnchanged(ctx: DeliveryContext, destination: string, ref: SentRef, stories: readonly Story[]): Promise<boolean> {
  return (await ctx.state.messageVersion(destination, ref)) === messageFingerprint(stories);
}
