import { describe, it, expect } from 'vitest';
import { hashIp, truncateIp, canonicalIpForKey } from '../../../services/runtime/ip-privacy.ts';

describe('IP privacy', () => {
  it('hashes with a key: same IP and key → same hash, another key → another hash, never the IP', () => {
    const h = hashIp('203.0.113.7', 'k1');
    expect(h).toMatch(/^[0-9a-f]{32}$/);
    expect(hashIp('203.0.113.7', 'k1')).toBe(h);
    expect(hashIp('203.0.113.7', 'k2')).not.toBe(h);
    expect(h).not.toContain('203');
  });

  it('truncates IPv4 to /24 and IPv6 to /64', () => {
    expect(truncateIp('203.0.113.7')).toBe('203.0.113.0');
    expect(truncateIp('::ffff:203.0.113.7')).toBe('203.0.113.0');
    expect(truncateIp('2001:db8:abcd:12:1:2:3:4')).toBe('2001:db8:abcd:12::/64');
    expect(truncateIp('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(truncateIp('not an ip')).toBe('');
  });

  it('keys IPv6 listeners by /64 so privacy addresses of one household match', () => {
    expect(canonicalIpForKey('2001:db8:abcd:12::1')).toBe(canonicalIpForKey('2001:db8:abcd:12:ffff::9'));
    expect(hashIp('2001:db8:abcd:12::1', 'k')).toBe(hashIp('2001:db8:abcd:12:ffff::9', 'k'));
  });
});

describe('maskIps', () => {
  it('replaces IPv4 and IPv6 addresses in a raw line by keyed hashes and leaves the rest', async () => {
    const { maskIps } = await import('../../../services/runtime/ip-privacy.ts');
    const line = '203.0.113.7 - - [30/Aug/2015:00:00:01 +0000] "GET /ep/1.mp3?x=1.2.3 HTTP/1.1" 206 1024 "-" "UA/1.0" 2001:db8::1 ::1';
    const masked = maskIps(line, 'k');
    expect(masked).not.toContain('203.0.113.7');
    expect(masked).not.toContain('2001:db8::1');
    expect(masked).toContain(`ip:${hashIp('203.0.113.7', 'k').slice(0, 16)}`);
    expect(masked).toContain('[30/Aug/2015:00:00:01 +0000]');
    expect(masked).toContain('x=1.2.3');
    expect(masked).toContain('HTTP/1.1');
  });
});
