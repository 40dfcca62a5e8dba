import { expect } from 'vitest';
import { FeedFetchError } from '../../../src/feeds/fetch/errors.js';

/** Awaits a fetch that must fail, asserts it failed with a FeedFetchError, and returns it for more checks. */
export async function fetchFailure(promise: Promise<unknown>): Promise<FeedFetchError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FeedFetchError);
  return err as FeedFetchError;
}
