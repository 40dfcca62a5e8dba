import { isIPv4, isIPv6 } from 'node:net';

/** Whether a feed may be fetched from an address, and if not, why in plain words. */
export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

/**
 * Decides whether the fetcher may connect to one IP address (v4 dotted or v6, no brackets).
 * Applied to literal hosts before connecting and to every address DNS returns, on every redirect hop.
 */
export type AddressPolicy = (address: string) => AddressVerdict;

interface V4Range {
  base: number;
  bits: number;
  reason: string;
}

const v4 = (cidr: string, reason: string): V4Range => {
  const [base = '', bits = '32'] = cidr.split('/');
  return { base: ipv4ToNumber(base) ?? 0, bits: Number(bits), reason };
};

// Order matters: the first match names the reason, so narrow ranges come before the ranges that contain them.
const blockedV4: V4Range[] = [
  v4('169.254.169.254/32', 'cloud metadata address'),
  v4('255.255.255.255/32', 'broadcast address'),
  v4('0.0.0.0/8', 'unspecified address'),
  v4('10.0.0.0/8', 'private address'),
  v4('100.64.0.0/10', 'carrier-grade NAT address'),
  v4('127.0.0.0/8', 'loopback address'),
  v4('169.254.0.0/16', 'link-local address'),
  v4('172.16.0.0/12', 'private address'),
  v4('192.0.0.0/24', 'reserved address'),
  v4('192.0.2.0/24', 'documentation address'),
  v4('192.168.0.0/16', 'private address'),
  v4('198.18.0.0/15', 'benchmarking address'),
  v4('198.51.100.0/24', 'documentation address'),
  v4('203.0.113.0/24', 'documentation address'),
  v4('224.0.0.0/4', 'multicast address'),
  v4('240.0.0.0/4', 'reserved address'),
];

/** Parses strict dotted-decimal IPv4 into an unsigned 32-bit number; undefined otherwise. */
export function ipv4ToNumber(address: string): number | undefined {
  if (!isIPv4(address)) return undefined;
  return address.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

/** Parses an IPv6 address (with `::`, an embedded IPv4 tail and an optional `%zone`) into 8 groups. */
export function ipv6ToGroups(address: string): number[] | undefined {
  const bare = address.replace(/%.*$/, '');
  if (!isIPv6(bare)) return undefined;
  let text = bare.toLowerCase();
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail?.[1]) {
    const n = ipv4ToNumber(tail[1]);
    if (n === undefined) return undefined;
    text = text.slice(0, -tail[1].length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const fill = rest === undefined ? 0 : 8 - headGroups.length - restGroups.length;
  const groups = [...headGroups, ...Array<string>(fill).fill('0'), ...restGroups].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : undefined;
}

function classifyV4(n: number): AddressVerdict {
  for (const range of blockedV4) {
    const mask = range.bits === 0 ? 0 : (~0 << (32 - range.bits)) >>> 0;
    if (((n & mask) >>> 0) === ((range.base & mask) >>> 0)) return { allowed: false, reason: range.reason };
  }
  return { allowed: true };
}

const v4FromGroups = (hi: number, lo: number): number => ((hi << 16) >>> 0) + lo;

/** An IPv4 address carried inside an IPv6 one reaches that IPv4 host, so it gets the IPv4 verdict. */
function embedded(kind: string, n: number): AddressVerdict {
  const verdict = classifyV4(n);
  return verdict.allowed ? verdict : { allowed: false, reason: `${kind} ${verdict.reason}` };
}

function classifyV6(g: number[]): AddressVerdict {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const firstFiveZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (firstFiveZero && g5 === 0 && g6 === 0 && g7 === 0) return { allowed: false, reason: 'unspecified address' };
  if (firstFiveZero && g5 === 0 && g6 === 0 && g7 === 1) return { allowed: false, reason: 'loopback address' };
  if (firstFiveZero && g5 === 0xffff) return embedded('IPv4-mapped', v4FromGroups(g6, g7));
  if (firstFiveZero && g5 === 0) return embedded('IPv4-compatible', v4FromGroups(g6, g7));
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return embedded('NAT64', v4FromGroups(g6, g7));
  }
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return { allowed: false, reason: 'local NAT64 address' };
  if (g0 === 0x2002) return embedded('6to4', v4FromGroups(g1, g2));
  if ((g0 & 0xff00) === 0xff00) return { allowed: false, reason: 'multicast address' };
  if ((g0 & 0xffc0) === 0xfe80) return { allowed: false, reason: 'link-local address' };
  if ((g0 & 0xffc0) === 0xfec0) return { allowed: false, reason: 'site-local address' };
  if ((g0 & 0xfe00) === 0xfc00) return { allowed: false, reason: 'private address' };
  if (g0 === 0x2001 && g1 === 0x0db8) return { allowed: false, reason: 'documentation address' };
  // Only 2000::/3 is allocated for global unicast; everything else is reserved or special-purpose.
  if ((g0 & 0xe000) !== 0x2000) return { allowed: false, reason: 'reserved address' };
  return { allowed: true };
}

/**
 * The default guard against server-side request forgery: refuses loopback, private, link-local (with cloud
 * metadata), carrier-grade NAT, multicast, unspecified, broadcast and reserved addresses, and IPv6 forms that
 * carry one of those IPv4 addresses (mapped, compatible, NAT64, 6to4). Anything that is not an IP is refused.
 */
export const publicAddressesOnly: AddressPolicy = (address) => {
  const n = ipv4ToNumber(address);
  if (n !== undefined) return classifyV4(n);
  const groups = ipv6ToGroups(address);
  if (groups) return classifyV6(groups);
  return { allowed: false, reason: 'not an IP address' };
};

/** Allows every address: for intranet feeds (`ALLOW_PRIVATE_NETWORK_FEEDS=true`) and tests. */
export const anyAddress: AddressPolicy = () => ({ allowed: true });
