import { createHash } from 'node:crypto';

/** Discord accepts nonces of at most 25 characters. */
export const NONCE_MAX_LENGTH = 25;

/**
 * The nonce for part `part` of a delivery: a hash of the idempotency key, so a retry of the same
 * delivery sends the same nonce and Discord (with `enforce_nonce`) returns the first message instead
 * of posting again. 25 base64url characters carry 150 bits.
 */
export function nonceFor(idempotencyKey: string, part = 0): string {
  return createHash('sha256').update(`${idempotencyKey}#${part}`).digest('base64url').slice(0, NONCE_MAX_LENGTH);
}
