/**
 * Exact text of a JSON integer member, read from the raw line. JSON.parse turns
 * integers above 2^53 into doubles and loses digits (uint64 span ids do exceed it),
 * so the digits are taken from the source text instead.
 *
 * `quotedKey` is the member name with its quotes, e.g. '"span_id"'. Returns the
 * digits (with a leading '-' if any), or null when the member is absent or not an
 * integer literal. A match preceded by a backslash is inside a string and skipped.
 */
export function integerTextOf(line: string, quotedKey: string): string | null {
  let from = 0;
  for (;;) {
    const at = line.indexOf(quotedKey, from);
    if (at < 0) return null;
    from = at + quotedKey.length;
    if (at > 0 && line.charCodeAt(at - 1) === 92) continue; // \"key\" inside a string
    let j = from;
    let c = line.charCodeAt(j);
    while (c === 32 || c === 9 || c === 10 || c === 13) c = line.charCodeAt(++j);
    if (c !== 58) continue; // not followed by ':' → the key text appeared as a value
    c = line.charCodeAt(++j);
    while (c === 32 || c === 9 || c === 10 || c === 13) c = line.charCodeAt(++j);
    const start = j;
    if (c === 45) c = line.charCodeAt(++j); // '-'
    const firstDigit = j;
    while (c >= 48 && c <= 57) c = line.charCodeAt(++j);
    if (j === firstDigit) return null;
    // a fraction or exponent means it is not an integer literal
    if (c === 46 || c === 101 || c === 69) return null;
    return line.slice(start, j);
  }
}
