/**
 * Splits a byte stream into lines across chunk boundaries. LF ends a line; a CR before the LF is
 * dropped (CRLF files); byte counts include the terminator so offsets stay exact. Works on bytes,
 * so a multi-byte UTF-8 character split between chunks is decoded whole.
 */
export interface LineSink {
  /** `endOffset`: byte offset just after the line's terminator. */
  line(text: string, endOffset: number): void;
}

export class LineSplitter {
  private rest: Buffer | null = null;
  private offset: number;

  constructor(startOffset = 0) {
    this.offset = startOffset;
  }

  /** Offset just after the last complete line handed out. */
  get position(): number {
    return this.offset;
  }

  /** Bytes held back because their line is not terminated yet. */
  get pendingBytes(): number {
    return this.rest?.length ?? 0;
  }

  push(chunk: Buffer, sink: LineSink): void {
    let buf = chunk;
    let start = 0;
    if (this.rest !== null) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        this.rest = Buffer.concat([this.rest, chunk]);
        return;
      }
      const joined = Buffer.concat([this.rest, chunk.subarray(0, nl + 1)]);
      this.rest = null;
      this.emit(joined, 0, joined.length - 1, sink);
      buf = chunk;
      start = nl + 1;
    }
    let nl = buf.indexOf(10, start);
    while (nl >= 0) {
      this.emit(buf, start, nl, sink);
      start = nl + 1;
      nl = buf.indexOf(10, start);
    }
    if (start < buf.length) this.rest = Buffer.from(buf.subarray(start));
  }

  /** Hands out an unterminated last line (a complete file's last line without LF). */
  flush(sink: LineSink): void {
    if (this.rest === null || this.rest.length === 0) return;
    const r = this.rest;
    this.rest = null;
    let end = r.length;
    if (end > 0 && r[end - 1] === 13) end--;
    this.offset += r.length;
    sink.line(r.toString('utf8', 0, end), this.offset);
  }

  /** `nl` is the index of the LF. */
  private emit(buf: Buffer, start: number, nl: number, sink: LineSink): void {
    const end = nl > start && buf[nl - 1] === 13 ? nl - 1 : nl;
    this.offset += nl + 1 - start;
    sink.line(buf.toString('utf8', start, end), this.offset);
  }
}
