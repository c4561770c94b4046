/**
 * Client IPs are never stored raw (SPEC §1.1, §3.3): a keyed hash identifies a client,
 * a truncated form (IPv4 /24, IPv6 /64) keeps coarse network information.
 */
import { createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/** Keyed hash (HMAC-SHA256, hex, first 32 chars) of the canonical IP. IPv6 is keyed by its /64 prefix. */
export function hashIp(ip: string, key: string): string {
  return createHmac('sha256', key).update(canonicalIpForKey(ip)).digest('hex').slice(0, 32);
}

/** The part of an IP that identifies a listener/client: the whole IPv4, the /64 prefix of IPv6. */
export function canonicalIpForKey(ip: string): string {
  const v = stripMappedPrefix(ip.trim());
  if (isIPv6(v)) return ipv6Prefix64(v);
  return v;
}

/** IPv4 with the last octet zeroed (/24); IPv6 reduced to its /64 prefix. Unknown formats return ''. */
export function truncateIp(ip: string): string {
  const v = stripMappedPrefix(ip.trim());
  if (isIPv4(v)) {
    const p = v.split('.');
    return `${p[0]}.${p[1]}.${p[2]}.0`;
  }
  if (isIPv6(v)) return ipv6Prefix64(v);
  return '';
}

function stripMappedPrefix(ip: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return m ? (m[1] as string) : ip;
}

function ipv6Prefix64(ip: string): string {
  const groups = expandIpv6(ip);
  return `${groups.slice(0, 4).join(':')}::/64`;
}

function expandIpv6(ip: string): string[] {
  const noZone = ip.split('%')[0] as string;
  const [head, tail] = noZone.includes('::') ? noZone.split('::') : [noZone, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - h.length - t.length;
  const all = [...h, ...Array<string>(missing).fill('0'), ...t];
  return all.map((g) => (parseInt(g || '0', 16) || 0).toString(16));
}

const IPV4_IN_TEXT = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/g;
const IPV6_CANDIDATE = /(?<![0-9A-Za-z:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:%[0-9A-Za-z]+)?(?![0-9A-Za-z:])/g;

/**
 * Replaces every IPv4 and IPv6 address in a text with `ip:<keyed hash>` — for raw input kept in
 * dead letters, so a rejected log line does not store a client IP raw.
 */
export function maskIps(text: string, key: string): string {
  return text
    .replace(IPV4_IN_TEXT, (m) => (isIPv4(m) ? `ip:${hashIp(m, key).slice(0, 16)}` : m))
    .replace(IPV6_CANDIDATE, (m) => (isIPv6(m.split('%')[0] as string) ? `ip:${hashIp(m, key).slice(0, 16)}` : m));
}
