import type { Api } from 'grammy';

/** Whether a user may manage a chat: asks Telegram, remembering answers for a short while. */
export interface AdminCheck {
  /** True when the user is the chat's creator or an administrator. Throws when Telegram cannot be asked. */
  isAdmin(chatId: number, userId: number): Promise<boolean>;
  /**
   * True when the chat has an administrator who posts as the group (getChatAdministrators, `is_anonymous`):
   * only such an admin can send a message whose sender is the group itself. Throws when Telegram cannot be asked.
   */
  hasAnonymousAdmin(chatId: number): Promise<boolean>;
}

/** Options of {@link createAdminCheck}. */
export interface AdminCheckOptions {
  api: Pick<Api, 'getChatMember' | 'getChatAdministrators'>;
  /** How long a "yes" is remembered, in ms. Default 60 000. */
  adminTtlMs?: number;
  /**
   * How long a "no" is remembered, in ms. Default 10 000: short, so a member who was just promoted waits
   * little, yet a flood of refused commands costs one getChatMember call per user every few seconds.
   */
  notAdminTtlMs?: number;
  /** Answers remembered at most; the oldest go first. Default 10 000. */
  maxEntries?: number;
  /** Clock in ms. Default `Date.now`. */
  now?: () => number;
}

/** Chat member statuses that may manage a chat. */
export function isAdminStatus(status: string): boolean {
  return status === 'creator' || status === 'administrator';
}

/**
 * getChatMember (and getChatAdministrators for anonymous admins) with a small in-process cache. The cache keeps a flood of /subscribe from turning into a
 * flood of Bot API calls before the per-user rate limit is consulted, at the price of a demoted admin keeping
 * the right for up to `adminTtlMs`.
 */
export function createAdminCheck(options: AdminCheckOptions): AdminCheck {
  const adminTtl = options.adminTtlMs ?? 60_000;
  const notAdminTtl = options.notAdminTtlMs ?? 10_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { admin: boolean; until: number }>();

  const remembered = async (key: string, ask: () => Promise<boolean>): Promise<boolean> => {
    const hit = cache.get(key);
    if (hit && hit.until > now()) return hit.admin;
    const admin = await ask();
    cache.delete(key);
    cache.set(key, { admin, until: now() + (admin ? adminTtl : notAdminTtl) });
    if (cache.size > maxEntries) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    return admin;
  };

  return {
    isAdmin: (chatId, userId) =>
      remembered(`${chatId}:${userId}`, async () => isAdminStatus((await options.api.getChatMember(chatId, userId)).status)),
    hasAnonymousAdmin: (chatId) =>
      remembered(`${chatId}:anonymous`, async () => {
        const admins = await options.api.getChatAdministrators(chatId);
        return admins.some((m) => isAdminStatus(m.status) && 'is_anonymous' in m && m.is_anonymous === true);
      }),
  };
}
