import { describe, it, expect } from 'vitest';
import { hashIp } from '../../../services/runtime/ip-privacy.ts';
import { createIpHasher, listenerKey, listenerKeyOf, createListenerKeyer } from '../../../services/tailer/parse/index.ts';
import { fixtureLines, parseAll, records, KEY } from './access-fixtures.ts';

const RAW_IPS = ['200.150.100.111', '2001:db8:85a3:1:8a2e:370:7334:1', '203.0.113.77', '198.51.100.23', '10.0.0.5', '66.249.66.1', '5d41402abc4b2a76b9719d911017c592'];

describe('access records never carry a raw IP', () => {
  const all = [
    ...records(parseAll('w3c', fixtureLines('MSLT20150830-00.w3c'))),
    ...records(parseAll('tsv', fixtureLines('MSLT20150830-00.tsv'))),
    ...records(parseAll('tsv', fixtureLines('MSLT20150830-01.tsv'))),
    ...records(parseAll('akamai', fixtureLines('MSLT20150830-00.akamai'))),
    ...records(parseAll('combined', fixtureLines('access-20150830.log'))),
  ];

  it('has records from every fixture', () => {
    expect(all.length).toBe(4 + 3 + 3 + 3 + 5);
  });

  it('contains none of the fixtures’ client addresses (or the publisher hash) in the serialised record', () => {
    for (const e of all) {
      const json = JSON.stringify(e);
      for (const ip of RAW_IPS) expect(json, `line ${e.source.line} of ${e.format}`).not.toContain(ip);
    }
  });
});

describe('keyed IP hashing', () => {
  it('matches services/runtime hashIp and memoises', () => {
    const h = createIpHasher('k');
    expect(h.ip('192.0.2.10').hash).toBe(hashIp('192.0.2.10', 'k'));
    expect(h.ip('192.0.2.10')).toBe(h.ip('192.0.2.10'));
    expect(h.ip('not-an-ip').truncated).toBeNull();
    expect(() => createIpHasher('')).toThrow();
  });

  it('depends on the key', () => {
    expect(createIpHasher('k1').ip('192.0.2.10').hash).not.toBe(createIpHasher('k2').ip('192.0.2.10').hash);
  });
});

describe('listener key', () => {
  const UA = 'AppleCoreMedia/1.0.0.19G82 (iPhone; U; CPU OS 15_6 like Mac OS X; en_us)';

  it('is stable, keyed, and differs by user agent and by IP', () => {
    const a = listenerKey('192.0.2.10', UA, 'k');
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(listenerKey('192.0.2.10', UA, 'k')).toBe(a);
    expect(listenerKey('192.0.2.10', UA, 'other')).not.toBe(a);
    expect(listenerKey('192.0.2.10', 'curl/8', 'k')).not.toBe(a);
    expect(listenerKey('192.0.2.11', UA, 'k')).not.toBe(a);
  });

  it('groups IPv6 clients by their /64', () => {
    expect(listenerKey('2001:db8:85a3:1:8a2e:370:7334:1', UA, 'k')).toBe(listenerKey('2001:db8:85a3:1::ffff', UA, 'k'));
    expect(listenerKey('2001:db8:85a3:1::1', UA, 'k')).not.toBe(listenerKey('2001:db8:85a3:2::1', UA, 'k'));
  });

  it('is the same from the memoised keyer as from listenerKeyOf, and in parsed records', () => {
    const h = createIpHasher(KEY);
    const keyer = createListenerKeyer(h);
    const ipHash = hashIp('200.150.100.111', KEY);
    expect(keyer.key(ipHash, UA)).toBe(listenerKeyOf(ipHash, UA, KEY));
    expect(keyer.key(ipHash, 'x')).toBe(listenerKeyOf(ipHash, 'x', KEY));
    expect(keyer.key(ipHash, UA)).toBe(listenerKeyOf(ipHash, UA, KEY));
    const [rec] = records(parseAll('combined', fixtureLines('access-20150830.log')));
    expect(rec?.listenerKey).toBe(listenerKey('200.150.100.111', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)', KEY));
  });

  it('is the same for a listener across formats', () => {
    const keys = [
      records(parseAll('w3c', fixtureLines('MSLT20150830-00.w3c')))[0],
      records(parseAll('tsv', fixtureLines('MSLT20150830-00.tsv')))[0],
      records(parseAll('akamai', fixtureLines('MSLT20150830-00.akamai')))[0],
      records(parseAll('combined', fixtureLines('access-20150830.log')))[0],
    ].map((e) => e?.listenerKey);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toBeDefined();
  });
});
