import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { Agent } from 'undici';
import type { AddressPolicy } from './address-policy.js';
import { blockedAddress, FeedFetchError } from './errors.js';

/** One address a hostname resolves to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a hostname to every address it has (like `dns.lookup(host, { all: true })`). */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

/** The operating system's resolver (`/etc/hosts`, then DNS), returning every address in resolver order. */
export const systemResolver: ResolveHost = async (hostname) => {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/** Options of {@link createGuardedAgent}. */
export interface GuardedAgentOptions {
  resolve: ResolveHost;
  policy: AddressPolicy;
  /** Longest wait for DNS plus the TCP (and TLS) handshake, in milliseconds. */
  connectTimeoutMs: number;
  /** Backstop for the wait for headers and between body chunks, in milliseconds. */
  idleTimeoutMs: number;
}

/**
 * An undici Agent that applies the address policy to the addresses it actually connects to: every address
 * a hostname resolves to must pass, so a name that rebinds to a private address between checks is still
 * refused. Literal IP hosts skip DNS, so callers must check them with {@link checkLiteralHost} first.
 */
export function createGuardedAgent(options: GuardedAgentOptions): Agent {
  const lookup = ((hostname: string, lookupOptions: { family?: number; all?: boolean }, callback: LookupCallback) => {
    resolveAllowed(hostname, options)
      .then((addresses) => {
        const wanted = lookupOptions.family === 4 || lookupOptions.family === 6 ? lookupOptions.family : undefined;
        const usable = wanted ? addresses.filter((a) => a.family === wanted) : addresses;
        const first = usable[0];
        if (!first) {
          callback(Object.assign(new Error(`${hostname} has no IPv${wanted ?? ''} address`), { code: 'ENOTFOUND' }), '', 4);
        } else if (lookupOptions.all) {
          callback(null, usable);
        } else {
          callback(null, first.address, first.family);
        }
      })
      .catch((err: unknown) => callback(err as NodeJS.ErrnoException, '', 4));
  }) as unknown as LookupFunction;

  return new Agent({
    connect: { lookup, timeout: options.connectTimeoutMs },
    headersTimeout: options.idleTimeoutMs,
    bodyTimeout: options.idleTimeoutMs,
  });
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | ResolvedAddress[],
  family?: number,
) => void;

async function resolveAllowed(hostname: string, options: GuardedAgentOptions): Promise<ResolvedAddress[]> {
  const addresses = await options.resolve(hostname);
  for (const { address } of addresses) {
    const verdict = options.policy(address);
    // One bad address refuses the name: connecting to "the other one" would let an attacker pick by timing.
    if (!verdict.allowed) throw blockedAddress(`${hostname} (${address})`, verdict.reason);
  }
  return addresses;
}

/**
 * Checks a URL before any connection: the scheme must be http or https, and a literal IP host must pass
 * the policy (WHATWG URL parsing has already turned `2130706433`, `0x7f.1` and `0177.0.0.1` into dotted form).
 * Throws FeedFetchError `blocked`.
 */
export function checkLiteralHost(url: URL, policy: AddressPolicy): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FeedFetchError(
      'blocked',
      'give-up',
      `refused ${url.href}: the ${url.protocol} scheme is not fetched; feeds must be http or https URLs`,
      { url: url.href },
    );
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) === 0) return;
  const verdict = policy(host);
  if (!verdict.allowed) throw blockedAddress(host, verdict.reason, url.href);
}
