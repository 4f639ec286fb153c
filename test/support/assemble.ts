/**
 * Test helper: assembles 6502 source with the `dasm` npm package (dasm 2.20, emscripten build).
 *
 * - `assemble(src, origin)` → raw bytes starting at `origin` (default $1000).
 * - `assembleProgram(src, origin)` → bytes plus the label table (for jumping to or asserting on labels).
 * - `assembleCart(src)` → a 4K cartridge image for $F000–$FFFF whose reset and IRQ/BRK vectors point at
 *   the label `start` (or `reset`), or at $F000 when neither exists. `vcs.h` / `macro.h` can be included.
 *
 * Source is dasm syntax: mnemonics must be indented; labels start in column 0. `processor 6502` and an
 * `org` are prepended, so tests only write the program. Undocumented mnemonics dasm accepts include
 * lax, sax, dcp, isb, slo, rla, sre, rra, anc, asr, arr, sbx, las, sha, shx, shy, shs (TAS), ane, lxa,
 * nop with operands (not alr, axs, isc, xaa, tas); emit other encodings (KIL, $EB, NOP variants) with `.byte`.
 * A cart source that has its own `org` must start at $F000.
 */
import dasmModule from 'dasm';
import type { IDasmResult, IOptions } from 'dasm';

type DasmFn = (src: string, options?: IOptions) => IDasmResult;

// The package is CommonJS with a `default` export; depending on the loader we get either shape.
const dasm: DasmFn = (dasmModule as unknown as { default?: DasmFn }).default ?? (dasmModule as unknown as DasmFn);

export interface AssembledProgram {
  bytes: Uint8Array;
  origin: number;
  /** Label and constant values, keyed by name as written (case preserved). */
  symbols: Map<string, number>;
}

function hasOrg(source: string): boolean {
  return /^\s+(org|ORG)\b/m.test(source);
}

/** dasm's list parser warns about numbers it does not understand; that noise is useless in tests. */
function quietly<T>(fn: () => T): T {
  const warn = console.warn;
  console.warn = () => {};
  try {
    return fn();
  } finally {
    console.warn = warn;
  }
}

function failureText(result: IDasmResult): string {
  const lineErrors = (result.list ?? [])
    .filter((l) => l.errorMessage)
    .map((l) => `line ${l.number}: ${l.errorMessage}${l.raw ? ` [${l.raw.trim()}]` : ''}`);
  const outputErrors = result.output.filter((l) => /error|unresolved|unknown/i.test(l));
  return [...lineErrors, ...outputErrors].join('\n') || result.output.join('\n');
}

/** Symbol file lines are fixed-width: name in columns 0–24, 4 hex digits at 25–28. */
function parseSymbols(raw: string | undefined): Map<string, number> {
  const symbols = new Map<string, number>();
  for (const line of (raw ?? '').split('\n')) {
    if (line.startsWith('---') || line.length < 29) continue;
    const name = line.slice(0, 25).trim();
    const value = parseInt(line.slice(25, 29).trim(), 16);
    if (name && !Number.isNaN(value)) symbols.set(name, value);
  }
  return symbols;
}

/**
 * Assembles `source` placed at `origin`, returning the bytes and labels; throws with dasm's messages on
 * any error. If the source has its own `org`, `origin` only records where the image starts.
 */
export function assembleProgram(source: string, origin = 0x1000): AssembledProgram {
  // Includes (vcs.h switches to its own uninitialised segments) go first, then back to a code segment.
  const lines = source.split('\n');
  const includes = lines.filter((l) => /^\s+include\b/i.test(l));
  const rest = lines.filter((l) => !/^\s+include\b/i.test(l)).join('\n');
  const org = hasOrg(rest) ? '' : `  org $${origin.toString(16)}\n`;
  const full = `  processor 6502\n${includes.join('\n')}\n  seg code\n${org}${rest}\n`;
  const result = quietly(() => dasm(full, { format: 3, machine: 'atari2600' }));
  const errors = (result.list ?? []).some((l) => l.errorMessage);
  if (!result.success || result.exitStatus !== 0 || errors) {
    throw new Error(`dasm failed:\n${failureText(result)}\n--- source ---\n${full}`);
  }
  return { bytes: result.data, origin, symbols: parseSymbols(result.symbolsRaw) };
}

/** Assembles `source` at `origin` (default $1000) and returns the raw bytes. */
export function assemble(source: string, origin = 0x1000): Uint8Array {
  return assembleProgram(source, origin).bytes;
}

/**
 * A 4K cart image ($F000–$FFFF). The program is assembled at $F000; the NMI, reset and IRQ/BRK vectors
 * point at `start`/`reset` (else $F000) unless the source sets them itself with its own `org $FFFA`.
 */
export function assembleCart(source: string): Uint8Array {
  const hasVectors = /^\s+org\s+\$fff[a-c]\b/im.test(source);
  const hasLabel = (name: string) => new RegExp(`^${name}\\b`, 'm').test(source);
  const entry = hasLabel('start') ? 'start' : hasLabel('reset') ? 'reset' : '$F000';
  const vectors = hasVectors ? '' : `\n  org $FFFA\n  .word ${entry}\n  .word ${entry}\n  .word ${entry}\n`;
  const body = hasOrg(source) ? source : `  org $F000\n${source}`;
  const { bytes } = assembleProgram(`${body}${vectors}`, 0xf000);
  if (bytes.length > 4096) throw new Error(`cart program is ${bytes.length} bytes, more than 4K`);
  const image = new Uint8Array(4096);
  image.set(bytes);
  return image;
}
