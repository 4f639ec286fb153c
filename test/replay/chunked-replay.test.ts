/** The chunked frame store: memory per transition, lazy growth, chunk-boundary wrap-around, big snapshots. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../shared/rng';
import { FRAMES_PER_CHUNK } from '../../electron/replay/frame-store';
import { createReplayBuffer } from '../../electron/replay/replay-buffer';
import type { ReplayBuffer } from '../../electron/replay/types';

/**
 * A plain reference memory: every frame ever written kept by serial in a JS array, the same window and
 * rejection rule, no ring and no chunks. Whatever the chunked ring samples must match it draw for draw.
 */
class ReferenceMemory {
  private readonly frames: Uint8Array[] = [];
  private readonly starts: boolean[] = [];
  private readonly meta: Array<{ action: number; reward: number; done: boolean }> = [];
  constructor(
    private readonly capacity: number,
    private readonly stack: number,
  ) {}
  startEpisode(f: Uint8Array): void {
    this.frames.push(f.slice());
    this.starts.push(true);
    this.meta.push({ action: 0, reward: 0, done: false });
  }
  add(action: number, reward: number, done: boolean, f: Uint8Array): void {
    this.frames.push(f.slice());
    this.starts.push(false);
    this.meta.push({ action, reward, done });
  }
  private stackOf(last: number): number[][] {
    const out: number[][] = [];
    let serial = last;
    for (let k = 0; k < this.stack; k++) {
      out.unshift([...this.frames[serial]]);
      if (!this.starts[serial]) serial--;
    }
    return out;
  }
  sample(n: number, rng: Rng) {
    const total = this.frames.length;
    const start = Math.max(0, total - this.capacity);
    return Array.from({ length: n }, () => {
      let serial: number;
      do serial = start + rng.int(total - start);
      while (this.starts[serial]);
      return { ...this.meta[serial], s: this.stackOf(serial - 1), n: this.stackOf(serial) };
    });
  }
}

const unpack = (b: ReturnType<ReplayBuffer['sample']>, stack: number, size: number) =>
  Array.from({ length: b.size }, (_, i) => {
    const stackAt = (data: Uint8Array) =>
      Array.from({ length: stack }, (_, k) => [...data.subarray((i * stack + k) * size, (i * stack + k + 1) * size)]);
    return {
      action: b.actions[i],
      reward: b.rewards[i],
      done: b.dones[i] === 1,
      s: stackAt(b.states),
      n: stackAt(b.nextStates),
    };
  });

/** A 2x2 frame that encodes its serial (so any misplaced chunk offset shows). */
const tagged = (serial: number) => Uint8Array.of(serial & 255, (serial >> 8) & 255, (serial >> 16) & 255, 7);

function fill(buffers: Array<ReplayBuffer | ReferenceMemory>, frames: number, rng: Rng): void {
  for (const b of buffers) b.startEpisode(tagged(0));
  for (let serial = 1; serial < frames; serial++) {
    const action = rng.int(6);
    const done = rng.int(300) === 0;
    for (const b of buffers) b.add(action, serial % 11, done, tagged(serial));
    if (done) {
      serial++;
      for (const b of buffers) b.startEpisode(tagged(serial));
    }
  }
}

describe('chunked replay memory', () => {
  it("costs at most 7.1 KB per transition at the nature recipe's 84x84, measured from its arrays", () => {
    // Filled past two chunk boundaries and wrapped, so every chunk is allocated.
    const capacity = 2 * FRAMES_PER_CHUNK + 500;
    const b = createReplayBuffer({ capacity, frameHeight: 84, frameWidth: 84, stack: 4 });
    const f = new Uint8Array(84 * 84);
    b.startEpisode(f);
    for (let t = 0; t < capacity + 50; t++) b.add(0, 0, false, f);
    expect(b.byteLength).toBe(b.fullByteLength);
    expect(b.byteLength / capacity).toBeLessThanOrEqual(7100);
    // The snapshot carries the same bytes: nothing hidden outside the measured arrays.
    const parts = b.serialize();
    expect(parts.reduce((n, p) => n + p.length, 0) - parts[0].length).toBe(b.byteLength);
  });

  it('constructs a 1M-transition 84x84 memory without committing its 7 GB', () => {
    const b = createReplayBuffer({ capacity: 1_000_000, frameHeight: 84, frameWidth: 84, stack: 4 });
    expect(b.fullByteLength / 1_000_000).toBeLessThanOrEqual(7100);
    expect(b.fullByteLength).toBeGreaterThan(7e9);
    // Only the per-slot metadata (6 bytes a slot) exists before the first frame...
    expect(b.byteLength).toBe((1_000_000 + 4) * 6);
    b.startEpisode(new Uint8Array(84 * 84));
    b.add(1, 1, false, new Uint8Array(84 * 84).fill(3));
    // ...and one chunk after it.
    expect(b.byteLength).toBe((1_000_000 + 4) * 6 + FRAMES_PER_CHUNK * 84 * 84);
    expect(b.sample(4, new Rng(1)).nextStates.at(-1)).toBe(3);
  });

  it('wraps across chunk boundaries and samples exactly what a flat reference memory samples', () => {
    const capacity = 2 * FRAMES_PER_CHUNK + 123; // three chunks, the last one short
    const stack = 4;
    const ring = createReplayBuffer({ capacity, frameHeight: 2, frameWidth: 2, stack });
    const reference = new ReferenceMemory(capacity, stack);
    const fillRng = new Rng(42);
    // Checked while filling, at the first wrap and after several laps of the ring.
    for (const frames of [capacity - 17, capacity + 40, 3 * capacity + 999]) {
      fill([ring, reference], frames, fillRng);
      expect(unpack(ring.sample(256, new Rng(frames)), stack, 4)).toEqual(reference.sample(256, new Rng(frames)));
    }
  });

  it('round-trips a multi-chunk snapshot split at any boundaries, or whole', () => {
    const options = { capacity: FRAMES_PER_CHUNK + 300, frameHeight: 2, frameWidth: 2, stack: 4 };
    const a = createReplayBuffer(options);
    fill([a], 3 * options.capacity + 7, new Rng(5));
    const parts = a.serialize();
    expect(parts.length).toBeGreaterThan(3);
    const whole = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) whole.set(p, (at += p.length) - p.length);
    // Re-split at odd places, as a file read in slabs would be (one cut inside the header).
    const cuts = [5, 17, 1000, 20_001, whole.length - 3];
    const pieces = [0, ...cuts].map((from, i) => whole.subarray(from, [...cuts, whole.length][i]));
    for (const snapshot of [whole, pieces, structuredClone(parts)]) {
      const b = createReplayBuffer(options);
      b.deserialize(snapshot);
      expect(b.size).toBe(a.size);
      expect(b.sample(64, new Rng(8))).toEqual(a.sample(64, new Rng(8)));
      const out = new Uint8Array(4 * 4);
      expect(b.currentStack(out)).toEqual(a.currentStack(new Uint8Array(4 * 4)));
    }
  });

  it('repeats the first frame of an episode that starts just after a chunk boundary', () => {
    const b = createReplayBuffer({ capacity: FRAMES_PER_CHUNK * 2, frameHeight: 2, frameWidth: 2, stack: 4 });
    b.startEpisode(tagged(0));
    for (let s = 1; s < FRAMES_PER_CHUNK; s++) b.add(0, 0, s === FRAMES_PER_CHUNK - 1, tagged(s));
    b.startEpisode(tagged(FRAMES_PER_CHUNK)); // slot 4096: the first of chunk 1
    b.add(5, 1, false, tagged(FRAMES_PER_CHUNK + 1));
    const first = [...tagged(FRAMES_PER_CHUNK)];
    const out = new Uint8Array(16);
    b.currentStack(out);
    const frames = [0, 1, 2, 3].map((k) => [...out.subarray(4 * k, 4 * k + 4)]);
    expect(frames).toEqual([first, first, first, [...tagged(FRAMES_PER_CHUNK + 1)]]);
    const batch = b.sample(20_000, new Rng(2));
    const i = batch.actions.indexOf(5);
    expect(i).toBeGreaterThanOrEqual(0);
    expect([...batch.states.subarray(i * 16, i * 16 + 16)]).toEqual([...first, ...first, ...first, ...first]);
    // The episode before it ends on its own frames, never reaching into the next chunk.
    const j = batch.dones.indexOf(1);
    expect([...batch.nextStates.subarray(j * 16 + 12, j * 16 + 16)]).toEqual([...tagged(FRAMES_PER_CHUNK - 1)]);
  });
});
