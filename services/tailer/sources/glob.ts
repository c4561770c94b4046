/**
 * A small glob matcher over `/`-separated paths: `**` any number of directories (also none),
 * `*` any characters within one segment, `?` one character, `{a,b}` alternatives, `[abc]`
 * character classes. A pattern without wildcards names a file, or a directory meaning `dir/**`.
 */
export interface CompiledGlob {
  /** Directory to walk: the pattern's leading segments without wildcards. */
  readonly base: string;
  /** Whether the pattern has wildcards at all. */
  readonly literal: boolean;
  matches(path: string): boolean;
}

const WILDCARD = /[*?[{]/;

export function globBase(pattern: string): string {
  const segs = normalise(pattern).split('/');
  const out: string[] = [];
  for (const s of segs) {
    if (WILDCARD.test(s)) break;
    out.push(s);
  }
  const base = out.join('/');
  return base === '' ? (pattern.startsWith('/') ? '/' : '.') : base;
}

function normalise(p: string): string {
  return p.replace(/\\/g, '/').replace(/\/+/g, '/').replace(/^\.\//, '');
}

export function globToRegExp(pattern: string): RegExp {
  const p = normalise(pattern);
  let re = '';
  let i = 0;
  let braces = 0;
  while (i < p.length) {
    const c = p[i] as string;
    if (c === '*') {
      if (p[i + 1] === '*') {
        const atStart = i === 0 || p[i - 1] === '/';
        const atEnd = i + 2 === p.length || p[i + 2] === '/';
        if (atStart && atEnd) {
          if (i + 2 === p.length) re += '.*';
          else {
            re += '(?:.*/)?';
            i++; // skip the slash after **
          }
          i += 2;
          continue;
        }
      }
      re += '[^/]*';
      while (p[i + 1] === '*') i++;
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else if (c === '[') {
      const close = p.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        let cls = p.slice(i + 1, close).replace(/\\/g, '\\\\');
        if (cls.startsWith('!')) cls = '^' + cls.slice(1);
        re += `[${cls}]`;
        i = close;
      }
    } else re += /[.+^$()|\\]/.test(c) ? `\\${c}` : c;
    i++;
  }
  return new RegExp(`^${re}$`);
}

export function compileGlob(pattern: string): CompiledGlob {
  const p = normalise(pattern);
  const literal = !WILDCARD.test(p);
  if (literal) {
    const base = p.replace(/\/$/, '');
    // a literal path: that file, or everything below that directory
    return { base, literal, matches: (path) => { const n = normalise(path); return n === base || n.startsWith(`${base}/`); } };
  }
  const re = globToRegExp(p);
  return { base: globBase(p), literal, matches: (path) => re.test(normalise(path)) };
}
