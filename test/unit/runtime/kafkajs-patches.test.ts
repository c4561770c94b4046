import { describe, it, expect } from 'vitest';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

describe('read_committed filter', () => {
  // After a crash, producers P0 and P1 each had an open transaction (records at offsets 0 and 1);
  // both were aborted on restart, then P1 (same transactional id) committed anew. This fetch starts
  // at offset 2, after the aborted records: the broker lists both aborted transactions as spanning it.
  const msg = (offset: number, producerId: string, inTransaction: boolean, key: Buffer | null = Buffer.from('k')) => ({ offset: String(offset), key, batchContext: { producerId, inTransaction } });
  const ABORT = Buffer.from([0, 0, 0, 0]);
  const COMMIT = Buffer.from([0, 0, 0, 1]);
  const messages = [msg(2, 'P1', true, ABORT), msg(3, 'P0', true, ABORT), msg(4, 'P1', true), msg(5, 'P1', true), msg(6, 'P1', true, COMMIT), msg(7, 'P9', false)];
  const abortedTransactions = [{ firstOffset: '0', producerId: 'P0' }, { firstOffset: '1', producerId: 'P1' }];

  it('keeps the committed records that follow the abort markers', async () => {
    const { filterAbortedMessages } = await import('../../../services/runtime/kafkajs-patches.ts');
    expect(filterAbortedMessages({ messages, abortedTransactions }).map((m) => Number(m.offset))).toEqual([2, 3, 4, 5, 6, 7]); // 2, 3, 6: control records kafkajs drops next
  });

  it('drops records of transactions that are still aborted, whatever order the broker lists them in', async () => {
    const { filterAbortedMessages } = await import('../../../services/runtime/kafkajs-patches.ts');
    const log = [msg(0, 'P0', true), msg(1, 'P1', true), msg(2, 'P1', true, ABORT), msg(3, 'P0', true), msg(4, 'P0', true, ABORT), msg(5, 'P9', false)];
    const listed = [{ firstOffset: '1', producerId: 'P1' }, { firstOffset: '0', producerId: 'P0' }];
    expect(filterAbortedMessages({ messages: log, abortedTransactions: listed }).map((m) => Number(m.offset))).toEqual([2, 4, 5]);
  });

  it('(the kafkajs original marks P1 aborted only after its abort marker and drops its committed records 4 and 5)', () => {
    const p = require.resolve('kafkajs/src/consumer/filterAbortedMessages.js');
    const keep = require.cache[p];
    delete require.cache[p];
    const original = require(p) as (a: { messages: typeof messages; abortedTransactions: typeof abortedTransactions }) => typeof messages;
    if (keep) require.cache[p] = keep;
    const kept = original({ messages, abortedTransactions }).map((m) => Number(m.offset));
    expect(kept).not.toContain(4);
    expect(kept).not.toContain(5);
  });
});

describe('load order', () => {
  // Each case runs in a fresh Node process: the patches act on kafkajs' module cache, which a test worker shares.
  const run = async (code: string) => {
    const { execFile } = await import('node:child_process');
    return new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: new URL('../../../', import.meta.url).pathname }, () => undefined);
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (c) => resolve({ code: c, stderr }));
    });
  };

  it('refuses to patch a kafkajs that is already loaded (the patches would silently not apply)', async () => {
    const r = await run("await import('kafkajs'); await import('./services/runtime/kafkajs-patches.ts');");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('kafkajs was loaded before services/runtime/kafkajs-patches.ts');
  }, 30_000);

  it('the local stack module (which probes Kafka with kafkajs) loads kafkajs only after the patches', async () => {
    const r = await run("await import('./deploy/local/stack.ts'); await import('./services/runtime/kafkajs-bus.ts'); console.error('both modules imported');");
    expect(r.stderr).toContain('both modules imported');
    expect(r.code).toBe(0);
  }, 30_000);
});
