/**
 * Uniform replay memory that stores every frame once. One ring of `capacity + stack` slots holds, per
 * slot, a frame and the transition that produced it (action, reward, done); a slot whose frame opened an
 * episode holds no transition. Observation stacks are assembled at sampling time and never reach back
 * across an episode start: they repeat that episode's first frame, as gym's FrameStack does at reset.
 * Frames live in lazily allocated chunks (frame-store.ts); per-slot metadata (6 bytes) is preallocated.
 */
import type { Rng } from '../../shared/rng';
import type { Batch } from '../agent/types';
import { ChunkedFrames } from './frame-store';
import { encodePrefix, openSnapshot, type SnapshotHeader } from './snapshot';
import type { ReplayBuffer, ReplayBytes, ReplayOptions } from './types';

const FLAG_START = 1;
const FLAG_DONE = 2;
/** Per-slot metadata bytes: action (1), reward (4), flags (1). */
const META_BYTES = 6;

export function createReplayBuffer(options: ReplayOptions): ReplayBuffer {
  validate(options);
  return new FrameRingBuffer(options);
}

class FrameRingBuffer implements ReplayBuffer {
  readonly options: ReplayOptions;
  private readonly ring: number;
  private readonly frameSize: number;
  private readonly frames: ChunkedFrames;
  private readonly actions: Uint8Array;
  private readonly rewards: Float32Array;
  private readonly flags: Uint8Array;
  /** Frames ever written (the serial number of the next one). */
  private total = 0;
  /** Episode-start frames inside the sampling window, so `size` needs no scan. */
  private startsInWindow = 0;
  private episodeOpen = false;
  private lastDone = false;

  constructor(options: ReplayOptions) {
    this.options = { ...options };
    // `stack` spare slots keep the history of the oldest sampleable transition in memory.
    this.ring = options.capacity + options.stack;
    this.frameSize = options.frameHeight * options.frameWidth;
    this.frames = new ChunkedFrames(this.ring, this.frameSize);
    this.actions = new Uint8Array(this.ring);
    this.rewards = new Float32Array(this.ring);
    this.flags = new Uint8Array(this.ring);
  }

  get size(): number {
    return this.total - this.windowStart() - this.startsInWindow;
  }

  get byteLength(): number {
    return this.frames.byteLength + this.ring * META_BYTES;
  }

  get fullByteLength(): number {
    return this.frames.fullByteLength + this.ring * META_BYTES;
  }

  startEpisode(frame: Uint8Array): void {
    this.push(frame, FLAG_START, 0, 0);
    this.episodeOpen = true;
    this.lastDone = false;
  }

  add(action: number, reward: number, done: boolean, nextFrame: Uint8Array): void {
    if (!this.episodeOpen) throw new Error('replay.add before startEpisode (or after a done)');
    if (!Number.isInteger(action) || action < 0 || action > 255) throw new Error(`replay.add: bad action ${action}`);
    if (!Number.isFinite(reward)) throw new Error(`replay.add: reward ${reward} is not finite`);
    this.push(nextFrame, done ? FLAG_DONE : 0, action, reward);
    this.lastDone = done;
    if (done) this.episodeOpen = false;
  }

  currentStack(out: Uint8Array): Uint8Array {
    if (this.total === 0) throw new Error('replay.currentStack: no episode started');
    const bytes = this.options.stack * this.frameSize;
    if (out.length !== bytes) throw new Error(`replay.currentStack: out has ${out.length} bytes, expected ${bytes}`);
    this.writeStack(this.total - 1, out, 0);
    return out;
  }

  sample(batchSize: number, rng: Rng): Batch {
    const size = this.size;
    if (size === 0) throw new Error('replay.sample: the buffer holds no transitions');
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`replay.sample: bad batch size ${batchSize}`);
    const obsSize = this.options.stack * this.frameSize;
    const batch = {
      size: batchSize,
      states: new Uint8Array(batchSize * obsSize),
      actions: new Int32Array(batchSize),
      rewards: new Float32Array(batchSize),
      nextStates: new Uint8Array(batchSize * obsSize),
      dones: new Float32Array(batchSize),
    };
    const start = this.windowStart();
    const span = this.total - start;
    for (let i = 0; i < batchSize; i++) {
      // Uniform over transitions: episode-start slots hold none and are redrawn (≪1% of slots).
      let serial: number;
      do serial = start + rng.int(span);
      while (this.flags[serial % this.ring] & FLAG_START);
      const slot = serial % this.ring;
      batch.actions[i] = this.actions[slot];
      batch.rewards[i] = this.rewards[slot];
      batch.dones[i] = this.flags[slot] & FLAG_DONE ? 1 : 0;
      this.writeStack(serial - 1, batch.states, i * obsSize);
      this.writeStack(serial, batch.nextStates, i * obsSize);
    }
    return batch;
  }

  serialize(): Uint8Array[] {
    const filled = Math.min(this.total, this.ring);
    const header: SnapshotHeader = {
      options: this.options,
      total: this.total,
      startsInWindow: this.startsInWindow,
      episodeOpen: this.episodeOpen,
      lastDone: this.lastDone,
    };
    return [
      encodePrefix(header),
      ...this.frames.views(filled),
      this.actions.subarray(0, filled),
      new Uint8Array(this.rewards.buffer, 0, filled * 4),
      this.flags.subarray(0, filled),
    ];
  }

  deserialize(state: ReplayBytes): void {
    const { reader, header } = openSnapshot(state);
    for (const key of ['capacity', 'frameHeight', 'frameWidth', 'stack'] as const) {
      if (header.options?.[key] !== this.options[key]) {
        throw new Error(
          `replay.deserialize: snapshot ${key} ${String(header.options?.[key])} differs from this buffer's ${this.options[key]}`,
        );
      }
    }
    const counts = [header.total, header.startsInWindow];
    if (!counts.every((n) => Number.isInteger(n) && n >= 0)) throw new Error('replay.deserialize: bad frame count');
    const filled = Math.min(header.total, this.ring);
    // Checked before any byte is copied, so a damaged snapshot leaves the buffer as it was.
    if (reader.remaining !== filled * (this.frameSize + META_BYTES)) {
      throw new Error('replay.deserialize: length does not match its header');
    }
    for (const view of this.frames.views(filled)) reader.fill(view);
    reader.fill(this.actions.subarray(0, filled));
    reader.fill(new Uint8Array(this.rewards.buffer, 0, filled * 4));
    reader.fill(this.flags.subarray(0, filled));
    this.total = header.total;
    this.startsInWindow = header.startsInWindow;
    this.episodeOpen = header.episodeOpen === true;
    this.lastDone = header.lastDone === true;
  }

  /** Oldest serial whose stack history is guaranteed to still be in the ring. */
  private windowStart(): number {
    return Math.max(0, this.total - this.ring + this.options.stack);
  }

  private push(frame: Uint8Array, flags: number, action: number, reward: number): void {
    if (frame.length !== this.frameSize) {
      throw new Error(
        `replay: frame has ${frame.length} bytes, expected ${this.options.frameHeight}x${this.options.frameWidth}`,
      );
    }
    const slot = this.total % this.ring;
    // Written first: if the frame store cannot grow, the buffer is left unchanged.
    this.frames.write(slot, frame);
    // The serial leaving the sampling window as this frame arrives.
    const leaving = this.total - this.ring + this.options.stack;
    if (leaving >= 0 && this.flags[leaving % this.ring] & FLAG_START) this.startsInWindow--;
    this.flags[slot] = flags;
    this.actions[slot] = action;
    this.rewards[slot] = reward;
    if (flags & FLAG_START) this.startsInWindow++;
    this.total++;
  }

  /** Writes the stack whose newest frame has serial `last`, oldest first, into out at offset. */
  private writeStack(last: number, out: Uint8Array, offset: number): void {
    const { stack } = this.options;
    const size = this.frameSize;
    let serial = last;
    for (let k = stack - 1; k >= 0; k--) {
      const slot = serial % this.ring;
      this.frames.copyTo(slot, out, offset + k * size);
      if (!(this.flags[slot] & FLAG_START)) serial--;
    }
  }
}

function validate(o: ReplayOptions): void {
  for (const key of ['capacity', 'frameHeight', 'frameWidth', 'stack'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1) throw new Error(`replay.${key} must be a positive integer`);
  }
}
