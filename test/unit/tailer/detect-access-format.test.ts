import { describe, it, expect } from 'vitest';
import { detectAccessFormat } from '../../../services/tailer/parse/index.ts';
import { fixtureLines } from './access-fixtures.ts';

describe('detectAccessFormat', () => {
  it('recognises every fixture from its first lines alone', () => {
    expect(detectAccessFormat(fixtureLines('MSLT20150830-00.w3c').slice(0, 5))).toBe('w3c');
    expect(detectAccessFormat(fixtureLines('MSLT20150830-00.tsv').slice(0, 5))).toBe('tsv');
    expect(detectAccessFormat(fixtureLines('MSLT20150830-01.tsv').slice(0, 5))).toBe('tsv');
    expect(detectAccessFormat(fixtureLines('MSLT20150830-00.akamai').slice(0, 5))).toBe('akamai');
    expect(detectAccessFormat(fixtureLines('access-20150830.log').slice(0, 5))).toBe('combined');
  });

  it('prefers content over a misleading name', () => {
    expect(detectAccessFormat(fixtureLines('access-20150830.log'), 'MSLT20150830-00.tsv.gz')).toBe('combined');
    expect(detectAccessFormat(fixtureLines('MSLT20150830-00.akamai'), 'x.tsv')).toBe('akamai');
  });

  it('falls back to the file name when the content does not decide', () => {
    expect(detectAccessFormat([], 'MSLT20150830-00.tsv.gz')).toBe('tsv');
    expect(detectAccessFormat(['# only a comment'], '/logs/u_ex150830.log')).toBe('w3c');
    expect(detectAccessFormat([''], 'cdn_esclf_S.201508300000-2400-0.gz')).toBe('akamai');
    expect(detectAccessFormat(['garbage'], '/var/log/nginx/access.log')).toBe('combined');
    expect(detectAccessFormat([], '/var/log/nginx/access.log.1.gz')).toBe('combined');
    expect(detectAccessFormat(['# a comment'], 'MSLT20150830-00.gz')).toBe('tsv');
    expect(detectAccessFormat(['what is this'], 'notes.txt')).toBeNull();
  });

  it('ignores CR line ends and blank lines', () => {
    expect(detectAccessFormat(['', '#Version: 1.0\r'])).toBe('w3c');
  });
});
