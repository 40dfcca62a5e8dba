import {
  SendError,
  destinationKey,
  type Destination,
  type OutgoingMessage,
  type SendFailure,
  type Sender,
  type SentRef,
} from '../../src/delivery/core/types.js';
import type { PlatformDescriptor } from '../../src/delivery/core/platform.js';
import { telegramPlatform } from '../../src/platforms/telegram/platform.js';

/** One post the sender accepted. */
export interface RecordedSend {
  /** Date.now() when it was accepted. */
  at: number;
  destination: string;
  message: OutgoingMessage;
  idempotencyKey: string;
  ref: SentRef;
}

export interface RecordedEdit {
  at: number;
  destination: string;
  ref: SentRef;
  message: OutgoingMessage;
}

/**
 * Decides the fate of one send before it is recorded: return a failure to throw it as a SendError,
 * or nothing to accept. `attempt` counts calls for this idempotency key, from 1.
 */
export type SendScript = (call: { destination: Destination; message: OutgoingMessage; idempotencyKey: string; attempt: number }) =>
  | SendFailure
  | undefined;

export interface RecordingSenderOptions {
  /** Default Telegram's descriptor (so its limits pace what this sender posts). */
  platform?: PlatformDescriptor;
  maxStoriesPerMessage?: number;
  /** Like Discord's enforced nonce: a second send with a known key returns the first ref and posts nothing. Default true. */
  honoursIdempotency?: boolean;
  script?: SendScript;
  /** Runs after a send was recorded, before it returns (e.g. to kill the worker in between). */
  afterSend?: (send: RecordedSend) => Promise<void> | void;
}

/** An in-memory Sender that records what it posts and can be scripted to fail like a platform. */
export class RecordingSender implements Sender {
  readonly platform: PlatformDescriptor;
  readonly maxStoriesPerMessage: number;
  readonly sends: RecordedSend[] = [];
  readonly edits: RecordedEdit[] = [];
  /** Every call, including failed ones. */
  calls = 0;
  script: SendScript | undefined;
  afterSend: RecordingSenderOptions['afterSend'];
  private readonly byKey = new Map<string, SentRef>();
  private readonly attempts = new Map<string, number>();
  private readonly honoursIdempotency: boolean;
  private nextId = 1;

  constructor(options: RecordingSenderOptions = {}) {
    this.platform = options.platform ?? telegramPlatform;
    this.maxStoriesPerMessage = options.maxStoriesPerMessage ?? 10;
    this.honoursIdempotency = options.honoursIdempotency ?? true;
    this.script = options.script;
    this.afterSend = options.afterSend;
  }

  async send(destination: Destination, message: OutgoingMessage, idempotencyKey: string): Promise<SentRef> {
    this.calls++;
    const attempt = (this.attempts.get(idempotencyKey) ?? 0) + 1;
    this.attempts.set(idempotencyKey, attempt);
    const failure = this.script?.({ destination, message, idempotencyKey, attempt });
    if (failure) throw new SendError(failure, `scripted ${failure.kind}`);
    const known = this.byKey.get(idempotencyKey);
    if (known && this.honoursIdempotency) return known;
    const ref: SentRef = { messageIds: [String(this.nextId++)] };
    this.byKey.set(idempotencyKey, ref);
    const send: RecordedSend = { at: Date.now(), destination: destinationKey(destination), message, idempotencyKey, ref };
    this.sends.push(send);
    await this.afterSend?.(send);
    return ref;
  }

  async edit(destination: Destination, ref: SentRef, message: OutgoingMessage): Promise<void> {
    this.edits.push({ at: Date.now(), destination: destinationKey(destination), ref, message });
  }

  /** Story ids posted to one destination, in order, across all messages. */
  storiesSentTo(destination: string): string[] {
    return this.sends.filter((s) => s.destination === destination).flatMap((s) => s.message.stories.map((x) => x.id));
  }
}
