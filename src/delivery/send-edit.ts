import { resolveTarget, waitTurn, type DeliveryContext, type RunningJob } from './deliver-context.js';
import { handleSendFailure } from './failures.js';
import { messageUnchanged, recordMessageVersion } from './message-version.js';
import { presentationOf } from './presentation.js';

export type EditOutcome = 'edited' | 'nothing_to_edit' | 'unchanged';

/**
 * Re-renders the message a story was sent in with the story's current state (more outlets joined).
 * A combined message is re-rendered whole, with every story it carries. A message that would show what it
 * already shows (the update was there when it was sent, or an earlier edit showed it) is not edited.
 */
export async function deliverEdit(
  ctx: DeliveryContext,
  running: RunningJob,
  data: { destination: string; storyId: string },
): Promise<EditOutcome> {
  const sent = (await ctx.state.sentMessages(data.storyId)).get(data.destination);
  const target = await resolveTarget(ctx, data.destination);
  if (!sent || !target.sender) return 'nothing_to_edit';
  const stories = await ctx.stories.getStories(sent.storyIds);
  if (stories.length === 0) return 'nothing_to_edit';
  const ref = { messageIds: sent.messageIds };
  if (await messageUnchanged(ctx, target.key, ref, stories)) {
    ctx.logger.debug({ destination: target.key, storyId: data.storyId }, 'message already shows the story as it is; not edited');
    return 'unchanged';
  }
  await waitTurn(ctx, running, target);
  try {
    const subs = await ctx.subscriptions.listForDestination(target.destination);
    await target.sender.edit(target.destination, ref, {
      kind: 'alert',
      stories,
      ...(target.language ? { language: target.language } : {}),
      presentation: presentationOf(subs),
    });
  } catch (err) {
    return handleSendFailure(ctx, running, { target, ownStoryIds: [], what: 'edit' }, err);
  }
  await recordMessageVersion(ctx, target.key, ref, stories);
  return 'edited';
}
