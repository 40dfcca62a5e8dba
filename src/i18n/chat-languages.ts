import type { Redis } from 'ioredis';
import type { Keys } from '../redis/keys.js';
import { isLanguage, type Language } from './languages.js';

/**
 * The language each chat chose with /language. One per chat: a forum topic or a thread speaks its chat's language.
 * A chat that chose nothing is answered in each reader's own language where the platform says it.
 */
/** The chat part of a destination: a forum topic or a thread speaks its chat's language. */
export interface ChatRef {
  platform: string;
  chatId: string;
}

export interface ChatLanguageStore {
  get(destination: ChatRef): Promise<Language | undefined>;
  /** Sets the chat's language, or forgets it (`undefined`), so readers' own languages apply again. */
  set(destination: ChatRef, language: Language | undefined): Promise<void>;
}

export function createRedisChatLanguageStore(redis: Redis, keys: Keys): ChatLanguageStore {
  const keyOf = (d: ChatRef) => keys.chatLanguage(d.platform, d.chatId);
  return {
    async get(destination) {
      const value = await redis.get(keyOf(destination));
      return isLanguage(value) ? value : undefined;
    },
    async set(destination, language) {
      if (language) await redis.set(keyOf(destination), language);
      else await redis.del(keyOf(destination));
    },
  };
}
