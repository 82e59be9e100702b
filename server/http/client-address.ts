import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv } from '../context';

/** The 8 groups of an IPv6 address, from any of its spellings (URL parsing canonicalises it). */
function ipv6Groups(ip: string): number[] {
  const canonical = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  const [head = '', tail] = canonical.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((group) => parseInt(group, 16));
}

/**
 * One spelling per address, or null for text that is not one: brackets, a port and an IPv6 zone
 * go; an IPv4-mapped IPv6 address (how Node reports IPv4 peers on a dual-stack socket) becomes
 * the IPv4 address, so `127.0.0.1` in TRUST_PROXY matches it.
 */
export function normalizeIp(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  let text = raw.trim();
  const bracketed = text.match(/^\[([^\]]+)\](?::\d+)?$/);
  if (bracketed) text = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  text = text.replace(/%.*$/, '');
  const family = isIP(text);
  if (family === 4) return text;
  if (family !== 6) return null;
  const groups = ipv6Groups(text);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
  }
  return groups.map((group) => group.toString(16)).join(':');
}

/**
 * TRUST_PROXY's entries (addresses or CIDR ranges, IPv4 or IPv6) as a matcher. Throws on an entry
 * that is neither, so a typo stops the server at start instead of silently trusting nobody.
 */
export function parseTrustedProxies(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [rawAddress = '', prefix, extra] = entry.trim().split('/');
    const address = normalizeIp(rawAddress);
    const family = address ? isIP(address) : 0;
    const maxBits = family === 4 ? 32 : 128;
    if (!address || extra !== undefined || (prefix !== undefined && (!/^\d{1,3}$/.test(prefix) || Number(prefix) > maxBits))) {
      throw new Error(`TRUST_PROXY: "${entry}" is not an IP address or CIDR range (e.g. 127.0.0.1,10.0.0.0/8)`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

const trusts = (list: BlockList | null, ip: string) => list !== null && list.check(ip, isIP(ip) === 4 ? 'ipv4' : 'ipv6');

/**
 * The address a request came from. Only a trusted proxy's word is taken: when the socket peer is
 * one, X-Forwarded-For is read from the right (each proxy appends the address it was reached
 * from) and the first entry that is not a trusted proxy is the client. Entries left of it were
 * written by the client and prove nothing. Any other peer is the client itself.
 */
export function clientAddressFrom(peer: string | undefined, forwardedFor: string | undefined, trusted: BlockList | null): string {
  const socket = normalizeIp(peer);
  if (!socket) return 'unknown';
  if (!forwardedFor || !trusts(trusted, socket)) return socket;
  let client = socket;
  const hops = forwardedFor.split(',');
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = normalizeIp(hops[index]);
    // Not an address: what a trusted proxy passed on is garbled, so stop at the last hop known.
    if (!hop) break;
    client = hop;
    if (!trusts(trusted, hop)) break;
  }
  return client;
}

/**
 * The key limits count under: the address, or for IPv6 its /64, since one subscriber usually
 * holds a whole /64 and could otherwise take a fresh address for every attempt.
 */
export function limitKey(address: string): string {
  if (isIP(address) !== 6) return address;
  return `${ipv6Groups(address)
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

const compiled = new WeakMap<readonly string[], BlockList>();

/** The client's address for this request, by the server's TRUST_PROXY setting. */
export function clientAddress(c: Context<AppEnv>): string {
  const entries = c.get('deps').config.trustProxy;
  let trusted: BlockList | null = null;
  if (entries.length > 0) {
    trusted = compiled.get(entries) ?? parseTrustedProxies(entries);
    compiled.set(entries, trusted);
  }
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    // app.request() in tests has no socket
  }
  return clientAddressFrom(peer, c.req.header('x-forwarded-for'), trusted);
}
