import { paceOrDelay, resolveTarget, type DeliveryContext, type RunningJob } from './deliver-context.js';
import { handleSendFailure } from './failures.js';

export type EditOutcome = 'edited' | 'nothing_to_edit';

/**
 * Re-renders the message a story was sent in with the story's current state (more outlets joined).
 * A combined message is re-rendered whole, with every story it carries.
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
  await paceOrDelay(ctx, running, target, false);
  try {
    await target.sender.edit(target.destination, { messageIds: sent.messageIds }, { kind: 'alert', stories });
  } catch (err) {
    return handleSendFailure(ctx, running, { target, ownStoryIds: [], what: 'edit' }, err);
  }
  return 'edited';
}
