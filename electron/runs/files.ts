/** File helpers for the disk run store: atomic writes (temp + fsync + rename) and JSONL that tolerates a torn tail. */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { RunStoreError } from './types';

/** Writes `data` to `path` atomically: a reader sees the old file or the new one, never half of either. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}.tmp-${randomBytes(4).toString('hex')}`;
  try {
    await writeAndSync(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw ioError(error, path);
  }
}

export async function writeAndSync(path: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Largest piece read or written at once: Node refuses single reads and writes over 2 GB. */
const SLAB_BYTES = 1 << 30;

/** Writes byte parts one after another and fsyncs: for data too large for one array (a replay memory). */
export async function writePartsAndSync(path: string, parts: readonly Uint8Array[]): Promise<void> {
  const handle = await open(path, 'w');
  try {
    let position = 0;
    for (const part of parts) {
      for (let done = 0; done < part.length; ) {
        const { bytesWritten } = await handle.write(part, done, Math.min(part.length - done, SLAB_BYTES), position);
        done += bytesWritten;
        position += bytesWritten;
      }
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Reads a file whole, or as 1 GB slabs when it is larger than one typed array or read may be. */
export async function readSlabs(path: string): Promise<Uint8Array | Uint8Array[]> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    if (size <= SLAB_BYTES) return new Uint8Array(await handle.readFile());
    const slabs: Uint8Array[] = [];
    for (let position = 0; position < size; ) {
      const slab = new Uint8Array(Math.min(SLAB_BYTES, size - position));
      for (let got = 0; got < slab.length; ) {
        const { bytesRead } = await handle.read(slab, got, slab.length - got, position);
        if (bytesRead === 0) throw new Error(`${path} ended early`);
        got += bytesRead;
        position += bytesRead;
      }
      slabs.push(slab);
    }
    return slabs;
  } finally {
    await handle.close();
  }
}

/** Parses JSON lines; a torn (unparseable) final line is dropped, a damaged line before it is an error. */
export function parseJsonLines<T>(text: string, fileLabel: string): T[] {
  const lines = text.split('\n');
  const out: T[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      const isLast = lines.slice(i + 1).every((l) => l.trim() === '');
      if (isLast) break; // interrupted mid-append: the record is re-emitted on resume
      throw new RunStoreError('run-damaged', `${fileLabel} line ${i + 1} is damaged (not JSON).`);
    }
  }
  return out;
}

export function ioError(error: unknown, path: string): Error {
  if (error instanceof RunStoreError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new RunStoreError('disk-full', `The disk is full: could not write ${path}. Nothing already saved was lost.`);
  }
  return new RunStoreError('io', `Could not write ${path}: ${error instanceof Error ? error.message : String(error)}`);
}

/** Tensor index + one concatenated float32 blob (little-endian), for weights and optimizer state. */
export function packTensors(tensors: ReadonlyArray<{ name: string; shape: readonly number[]; data: Float32Array }>): {
  index: Array<{ name: string; shape: number[]; offset: number; length: number }>;
  blob: Uint8Array;
} {
  const total = tensors.reduce((n, t) => n + t.data.length, 0);
  const all = new Float32Array(total);
  const index: Array<{ name: string; shape: number[]; offset: number; length: number }> = [];
  let offset = 0;
  for (const t of tensors) {
    all.set(t.data, offset);
    index.push({ name: t.name, shape: [...t.shape], offset, length: t.data.length });
    offset += t.data.length;
  }
  return { index, blob: new Uint8Array(all.buffer) };
}

export function unpackTensors(
  index: ReadonlyArray<{ name: string; shape: number[]; offset: number; length: number }>,
  blob: Uint8Array,
  label: string,
): Array<{ name: string; shape: number[]; data: Float32Array }> {
  if (blob.byteLength % 4 !== 0) throw new RunStoreError('run-damaged', `${label}: weights.bin has a torn length.`);
  const copy = new Uint8Array(blob); // aligned copy
  const all = new Float32Array(copy.buffer, 0, copy.byteLength / 4);
  return index.map((t) => {
    if (t.offset + t.length > all.length) {
      throw new RunStoreError('run-damaged', `${label}: weights.bin is shorter than its index says.`);
    }
    return { name: t.name, shape: t.shape, data: all.slice(t.offset, t.offset + t.length) };
  });
}
