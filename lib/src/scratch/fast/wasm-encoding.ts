/**
 * The few pieces of the WebAssembly binary format that the hand-assembled kernels need
 * (simd.ts, simd-relaxed.ts, ../charlm-kernel.ts): LEB128 integers, names, sections, the module
 * header, and compiling a module once.
 */

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128. */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}

/** A name: its length, then its bytes. */
export const str = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
/** A section: id, size, body. */
export const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
/** "\0asm", version 1. */
export const HEADER = [0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0];

/**
 * A getter that compiles `bytes()` on its first call and then returns that module, or null where
 * the runtime has no WebAssembly or rejects the module (e.g. no SIMD).
 */
export function compileOnce(bytes: () => Uint8Array): () => WebAssembly.Module | null {
  let compiled: WebAssembly.Module | null | undefined;
  return () => {
    if (compiled !== undefined) return compiled;
    compiled = null;
    try {
      const b = bytes();
      if (typeof WebAssembly !== 'undefined' && WebAssembly.validate(b)) compiled = new WebAssembly.Module(b);
    } catch {
      compiled = null;
    }
    return compiled;
  };
}
