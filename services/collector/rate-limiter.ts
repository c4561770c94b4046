/**
 * Token buckets per tenant and per device (429 with Retry-After). Pure: the clock is passed in.
 * The device table is bounded; the least recently seen devices are forgotten first.
 */
export interface RateDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly maxKeys = 100_000,
  ) {}

  take(key: string, n: number, nowMs: number): RateDecision {
    if (this.ratePerSecond <= 0) return { allowed: true, retryAfterSeconds: 0 };
    let b = this.buckets.get(key);
    if (b) {
      this.buckets.delete(key);
      b.tokens = Math.min(this.burst, b.tokens + ((nowMs - b.updatedMs) / 1000) * this.ratePerSecond);
      b.updatedMs = nowMs;
    } else {
      b = { tokens: this.burst, updatedMs: nowMs };
      if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    }
    this.buckets.set(key, b);
    if (b.tokens >= n) {
      b.tokens -= n;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((n - b.tokens) / this.ratePerSecond)) };
  }
}

export interface RateLimits {
  tenantPerSecond: number;
  devicePerSecond: number;
}

export class CollectorRateLimiter {
  private readonly tenants: TokenBuckets;
  private readonly devices: TokenBuckets;

  constructor(limits: RateLimits) {
    this.tenants = new TokenBuckets(limits.tenantPerSecond, limits.tenantPerSecond * 2, 10_000);
    this.devices = new TokenBuckets(limits.devicePerSecond, limits.devicePerSecond * 10);
  }

  /** Counts events per tenant and per device; the first refusal wins. */
  check(tenant: string, deviceCounts: Map<string, number>, nowMs: number): RateDecision & { scope?: 'tenant' | 'device' } {
    let total = 0;
    for (const n of deviceCounts.values()) total += n;
    const t = this.tenants.take(tenant, total, nowMs);
    if (!t.allowed) return { ...t, scope: 'tenant' };
    for (const [device, n] of deviceCounts) {
      const d = this.devices.take(`${tenant}\u0000${device}`, n, nowMs);
      if (!d.allowed) return { ...d, scope: 'device' };
    }
    return { allowed: true, retryAfterSeconds: 0 };
  }
}
