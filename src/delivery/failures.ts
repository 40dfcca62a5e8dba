import { UnrecoverableError } from 'bullmq';
import { errorMessage } from '../errors.js';
import { deliveries, platform429s } from '../metrics.js';
import { SendError, destinationKey as keyOf, type Destination } from './core/types.js';
import { delayJob, type DeliveryContext, type DeliveryTarget, type RunningJob } from './deliver-context.js';

/** What failed to be sent, for the failure handler. */
export interface FailedSend {
  target: DeliveryTarget;
  /** Stories the job itself is responsible for (dropped from pending when the platform rejects them). */
  ownStoryIds: string[];
  what: 'alert' | 'edit' | 'digest';
}

/**
 * Decides what a failed send leads to, by `SendError.failure.kind`. Never returns: it delays the job,
 * throws for a retry with backoff, or throws UnrecoverableError to stop.
 * - rate-limited: cooldown for the chat (or the whole platform when global), then the job waits it out as delayed.
 * - transient (and any error that is not a SendError): retried with capped exponential backoff; once the attempts
 *   are spent, an alert or digest waits as a delayed job and is tried every `outageRetryMs` (never given up).
 * - destination-gone: retried up to `goneAfterTries`, then every subscription of the destination is paused.
 * - migrated: subscriptions and waiting stories move to the new chat; the job runs again at once, sending there.
 * - rejected: this message will never be accepted; given up.
 */
export async function handleSendFailure(
  ctx: DeliveryContext,
  running: RunningJob,
  failed: FailedSend,
  err: unknown,
): Promise<never> {
  const { target } = failed;
  const { destination, key: dest } = target;
  const platform = destination.platform;
  const log = ctx.logger.child({ destination: dest, jobId: running.job.id, what: failed.what });
  const failure = err instanceof SendError ? err.failure : ({ kind: 'transient' } as const);
  const attempt = running.job.attemptsMade + 1;

  switch (failure.kind) {
    case 'rate-limited': {
      const scope = failure.global ? 'global' : 'destination';
      platform429s.inc({ platform, scope });
      deliveries.inc({ platform, result: 'rate_limited' });
      await ctx.turns.coolDown(target, failure.global, failure.retryAfterMs);
      log.warn({ retryAfterMs: failure.retryAfterMs, scope }, 'platform rate-limited us; waiting it out');
      return delayJob(running, failure.retryAfterMs);
    }
    case 'migrated': {
      deliveries.inc({ platform, result: 'migrated' });
      const to: Destination = { ...destination, chatId: failure.newChatId };
      const moved = await ctx.subscriptions.moveDestination(destination, to);
      await ctx.state.markMoved(dest, keyOf(to));
      log.info({ to: keyOf(to), subscriptions: moved }, 'chat migrated; subscriptions moved to the new chat');
      return delayJob(running, 1);
    }
    case 'destination-gone': {
      deliveries.inc({ platform, result: 'destination_gone' });
      if (attempt < ctx.policy.goneAfterTries) {
        log.warn({ attempt, reason: failure.reason }, 'destination refused the message; will try again');
        throw err;
      }
      const subs = await ctx.subscriptions.listForDestination(destination);
      for (const sub of subs) await ctx.subscriptions.pause(sub.id, failure.reason);
      await ctx.state.dropWaiting(dest);
      log.warn(
        { attempt, reason: failure.reason, paused: subs.length },
        'destination is gone; its subscriptions are paused until someone subscribes there again',
      );
      throw new UnrecoverableError(`destination ${dest} is gone: ${failure.reason}`);
    }
    case 'rejected': {
      deliveries.inc({ platform, result: 'rejected' });
      await ctx.state.removePending(dest, failed.ownStoryIds);
      if (failed.what === 'alert') await ctx.state.clearInflight(dest);
      log.error({ reason: failure.reason, stories: failed.ownStoryIds }, 'platform rejected the message; giving up on it');
      throw new UnrecoverableError(`rejected by ${platform}: ${failure.reason}`);
    }
    case 'transient': {
      deliveries.inc({ platform, result: 'transient' });
      const attempts = running.job.opts.attempts ?? 1;
      const fields = { attempt, attempts, err: errorMessage(err) };
      if (attempt < attempts) {
        log.warn(fields, 'send failed; will retry with backoff');
        throw err;
      }
      if (failed.what === 'edit') {
        log.error(fields, 'edit kept failing; giving up after the last attempt (the message keeps its older text)');
        throw err;
      }
      // A platform down for longer than the attempts last (hours) must not cost the alert: it waits as a delayed
      // job, tried again every outageRetryMs, for as long as the platform keeps failing this way.
      log.warn({ ...fields, retryInMs: ctx.policy.outageRetryMs }, 'platform still failing after every attempt; the message waits and is tried again');
      return delayJob(running, ctx.policy.outageRetryMs);
    }
  }
}
