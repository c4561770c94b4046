/** The first lines of a file (decompressed when gzip), for format detection. */
import { readLineBatches } from './read-lines.ts';

export async function peekLines(path: string, gzip: boolean, maxLines = 50, maxBytes = 64 * 1024): Promise<string[]> {
  const out: string[] = [];
  try {
    for await (const b of readLineBatches({ path, gzip, startOffset: 0, includeTail: false, highWaterMark: 16 * 1024 })) {
      for (let i = 0; i < b.texts.length && out.length < maxLines; i++) out.push(b.texts[i] as string);
      if (out.length >= maxLines || (b.ends[b.ends.length - 1] ?? 0) >= maxBytes) break;
    }
  } catch {
    // unreadable or corrupt: detection sees what was read
  }
  return out;
}
