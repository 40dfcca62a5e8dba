import type { AddressPolicy } from './fetch/address-policy.js';
import { checkLiteralHost } from './fetch/guarded-agent.js';

/** Longest image URL kept: Discord's limit for an embed's URLs. */
const MAX_IMAGE_URL = 2048;
/** Names that always reach this machine or its network, whatever DNS says. */
const LOCAL_NAME = /(?:^|\.)(?:localhost|local|internal|localdomain|home\.arpa)$/i;

/**
 * An item's picture as the platforms may be told to fetch it, or undefined. Kazwire never fetches it itself,
 * but Discord's and Telegram's servers (and readers' clients) will, so it passes the checks a feed URL passes
 * before any connection: http or https, and a literal IP host allowed by the feeds' address policy. A name that
 * only means this machine or its network (`localhost`, `*.local`, `*.internal`) counts as a loopback address.
 * No credentials in the URL, at most 2048 characters.
 */
export function checkedImageUrl(url: string | undefined, policy: AddressPolicy): string | undefined {
  if (!url || url.length > MAX_IMAGE_URL) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.username || parsed.password || !parsed.hostname) return undefined;
  try {
    checkLiteralHost(parsed, policy);
  } catch {
    return undefined;
  }
  const host = parsed.hostname.replace(/\.$/, '');
  if ((LOCAL_NAME.test(host) || !host.includes('.')) && !policy('127.0.0.1').allowed) return undefined;
  return parsed.href;
}
