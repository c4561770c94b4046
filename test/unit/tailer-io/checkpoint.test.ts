import { describe, it, expect } from 'vitest';
import { CheckpointIndex } from '../../../services/tailer/checkpoint/checkpoint-index.ts';
import { classifyFile, isCaughtUp } from '../../../services/tailer/checkpoint/classify-file.ts';
import { encodeCheckpoint, fileKey, markerKey, watermarkKey, type FileCheckpoint } from '../../../services/tailer/checkpoint/checkpoint.ts';
import { fileIdOf } from '../../../services/tailer/follow/file-identity.ts';
import { shouldDelete } from '../../../services/tailer/cleanup/retention.ts';

const cp = (over: Partial<FileCheckpoint> = {}): FileCheckpoint => ({
  kind: 'file', fileId: 'f1', dev: 1, ino: 42, generation: 0, fpLen: 1024, fpHash: 'abc', path: '/in/a.log', source: 'access:/in/**',
  format: 'combined', gzip: false, offset: 100, line: 5, done: false, deleted: false, error: null, updatedAt: 1, ...over,
});

describe('checkpoint index', () => {
  it('restores from the topic in order: later records win, tombstones forget, watermarks only advance, markers are reported', () => {
    const idx = new CheckpointIndex();
    idx.applyRecord(fileKey('f1'), encodeCheckpoint(cp({ offset: 10 })));
    idx.applyRecord(fileKey('f1'), encodeCheckpoint(cp({ offset: 100 })));
    idx.applyRecord(watermarkKey('s'), encodeCheckpoint({ kind: 'watermark', source: 's', eventTimeMs: 50 }));
    idx.applyRecord(watermarkKey('s'), encodeCheckpoint({ kind: 'watermark', source: 's', eventTimeMs: 40 }));
    expect(idx.applyRecord(markerKey('t-0'), encodeCheckpoint({ kind: 'marker', nonce: 'n1' }))).toBe('n1');
    expect(idx.file('f1')?.offset).toBe(100);
    expect(idx.latestForInode(1, 42)?.fileId).toBe('f1');
    expect(idx.watermark('s')).toBe(50);
    idx.applyRecord(fileKey('f1'), null);
    expect(idx.file('f1')).toBeUndefined();
    expect(idx.latestForInode(1, 42)).toBeUndefined();
    expect(idx.applyRecord('junk', Buffer.from('not json'))).toBeNull();
  });

  it('the newest generation of an inode wins', () => {
    const idx = new CheckpointIndex();
    idx.putFile(cp({ fileId: 'g1', generation: 1, updatedAt: 5 }));
    idx.putFile(cp({ fileId: 'g0', generation: 0, updatedAt: 9 }));
    expect(idx.latestForInode(1, 42)?.fileId).toBe('g1');
  });
});

describe('file identity decisions', () => {
  it('new, same (renamed), truncated, re-used inode', () => {
    expect(classifyFile(undefined, { path: '/in/a.log', size: 10, gzip: false }, false)).toEqual({ kind: 'new', generation: 0 });
    expect(classifyFile(cp(), { path: '/in/a.log', size: 200, gzip: false }, true)).toEqual({ kind: 'same', renamed: false });
    expect(classifyFile(cp(), { path: '/in/a.log.1', size: 200, gzip: false }, true)).toEqual({ kind: 'same', renamed: true });
    expect(classifyFile(cp(), { path: '/in/a.log', size: 50, gzip: false }, true)).toEqual({ kind: 'truncated', generation: 1 });
    expect(classifyFile(cp(), { path: '/in/a.log', size: 500, gzip: false }, false)).toEqual({ kind: 'truncated', generation: 1 });
    expect(classifyFile(cp({ generation: 2 }), { path: '/in/other.log', size: 500, gzip: false }, false)).toEqual({ kind: 'replaced', generation: 3 });
  });

  it('file ids differ by inode, fingerprint and generation', () => {
    const fp = { len: 10, hash: 'h' };
    expect(fileIdOf(1, 42, fp, 0)).not.toBe(fileIdOf(1, 43, fp, 0));
    expect(fileIdOf(1, 42, fp, 0)).not.toBe(fileIdOf(1, 42, { len: 10, hash: 'i' }, 0));
    expect(fileIdOf(1, 42, fp, 0)).not.toBe(fileIdOf(1, 42, fp, 1));
  });

  it('caught up: plain at its size, gzip when done', () => {
    expect(isCaughtUp(cp({ offset: 100 }), 100)).toBe(true);
    expect(isCaughtUp(cp({ offset: 100 }), 101)).toBe(false);
    expect(isCaughtUp(cp({ gzip: true, offset: 5000 }), 100)).toBe(false);
    expect(isCaughtUp(cp({ gzip: true, done: true }), 100)).toBe(true);
  });

  it('retention deletes only processed files older than the retention', () => {
    const now = Date.UTC(2025, 0, 1);
    const day = 24 * 3600 * 1000;
    expect(shouldDelete(cp({ offset: 100 }), { size: 100, mtimeMs: now - 61 * day }, now, 60)).toBe(true);
    expect(shouldDelete(cp({ offset: 100 }), { size: 100, mtimeMs: now - 59 * day }, now, 60)).toBe(false);
    expect(shouldDelete(cp({ offset: 50 }), { size: 100, mtimeMs: now - 61 * day }, now, 60)).toBe(false);
    expect(shouldDelete(undefined, { size: 100, mtimeMs: now - 61 * day }, now, 60)).toBe(false);
  });
});
