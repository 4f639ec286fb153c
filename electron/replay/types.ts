/**
 * The replay memory seam. Frames are stored once, as uint8, in preallocated typed arrays; stacks of
 * the last `stack` frames are assembled when sampling (never stored as tuples of arrays).
 */
import type { Rng } from '../../shared/rng';
import type { Batch } from '../agent/types';

/**
 * A serialized replay memory: one byte array, or parts whose concatenation is the snapshot (how a
 * memory larger than one typed array is written to and read back from disk).
 */
export type ReplayBytes = Uint8Array | readonly Uint8Array[];

export interface ReplayOptions {
  readonly capacity: number;
  readonly frameHeight: number;
  readonly frameWidth: number;
  /** Frames per observation stack (1 for the notebook recipes, 4 for nature). */
  readonly stack: number;
}

export interface ReplayBuffer {
  readonly options: ReplayOptions;
  readonly size: number;
  /** Starts an episode with its first frame (height x width uint8). */
  startEpisode(frame: Uint8Array): void;
  /**
   * Records a transition from the current observation: `action`, `reward`, `done` and the frame
   * that followed it. After a done, call startEpisode before the next add.
   */
  add(action: number, reward: number, done: boolean, nextFrame: Uint8Array): void;
  /** The current observation stack (channels x height x width), written into `out`. */
  currentStack(out: Uint8Array): Uint8Array;
  /** A seeded uniform minibatch. */
  sample(batchSize: number, rng: Rng): Batch;
  /**
   * Bytes allocated now, for the memory-per-transition figure. Frame storage grows in chunks as the
   * buffer fills, so this reaches `fullByteLength` only once every slot has been written.
   */
  readonly byteLength: number;
  /** Bytes the buffer holds when full (what the machine must be able to give it). */
  readonly fullByteLength: number;
  /**
   * The snapshot as parts: a small header, then views onto the buffer's own storage (no copy, no
   * multi-GB array). The views are valid until the buffer next changes: write or clone them first.
   */
  serialize(): Uint8Array[];
  /** Restores a snapshot from serialize() (or any split of its bytes); refuses one of other options. */
  deserialize(state: ReplayBytes): void;
}
