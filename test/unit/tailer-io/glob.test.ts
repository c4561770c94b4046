import { describe, it, expect } from 'vitest';
import { compileGlob, globBase } from '../../../services/tailer/sources/glob.ts';
import { isIgnoredName } from '../../../services/tailer/sources/discover.ts';

describe('glob matching', () => {
  it('** matches any depth, including the S3 layout of seed 003, and none', () => {
    const g = compileGlob('data/inbox/ssai/**');
    expect(g.base).toBe('data/inbox/ssai');
    expect(g.matches('data/inbox/ssai/2021/07/17/00/00HwB2cbPB2/prod-ssai-ad-tracking-4040098940001-1-2021-07-17-00-37-09-caeb9e2e')).toBe(true);
    expect(g.matches('data/inbox/ssai/file')).toBe(true);
    expect(g.matches('data/inbox/access/file')).toBe(false);
    const mid = compileGlob('logs/**/*.gz');
    expect(mid.matches('logs/a.gz')).toBe(true);
    expect(mid.matches('logs/x/y/a.gz')).toBe(true);
    expect(mid.matches('logs/x/y/a.log')).toBe(false);
  });

  it('* stays within a segment; ?, {a,b} and [..] work', () => {
    const g = compileGlob('in/*.{tsv,w3c}');
    expect(g.matches('in/MSLT20150830-00.tsv')).toBe(true);
    expect(g.matches('in/MSLT20150830-00.w3c')).toBe(true);
    expect(g.matches('in/sub/MSLT20150830-00.tsv')).toBe(false);
    expect(compileGlob('in/MSLT2015083?-0[0-3].tsv').matches('in/MSLT20150830-02.tsv')).toBe(true);
    expect(compileGlob('in/a+b(1).log').matches('in/a+b(1).log')).toBe(true);
  });

  it('a literal path is that file or everything under that directory', () => {
    const g = compileGlob('/var/log/cdn');
    expect(g.literal).toBe(true);
    expect(g.matches('/var/log/cdn')).toBe(true);
    expect(g.matches('/var/log/cdn/a/b.log')).toBe(true);
    expect(g.matches('/var/log/cdnx')).toBe(false);
    expect(globBase('/abs/**/x')).toBe('/abs');
    expect(globBase('*.log')).toBe('.');
  });

  it('ignores hidden and temporary files (writers in progress)', () => {
    expect(isIgnoredName('2021/07/.prod-ssai.1234.tmp')).toBe(true);
    expect(isIgnoredName('.hidden/a.log')).toBe(true);
    expect(isIgnoredName('a.log.partial')).toBe(true);
    expect(isIgnoredName('2021/07/17/a.log')).toBe(false);
  });
});
