/**
 * Frame storage for the replay ring: fixed-size chunks of FRAMES_PER_CHUNK frames, each its own
 * Uint8Array, allocated the first time a slot in it is written.
 *
 * Why chunks: the nature recipe's 1M x 84x84 frames are 7.06 GB, past V8's largest typed array (4 GB in
 * Node 20) and Node's 2 GB file-write and read limits; one array per 4,096 frames (29 MB at 84x84) keeps
 * every array and every serialized part far below those limits. Why lazily: a short or exploratory run
 * commits only what it stores (plus at most one partly used chunk) instead of 7 GB at start. Why 4,096:
 * a power of two turns slot -> (chunk, offset) into a shift and a mask, and ~245 chunks for 1M frames
 * costs nothing to index while bounding the unused tail to one chunk.
 */

export const CHUNK_SHIFT = 12;
export const FRAMES_PER_CHUNK = 1 << CHUNK_SHIFT;
const CHUNK_MASK = FRAMES_PER_CHUNK - 1;

export class ChunkedFrames {
  private readonly chunks: Array<Uint8Array | undefined>;
  private allocated = 0;

  constructor(
    /** Frame slots in the ring. */
    readonly slots: number,
    /** Bytes per frame (height x width). */
    readonly frameSize: number,
  ) {
    this.chunks = new Array<Uint8Array | undefined>(Math.ceil(slots / FRAMES_PER_CHUNK)).fill(undefined);
  }

  /** Bytes of frame storage allocated so far. */
  get byteLength(): number {
    return this.allocated;
  }

  /** Bytes the storage reaches once every slot has been written. */
  get fullByteLength(): number {
    return this.slots * this.frameSize;
  }

  write(slot: number, frame: Uint8Array): void {
    this.chunk(slot >>> CHUNK_SHIFT).set(frame, (slot & CHUNK_MASK) * this.frameSize);
  }

  /** Copies the frame in `slot` into `out` at `offset` (the slot must have been written). */
  copyTo(slot: number, out: Uint8Array, offset: number): void {
    const chunk = this.chunks[slot >>> CHUNK_SHIFT]!;
    const start = (slot & CHUNK_MASK) * this.frameSize;
    out.set(chunk.subarray(start, start + this.frameSize), offset);
  }

  /**
   * Views (not copies) of slots [0, count) in slot order, one per chunk, allocating missing chunks: read
   * them to serialize (valid until the next write) or fill them to restore a snapshot in place.
   */
  views(count: number): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (let first = 0; first < count; first += FRAMES_PER_CHUNK) {
      const n = Math.min(FRAMES_PER_CHUNK, count - first);
      out.push(this.chunk(first >>> CHUNK_SHIFT).subarray(0, n * this.frameSize));
    }
    return out;
  }

  private chunk(index: number): Uint8Array {
    const existing = this.chunks[index];
    if (existing) return existing;
    const frames = Math.min(FRAMES_PER_CHUNK, this.slots - index * FRAMES_PER_CHUNK);
    let chunk: Uint8Array;
    try {
      chunk = new Uint8Array(frames * this.frameSize);
    } catch (error) {
      const mb = ((this.allocated + frames * this.frameSize) / 1024 ** 2).toFixed(0);
      throw new Error(`replay: out of memory growing the frame store to ${mb} MB (${(error as Error).message})`, {
        cause: error,
      });
    }
    this.chunks[index] = chunk;
    this.allocated += chunk.byteLength;
    return chunk;
  }
}
