/**
 * An Avro writer compiled from an avsc Type into one straight-line function per schema: every
 * record field, nullable union and primitive is written inline, instead of avsc's chain of
 * `_write` calls whose union dispatch (`_getIndex` → value bucket → branch type) runs once per
 * optional field — 40 to 50 of them per Playpulse event. Same bytes as avsc and the same values
 * refused (test/unit/runtime/avro-compiled-writer.test.ts compares both on random values of every
 * schema). Types it does not specialise (wrapped unions, fixed, logical types, float, …) are
 * written by avsc's own `_write`.
 */
import type avro from 'avsc';

/** avsc's Tap: a buffer and a position; writes past the end only move the position. */
export interface AvroTap {
  buf: Buffer;
  pos: number;
  writeLong(n: number): void;
  writeInt(n: number): void;
  writeString(s: string): void;
  writeDouble(n: number): void;
  writeBoolean(b: boolean): void;
  writeBytes(b: Buffer): void;
  writeBinary(s: string, len: number): void;
}

export type CompiledWriter = (tap: AvroTap, value: unknown) => void;

interface AvscType {
  typeName: string;
  name?: string;
  fields?: { name: string; type: AvscType; defaultValue(): unknown }[];
  types?: AvscType[];
  itemsType?: AvscType;
  valuesType?: AvscType;
  symbols?: string[];
  _dynamicBranches?: unknown;
  toBuffer(v: unknown): Buffer;
  _write(tap: AvroTap, v: unknown): void;
}

/** avsc's value buckets (types.js getTypeBucket), as a test on a non-null value `x`. */
function bucketTest(t: AvscType, x: string): string | null {
  switch (t.typeName) {
    case 'boolean':
      return `typeof ${x} === 'boolean'`;
    case 'int':
    case 'long':
    case 'float':
    case 'double':
      return `typeof ${x} === 'number'`;
    case 'string':
    case 'enum':
      return `typeof ${x} === 'string'`;
    case 'bytes':
    case 'fixed':
      return `Buffer.isBuffer(${x})`;
    case 'array':
      return `Array.isArray(${x})`;
    case 'map':
    case 'record':
      return `typeof ${x} === 'object' && !Array.isArray(${x}) && !Buffer.isBuffer(${x})`;
    default:
      return null;
  }
}

/** The zig-zag varint of a small non-negative int as one byte, else a writeLong call. */
function writeSmall(n: number): string {
  return n < 64 ? `buf[t.pos++] = ${n * 2};` : `t.writeLong(${n});`;
}

class Compiler {
  private readonly names: string[] = ['Buffer', 'invalid'];
  private readonly values: unknown[] = [Buffer, invalid];
  private n = 0;

  private arg(value: unknown): string {
    const name = `a${this.names.length}`;
    this.names.push(name);
    this.values.push(value);
    return name;
  }

  private v(): string {
    return `v${this.n++}`;
  }

  /** Code writing the value of expression `x` (a plain variable name) as type `t`; `path` for errors. */
  emit(t: AvscType, x: string, path: string): string {
    const bad = `invalid(${JSON.stringify(path)}, ${x})`;
    switch (t.typeName) {
      case 'null':
        return `if (${x} !== null) ${bad};\n`;
      case 'boolean':
        return `if (typeof ${x} !== 'boolean') ${bad};\nbuf[t.pos++] = ${x} ? 1 : 0;\n`;
      case 'int':
        return `if (${x} !== (${x} | 0)) ${bad};\nt.writeInt(${x});\n`;
      case 'long':
        return `if (typeof ${x} !== 'number' || ${x} % 1 || !(${x} >= -9007199254740990 && ${x} <= 9007199254740990)) ${bad};\nt.writeLong(${x});\n`;
      case 'double':
        return `if (typeof ${x} !== 'number') ${bad};\nt.writeDouble(${x});\n`;
      case 'string':
        return `if (typeof ${x} !== 'string') ${bad};\nt.writeString(${x});\n`;
      case 'bytes':
        return `if (!Buffer.isBuffer(${x})) ${bad};\nt.writeBytes(${x});\n`;
      case 'enum': {
        const indices = this.arg(new Map((t.symbols as string[]).map((s, i) => [s, i])));
        const i = this.v();
        return `const ${i} = typeof ${x} === 'string' ? ${indices}.get(${x}) : undefined;\nif (${i} === undefined) ${bad};\nt.writeLong(${i});\n`;
      }
      case 'record':
        return this.record(t, x, path);
      case 'array': {
        const i = this.v();
        const item = this.v();
        return `if (!Array.isArray(${x})) ${bad};\nif (${x}.length) {\nt.writeLong(${x}.length);\nfor (let ${i} = 0; ${i} < ${x}.length; ${i}++) {\nconst ${item} = ${x}[${i}];\n${this.emit(t.itemsType as AvscType, item, `${path}[]`)}}\n}\nbuf[t.pos++] = 0;\n`;
      }
      case 'map': {
        const keys = this.v();
        const i = this.v();
        const val = this.v();
        return `if (!${x} || typeof ${x} !== 'object' || Array.isArray(${x})) ${bad};\nconst ${keys} = Object.keys(${x});\nif (${keys}.length) {\nt.writeLong(${keys}.length);\nfor (let ${i} = 0; ${i} < ${keys}.length; ${i}++) {\nt.writeString(${keys}[${i}]);\nconst ${val} = ${x}[${keys}[${i}]];\n${this.emit(t.valuesType as AvscType, val, `${path}{}`)}}\n}\nbuf[t.pos++] = 0;\n`;
      }
      case 'union:unwrapped':
        return this.union(t, x, path);
      default:
        return `${this.arg(t)}._write(t, ${x});\n`;
    }
  }

  private record(t: AvscType, x: string, path: string): string {
    let code = '';
    for (const f of t.fields ?? []) {
      const fv = this.v();
      const fieldPath = path ? `${path}.${f.name}` : f.name;
      code += `const ${fv} = ${x}[${JSON.stringify(f.name)}];\n`;
      const def = f.defaultValue();
      if (def === undefined) code += this.emit(f.type, fv, fieldPath);
      else {
        const bin = f.type.toBuffer(def).toString('binary');
        code += `if (${fv} === undefined) t.writeBinary(${this.arg(bin)}, ${bin.length});\nelse {\n${this.emit(f.type, fv, fieldPath)}}\n`;
      }
    }
    return code;
  }

  private union(t: AvscType, x: string, path: string): string {
    const branches = t.types as AvscType[];
    const tests = branches.map((b) => (b.typeName === 'null' ? 'null' : bucketTest(b, x)));
    if (t._dynamicBranches || tests.some((c) => c === null)) return `${this.arg(t)}._write(t, ${x});\n`;
    const nullIndex = branches.findIndex((b) => b.typeName === 'null');
    let code = nullIndex >= 0 ? `if (${x} === null) ${writeSmall(nullIndex)}\nelse ` : `if (${x} === null) invalid(${JSON.stringify(path)}, ${x});\nelse `;
    branches.forEach((b, i) => {
      if (i === nullIndex) return;
      code += `if (${tests[i]}) {\n${writeSmall(i)}\n${this.emit(b, x, path)}} else `;
    });
    return `${code}invalid(${JSON.stringify(path)}, ${x});\n`;
  }

  build(root: AvscType): CompiledWriter {
    const body = `return function write(t, v) {\nconst buf = t.buf;\n${this.emit(root, 'v', '')}};`;
    return new Function(...this.names, body)(...this.values) as CompiledWriter;
  }
}

function invalid(path: string, value: unknown): never {
  throw new Error(`invalid ${path || 'value'}: ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`);
}

export function compileWriter(type: avro.Type): CompiledWriter {
  return new Compiler().build(type as unknown as AvscType);
}
