/**
 * The listener key (SPEC §3.3): one listener = (client IP, IPv6 by /64) + user agent.
 * Computed as a keyed hash over the IP hash and the user agent, so it is stable for the
 * same key and input, reveals neither, and is short enough for a Kafka key.
 */
import { createHmac } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { BoundedCache } from './bounded-cache.ts';
import type { IpHasher } from './ip-hasher.ts';
import { sharedIpHasher } from './ip-hasher.ts';

const DOMAIN = 'listener\u0000';

/** Listener key from an IP hash (see hashIp / IpHasher) and a user agent; 32 hex chars. */
export function listenerKeyOf(ipHash: string, userAgent: string, key: KeyObject | string): string {
  return createHmac('sha256', key)
    .update(DOMAIN + ipHash + '\u0000' + userAgent)
    .digest('hex')
    .slice(0, 32);
}

/** Listener key straight from a raw IP and user agent. */
export function listenerKey(ip: string, userAgent: string, secret: string): string {
  const hasher = sharedIpHasher(secret);
  return listenerKeyOf(hasher.ip(ip).hash, userAgent, hasher.key);
}

export interface ListenerKeyer {
  key(ipHash: string, userAgent: string): string;
}

interface LastKey {
  ua: string;
  key: string;
}

/**
 * Memoised listener keys for one hasher: per IP hash, the last user agent and its key
 * (a listener's requests come in runs; an IP shared by several agents just recomputes).
 * Looked up by the IP hash string, which comes from the hasher's cache, so the lookup
 * does not re-hash a long key.
 */
export function createListenerKeyer(hasher: IpHasher, capacity = 16384): ListenerKeyer {
  const cache = new BoundedCache<LastKey>(capacity);
  return {
    key(ipHash: string, userAgent: string): string {
      const last = cache.get(ipHash);
      if (last !== undefined && last.ua === userAgent) return last.key;
      const key = listenerKeyOf(ipHash, userAgent, hasher.key);
      if (last !== undefined) {
        last.ua = userAgent;
        last.key = key;
      } else {
        cache.set(ipHash, { ua: userAgent, key });
      }
      return key;
    },
  };
}
