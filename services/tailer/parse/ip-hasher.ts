/**
 * Keyed hashing of client IPs for log lines, memoised: the same listener shows up on
 * many consecutive lines (range requests), so recent IP → (hash, truncated) results are
 * kept in a small bounded cache, and the HMAC key is imported once as a KeyObject.
 * Produces exactly the same hashes as services/runtime/ip-privacy.ts hashIp().
 */
import { createHmac, createSecretKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { canonicalIpForKey, truncateIp } from '../../runtime/ip-privacy.ts';
import { BoundedCache } from './bounded-cache.ts';

export interface HashedIp {
  /** Keyed hash (32 hex chars) of the IP, IPv6 by its /64. */
  readonly hash: string;
  /** IPv4 /24 or IPv6 /64; null when the text is not an IP address. */
  readonly truncated: string | null;
}

export interface IpHasher {
  /** Hash and truncate a client IP (memoised). */
  ip(ip: string): HashedIp;
  /** Keyed hash of an arbitrary string with a domain prefix (e.g. a publisher's hashed IP). */
  text(domain: string, value: string): string;
  /** The HMAC key, for derived keyed hashes (listener key). */
  readonly key: KeyObject;
}

const DEFAULT_CAPACITY = 16384;

export function createIpHasher(secret: string, capacity = DEFAULT_CAPACITY): IpHasher {
  if (secret === '') throw new RangeError('ip hash key must not be empty');
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  const cache = new BoundedCache<HashedIp>(capacity);
  const textCache = new BoundedCache<string>(capacity);
  return {
    key,
    ip(ip: string): HashedIp {
      let v = cache.get(ip);
      if (v === undefined) {
        const t = truncateIp(ip);
        v = {
          hash: createHmac('sha256', key).update(canonicalIpForKey(ip)).digest('hex').slice(0, 32),
          truncated: t === '' ? null : t,
        };
        cache.set(ip, v);
      }
      return v;
    },
    text(domain: string, value: string): string {
      const k = domain + '\u0000' + value;
      let v = textCache.get(k);
      if (v === undefined) {
        v = createHmac('sha256', key).update(k).digest('hex').slice(0, 32);
        textCache.set(k, v);
      }
      return v;
    },
  };
}

const shared = new Map<string, IpHasher>();

/** One hasher (and cache) per key for the process, so the memo survives across files. */
export function sharedIpHasher(secret: string): IpHasher {
  let h = shared.get(secret);
  if (h === undefined) {
    if (shared.size >= 16) shared.clear();
    h = createIpHasher(secret);
    shared.set(secret, h);
  }
  return h;
}
