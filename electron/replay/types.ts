/**
 * The replay memory seam. Frames are stored once, as uint8, in preallocated typed arrays; stacks of
 * the last `stack` frames are assembled when sampling (never stored as tuples of arrays).
 */
import type { Rng } from '../../shared/rng';
import type { Batch } from '../agent/types';

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
  /** Bytes the buffer holds, for the memory-per-transition figure. */
  readonly byteLength: number;
  serialize(): Uint8Array;
  deserialize(state: Uint8Array): void;
}
