import type { ChainableCommander } from 'ioredis';

/**
 * Runs a pipeline and throws the first command's error. ioredis resolves a pipeline with an error per failed
 * command (Redis away, a wrong type) instead of rejecting: a caller reading only the values would take a failed
 * read for a missing key (a story "not in the archive", a story with no subscribers) and drop the work, where it
 * must fail so the job is retried.
 */
export async function execChecked(pipeline: ChainableCommander): Promise<Array<[Error | null, unknown]>> {
  const replies = (await pipeline.exec()) ?? [];
  const failed = replies.find(([err]) => err);
  if (failed?.[0]) throw failed[0];
  return replies;
}
