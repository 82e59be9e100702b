import { describe, expect, it } from 'vitest';
import { clientAddressFrom, limitKey, normalizeIp, parseTrustedProxies } from './client-address';

describe('normalizeIp', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    [' 203.0.113.7 ', '203.0.113.7'],
    ['203.0.113.7:51234', '203.0.113.7'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::FFFF:7f00:1', '127.0.0.1'],
    ['[2001:db8::1]:443', '2001:db8:0:0:0:0:0:1'],
    ['2001:DB8:0::1', '2001:db8:0:0:0:0:0:1'],
    ['fe80::1%eth0', 'fe80:0:0:0:0:0:0:1'],
    ['::1', '0:0:0:0:0:0:0:1'],
    ['unknown', null],
    ['', null],
    ['999.1.1.1', null],
    ['1.2.3.4, 5.6.7.8', null],
  ])('should read %j as %j', (raw, expected) => {
    expect(normalizeIp(raw)).toBe(expected);
  });
});

describe('clientAddressFrom', () => {
  const trusted = parseTrustedProxies(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);
  it.each([
    ['no trusted proxies: the peer, whatever the header says', '127.0.0.1', '198.51.100.1', null, '127.0.0.1'],
    ['an untrusted peer: its own address, the header ignored', '203.0.113.9', '198.51.100.1', trusted, '203.0.113.9'],
    ['a trusted peer without the header: the peer', '127.0.0.1', undefined, trusted, '127.0.0.1'],
    ['a trusted peer: the address it saw', '127.0.0.1', '198.51.100.1', trusted, '198.51.100.1'],
    ['a client spoofing the header: the right-most untrusted entry', '127.0.0.1', '1.1.1.1, 198.51.100.1', trusted, '198.51.100.1'],
    ['two trusted hops: skips both', '::ffff:127.0.0.1', '198.51.100.1, 10.1.2.3', trusted, '198.51.100.1'],
    ['an IPv6 proxy range', 'fd12::5', '2001:db8::7', trusted, '2001:db8:0:0:0:0:0:7'],
    ['every hop trusted: the left-most', '127.0.0.1', '10.0.0.1, 10.0.0.2', trusted, '10.0.0.1'],
    ['a garbled entry: the last hop known', '127.0.0.1', 'junk, 10.0.0.2', trusted, '10.0.0.2'],
    ['an unparsable peer', undefined, '198.51.100.1', trusted, 'unknown'],
  ])('%s', (_label, peer, header, list, expected) => {
    expect(clientAddressFrom(peer, header, list)).toBe(expected);
  });
});

describe('parseTrustedProxies', () => {
  it.each([['127.0.0.1'], ['10.0.0.0/8'], ['::1'], ['2001:db8::/32'], ['192.168.0.0/16']])('should take %s', (entry) => {
    expect(() => parseTrustedProxies([entry])).not.toThrow();
  });

  it.each([['localhost'], ['10.0.0.0/33'], ['10.0.0.0/8/1'], ['10.0.0.0/x'], ['::1/129']])('should refuse %s', (entry) => {
    expect(() => parseTrustedProxies([entry])).toThrow(/TRUST_PROXY/);
  });
});

describe('limitKey', () => {
  it('should keep an IPv4 address as it is', () => {
    expect(limitKey('203.0.113.7')).toBe('203.0.113.7');
  });

  it('should count a whole IPv6 /64 as one client', () => {
    expect(limitKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(limitKey('2001:db8:1:2:bbbb::9')).toBe(limitKey('2001:db8:1:2:aaaa::1'));
    expect(limitKey('2001:db8:1:3::1')).not.toBe(limitKey('2001:db8:1:2::1'));
  });
});
