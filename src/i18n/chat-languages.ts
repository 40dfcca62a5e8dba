import type { Redis } from 'ioredis';
import { scanNodes } from '../redis/connection.js';
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

/** A chat and the language it chose. */
export interface ChatLanguage extends ChatRef {
  language: Language;
}

/** Every chat's choice at once, for the subscriptions backup. */
export interface ChatLanguageTransfer {
  /** Every chat that chose a language, sorted by platform and chat id. */
  listAll(): Promise<ChatLanguage[]>;
}

export function createRedisChatLanguageStore(redis: Redis, keys: Keys): ChatLanguageStore & ChatLanguageTransfer {
  const keyOf = (d: ChatRef) => keys.chatLanguage(d.platform, d.chatId);
  const match = keys.chatLanguageMatch();
  const head = match.slice(0, -1);
  return {
    async listAll() {
      const found = new Set<string>();
      for (const node of scanNodes(redis)) {
        let cursor = '0';
        do {
          const [next, batch] = await node.scan(cursor, 'MATCH', match, 'COUNT', 1000);
          cursor = next;
          for (const key of batch) found.add(key);
        } while (cursor !== '0');
      }
      const out: ChatLanguage[] = [];
      for (const key of [...found].sort()) {
        // A platform name has no colon; the chat id is the rest.
        const rest = key.slice(head.length);
        const colon = rest.indexOf(':');
        if (colon <= 0) continue;
        const language = await redis.get(key);
        if (isLanguage(language)) out.push({ platform: rest.slice(0, colon), chatId: rest.slice(colon + 1), language });
      }
      return out;
    },
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
