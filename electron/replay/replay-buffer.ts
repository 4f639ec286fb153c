/**
 * Uniform replay memory that stores every frame once. One ring of `capacity + stack` slots holds, per
 * slot, a frame and the transition that produced it (action, reward, done); a slot whose frame opened an
 * episode holds no transition. Observation stacks are assembled at sampling time and never reach back
 * across an episode start: they repeat that episode's first frame, as gym's FrameStack does at reset.
 */
import type { Rng } from '../../shared/rng';
import type { Batch } from '../agent/types';
import type { ReplayBuffer, ReplayOptions } from './types';

const MAGIC = 0x44515242; // 'DQRB'
const FORMAT_VERSION = 1;
const FLAG_START = 1;
const FLAG_DONE = 2;

export function createReplayBuffer(options: ReplayOptions): ReplayBuffer {
  validate(options);
  return new FrameRingBuffer(options);
}

class FrameRingBuffer implements ReplayBuffer {
  readonly options: ReplayOptions;
  private readonly ring: number;
  private readonly frameSize: number;
  private readonly frames: Uint8Array;
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
    this.frames = new Uint8Array(this.ring * this.frameSize);
    this.actions = new Uint8Array(this.ring);
    this.rewards = new Float32Array(this.ring);
    this.flags = new Uint8Array(this.ring);
  }

  get size(): number {
    return this.total - this.windowStart() - this.startsInWindow;
  }

  get byteLength(): number {
    return this.frames.byteLength + this.actions.byteLength + this.rewards.byteLength + this.flags.byteLength;
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
    const { stack } = this.options;
    const obsSize = stack * this.frameSize;
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

  serialize(): Uint8Array {
    const filled = Math.min(this.total, this.ring);
    const header = new TextEncoder().encode(
      JSON.stringify({
        options: this.options,
        total: this.total,
        startsInWindow: this.startsInWindow,
        episodeOpen: this.episodeOpen,
        lastDone: this.lastDone,
      }),
    );
    const parts = [
      this.frames.subarray(0, filled * this.frameSize),
      this.actions.subarray(0, filled),
      new Uint8Array(this.rewards.buffer, 0, filled * 4),
      this.flags.subarray(0, filled),
    ];
    const headerPad = (4 - (header.length % 4)) % 4;
    const out = new Uint8Array(12 + header.length + headerPad + parts.reduce((n, p) => n + p.length, 0));
    const view = new DataView(out.buffer);
    view.setUint32(0, MAGIC, true);
    view.setUint32(4, FORMAT_VERSION, true);
    view.setUint32(8, header.length, true);
    out.set(header, 12);
    let offset = 12 + header.length + headerPad;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }

  deserialize(state: Uint8Array): void {
    const fail = (why: string): never => {
      throw new Error(`replay.deserialize: ${why}`);
    };
    if (state.length < 12) fail('data too short');
    const view = new DataView(state.buffer, state.byteOffset, state.byteLength);
    if (view.getUint32(0, true) !== MAGIC) fail('not a replay buffer snapshot');
    if (view.getUint32(4, true) !== FORMAT_VERSION) fail(`unsupported version ${view.getUint32(4, true)}`);
    const headerLength = view.getUint32(8, true);
    if (12 + headerLength > state.length) fail('truncated header');
    let header: {
      options: ReplayOptions;
      total: number;
      startsInWindow: number;
      episodeOpen: boolean;
      lastDone: boolean;
    };
    try {
      header = JSON.parse(new TextDecoder().decode(state.subarray(12, 12 + headerLength)));
    } catch {
      return fail('corrupt header');
    }
    for (const key of ['capacity', 'frameHeight', 'frameWidth', 'stack'] as const) {
      if (header.options?.[key] !== this.options[key]) {
        fail(`snapshot ${key} ${String(header.options?.[key])} differs from this buffer's ${this.options[key]}`);
      }
    }
    if (!Number.isInteger(header.total) || header.total < 0) fail('bad frame count');
    const filled = Math.min(header.total, this.ring);
    let offset = 12 + headerLength + ((4 - (headerLength % 4)) % 4);
    if (state.length !== offset + filled * (this.frameSize + 6)) fail('length does not match its header');
    const take = (bytes: number) => state.subarray(offset, (offset += bytes));
    this.frames.set(take(filled * this.frameSize));
    this.actions.set(take(filled));
    new Uint8Array(this.rewards.buffer).set(take(filled * 4));
    this.flags.set(take(filled));
    this.total = header.total;
    this.startsInWindow = header.startsInWindow;
    this.episodeOpen = header.episodeOpen;
    this.lastDone = header.lastDone;
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
    // The serial leaving the sampling window as this frame arrives.
    const leaving = this.total - this.ring + this.options.stack;
    if (leaving >= 0 && this.flags[leaving % this.ring] & FLAG_START) this.startsInWindow--;
    const slot = this.total % this.ring;
    this.frames.set(frame, slot * this.frameSize);
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
      out.set(this.frames.subarray(slot * size, slot * size + size), offset + k * size);
      if (!(this.flags[slot] & FLAG_START)) serial--;
    }
  }
}

function validate(o: ReplayOptions): void {
  for (const key of ['capacity', 'frameHeight', 'frameWidth', 'stack'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1) throw new Error(`replay.${key} must be a positive integer`);
  }
}
