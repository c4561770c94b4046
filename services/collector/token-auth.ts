/**
 * Bearer tokens name the tenant (SPEC §1.1; seed 001: appName "equivalent to tenant ID in the
 * token"). HS256 JWTs with a `tenant` claim, verified with jose against the tenant's own key or the
 * default key. Verified tokens are cached until they expire, so the hot path verifies once.
 */
import { SignJWT, jwtVerify, decodeJwt } from 'jose';
import { PlaypulseError } from '../runtime/errors.ts';

export class AuthError extends PlaypulseError {
  constructor(message: string) {
    super('UNAUTHENTICATED', message, { retriable: false });
  }
}

export interface TokenKeys {
  defaultKey?: string;
  tenantKeys: Record<string, string>;
}

export interface TokenVerifier {
  /** The tenant the token names; throws AuthError when missing, malformed, expired or not signed by the tenant's key. */
  verify(authorization: string | undefined): Promise<string>;
}

const encoder = new TextEncoder();

function keyFor(keys: TokenKeys, tenant: string): Uint8Array | null {
  const k = keys.tenantKeys[tenant] ?? keys.defaultKey;
  return k ? encoder.encode(k) : null;
}

export function createTokenVerifier(keys: TokenKeys, opts: { cacheSize?: number; now?: () => number } = {}): TokenVerifier {
  const cache = new Map<string, { tenant: string; expMs: number }>();
  const cacheSize = opts.cacheSize ?? 10_000;
  const now = opts.now ?? Date.now;
  return {
    async verify(authorization) {
      if (!authorization) throw new AuthError('missing Authorization: Bearer <token>');
      const m = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!m) throw new AuthError('Authorization must be "Bearer <token>"');
      const token = m[1] as string;
      const hit = cache.get(token);
      if (hit && hit.expMs > now()) return hit.tenant;
      let tenant: unknown;
      try {
        tenant = decodeJwt(token)['tenant'];
      } catch {
        throw new AuthError('token is not a JWT');
      }
      if (typeof tenant !== 'string' || tenant === '') throw new AuthError('token has no tenant claim');
      const key = keyFor(keys, tenant);
      if (!key) throw new AuthError(`no key is configured for tenant ${tenant}`);
      let exp: number | undefined;
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], currentDate: new Date(now()) });
        exp = payload.exp;
      } catch (err) {
        throw new AuthError(`token rejected: ${(err as Error).message}`);
      }
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
      cache.set(token, { tenant, expMs: exp ? exp * 1000 : now() + 5 * 60_000 });
      return tenant;
    },
  };
}

/** Mints a token for a tenant (`playpulse token --tenant T`). */
export async function signToken(tenant: string, key: string, ttlSeconds = 30 * 24 * 3600): Promise<string> {
  return new SignJWT({ tenant }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt().setExpirationTime(`${ttlSeconds}s`).sign(encoder.encode(key));
}
