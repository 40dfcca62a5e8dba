import { describe, expect, it } from 'vitest';
import { anyAddress, ipv6ToGroups, publicAddressesOnly } from '../../../src/feeds/fetch/address-policy.js';

const refused = (address: string) => {
  const verdict = publicAddressesOnly(address);
  return verdict.allowed ? undefined : verdict.reason;
};

describe('publicAddressesOnly', () => {
  it.each([
    ['127.0.0.1', 'loopback address'],
    ['127.255.255.254', 'loopback address'],
    ['10.0.0.1', 'private address'],
    ['172.16.0.1', 'private address'],
    ['172.31.255.255', 'private address'],
    ['192.168.1.1', 'private address'],
    ['169.254.169.254', 'cloud metadata address'],
    ['169.254.10.10', 'link-local address'],
    ['100.64.0.1', 'carrier-grade NAT address'],
    ['100.127.255.255', 'carrier-grade NAT address'],
    ['224.0.0.1', 'multicast address'],
    ['239.255.255.250', 'multicast address'],
    ['0.0.0.0', 'unspecified address'],
    ['0.1.2.3', 'unspecified address'],
    ['255.255.255.255', 'broadcast address'],
    ['240.0.0.1', 'reserved address'],
    ['198.18.0.1', 'benchmarking address'],
  ])('refuses IPv4 %s as a %s', (address, reason) => {
    expect(refused(address)).toBe(reason);
  });

  it.each([
    ['::1', 'loopback address'],
    ['::', 'unspecified address'],
    ['fc00::1', 'private address'],
    ['fd12:3456::1', 'private address'],
    ['fe80::1', 'link-local address'],
    ['fe80::1%eth0', 'link-local address'],
    ['febf::1', 'link-local address'],
    ['ff02::1', 'multicast address'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback address'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback address'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped cloud metadata address'],
    ['::ffff:10.1.2.3', 'IPv4-mapped private address'],
    ['::127.0.0.1', 'IPv4-compatible loopback address'],
    ['::7f00:1', 'IPv4-compatible loopback address'],
    ['64:ff9b::7f00:1', 'NAT64 loopback address'],
    ['64:ff9b::169.254.169.254', 'NAT64 cloud metadata address'],
    ['2002:7f00:1::', '6to4 loopback address'],
    ['2001:db8::1', 'documentation address'],
    ['100::1', 'reserved address'],
  ])('refuses IPv6 %s as a %s', (address, reason) => {
    expect(refused(address)).toBe(reason);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    'allows the public address %s',
    (address) => {
      expect(publicAddressesOnly(address)).toEqual({ allowed: true });
    },
  );

  it('refuses text that is not an IP address rather than guessing', () => {
    expect(refused('localhost')).toBe('not an IP address');
    expect(refused('2130706433')).toBe('not an IP address');
  });
});

describe('anyAddress', () => {
  it('allows loopback and private addresses', () => {
    expect(anyAddress('127.0.0.1')).toEqual({ allowed: true });
    expect(anyAddress('10.0.0.1')).toEqual({ allowed: true });
  });
});

describe('ipv6ToGroups', () => {
  it('expands :: and an embedded IPv4 tail into eight groups', () => {
    expect(ipv6ToGroups('::ffff:127.0.0.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
    expect(ipv6ToGroups('2001:db8::')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0]);
    expect(ipv6ToGroups('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(ipv6ToGroups('not-an-address')).toBeUndefined();
  });
});
