/**
 * The replay snapshot's byte format and the reader that restores it from parts. The format is one byte
 * stream (unchanged since version 1): magic, version, header length, JSON header padded to 4 bytes, then
 * the filled slots' frames, actions (uint8), rewards (float32, little-endian) and flags (uint8). A
 * snapshot travels as a list of parts whose concatenation is that stream, so a multi-GB memory is written
 * and read in pieces and never built as one array (V8 caps typed arrays at 4 GB, Node file I/O at 2 GB).
 */
import type { ReplayBytes, ReplayOptions } from './types';

export const MAGIC = 0x44515242; // 'DQRB'
export const FORMAT_VERSION = 1;

export interface SnapshotHeader {
  readonly options: ReplayOptions;
  readonly total: number;
  readonly startsInWindow: number;
  readonly episodeOpen: boolean;
  readonly lastDone: boolean;
}

/** The bytes before the frames: fixed prefix, JSON header and its padding. */
export function encodePrefix(header: SnapshotHeader): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(12 + json.length + padding(json.length));
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, FORMAT_VERSION, true);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  return out;
}

const padding = (n: number): number => (4 - (n % 4)) % 4;

const fail = (why: string): never => {
  throw new Error(`replay.deserialize: ${why}`);
};

/** A reader over a replay snapshot, at its first frame byte once the header is parsed and checked. */
export function openSnapshot(bytes: ReplayBytes): { reader: PartsReader; header: SnapshotHeader } {
  const reader = new PartsReader(bytes, fail);
  if (reader.remaining < 12) fail('data too short');
  const fixed = new DataView(reader.take(12).buffer);
  if (fixed.getUint32(0, true) !== MAGIC) fail('not a replay buffer snapshot');
  if (fixed.getUint32(4, true) !== FORMAT_VERSION) fail(`unsupported version ${fixed.getUint32(4, true)}`);
  const length = fixed.getUint32(8, true);
  if (length + padding(length) > reader.remaining) fail('truncated header');
  const json = reader.take(length);
  reader.take(padding(length));
  try {
    return { reader, header: JSON.parse(new TextDecoder().decode(json)) as SnapshotHeader };
  } catch {
    return fail('corrupt header');
  }
}

/** Reads a byte stream front to back across its parts, whatever their boundaries. */
export class PartsReader {
  private readonly parts: readonly Uint8Array[];
  private part = 0;
  private within = 0;
  /** Bytes not yet read. */
  remaining: number;

  constructor(
    bytes: ReplayBytes,
    private readonly fail: (why: string) => never,
  ) {
    this.parts = bytes instanceof Uint8Array ? [bytes] : bytes;
    this.remaining = this.parts.reduce((n, p) => n + p.length, 0);
  }

  /** A copy of the next `n` bytes (small reads: the prefix). */
  take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    this.fill(out);
    return out;
  }

  /** Fills `dest` with the next dest.length bytes. */
  fill(dest: Uint8Array): void {
    if (dest.length > this.remaining) this.fail('length does not match its header');
    let written = 0;
    while (written < dest.length) {
      const source = this.parts[this.part];
      const n = Math.min(source.length - this.within, dest.length - written);
      dest.set(source.subarray(this.within, this.within + n), written);
      written += n;
      this.within += n;
      if (this.within === source.length) {
        this.part++;
        this.within = 0;
      }
    }
    this.remaining -= dest.length;
  }
}
