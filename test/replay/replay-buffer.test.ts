import { describe, expect, it } from 'vitest';
import { Rng } from '../../shared/rng';
import { createReplayBuffer } from '../../electron/replay/replay-buffer';

const H = 3;
const W = 2;
/** A frame whose every byte is `id`, so stacks can be read back as frame ids. */
const frame = (id: number) => new Uint8Array(H * W).fill(id);
const concat = (parts: readonly Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const ids = (stacks: Uint8Array, index: number, stack: number) =>
  Array.from({ length: stack }, (_, k) => stacks[(index * stack + k) * H * W]);

describe('replay buffer', () => {
  it('assembles stacks at sampling and never crosses an episode start', () => {
    const buffer = createReplayBuffer({ capacity: 100, frameHeight: H, frameWidth: W, stack: 4 });
    buffer.startEpisode(frame(1));
    buffer.add(0, 0, false, frame(2));
    buffer.add(1, 0, true, frame(3));
    buffer.startEpisode(frame(10));
    buffer.add(2, 1, false, frame(11));
    expect(buffer.size).toBe(3);
    const out = new Uint8Array(4 * H * W);
    expect(ids(buffer.currentStack(out), 0, 4)).toEqual([10, 10, 10, 11]);
    const seen = new Map<number, { s: number[]; n: number[]; done: number; reward: number }>();
    const batch = buffer.sample(64, new Rng(3));
    for (let i = 0; i < batch.size; i++) {
      seen.set(batch.actions[i], {
        s: ids(batch.states, i, 4),
        n: ids(batch.nextStates, i, 4),
        done: batch.dones[i],
        reward: batch.rewards[i],
      });
    }
    expect(seen.get(0)).toEqual({ s: [1, 1, 1, 1], n: [1, 1, 1, 2], done: 0, reward: 0 });
    expect(seen.get(1)).toEqual({ s: [1, 1, 1, 2], n: [1, 1, 2, 3], done: 1, reward: 0 });
    expect(seen.get(2)).toEqual({ s: [10, 10, 10, 10], n: [10, 10, 10, 11], done: 0, reward: 1 });
  });

  it('wraps its ring and keeps only transitions whose history is intact', () => {
    const capacity = 10;
    const buffer = createReplayBuffer({ capacity, frameHeight: H, frameWidth: W, stack: 2 });
    buffer.startEpisode(frame(0));
    for (let t = 1; t <= 57; t++) buffer.add(t % 7, t, false, frame(t));
    expect(buffer.size).toBe(capacity);
    const batch = buffer.sample(200, new Rng(9));
    const rewards = new Set<number>();
    for (let i = 0; i < batch.size; i++) {
      const r = batch.rewards[i];
      rewards.add(r);
      expect(ids(batch.states, i, 2)).toEqual([r - 2, r - 1]);
      expect(ids(batch.nextStates, i, 2)).toEqual([r - 1, r]);
      expect(batch.actions[i]).toBe(r % 7);
    }
    expect([...rewards].sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => 48 + i));
  });

  it('samples reproducibly from a seed', () => {
    const make = () => {
      const b = createReplayBuffer({ capacity: 50, frameHeight: H, frameWidth: W, stack: 4 });
      b.startEpisode(frame(0));
      for (let t = 1; t < 45; t++) {
        b.add(t % 4, t, t % 13 === 0, frame(t));
        if (t % 13 === 0) b.startEpisode(frame(100 + t));
      }
      return b;
    };
    const a = make();
    const b = make();
    expect(a.sample(32, new Rng(5))).toEqual(b.sample(32, new Rng(5)));
    expect(a.sample(32, new Rng(5))).not.toEqual(a.sample(32, new Rng(6)));
  });

  it('serializes and deserializes exactly, and refuses a mismatched or damaged snapshot', () => {
    const options = { capacity: 20, frameHeight: H, frameWidth: W, stack: 3 };
    const a = createReplayBuffer(options);
    a.startEpisode(frame(0));
    for (let t = 1; t < 33; t++) {
      a.add(t % 5, t * 0.5, t % 9 === 0, frame(t));
      if (t % 9 === 0) a.startEpisode(frame(100 + t));
    }
    const bytes = concat(a.serialize());
    const b = createReplayBuffer(options);
    b.deserialize(bytes);
    expect(b.size).toBe(a.size);
    expect(concat(b.serialize())).toEqual(bytes);
    expect(b.sample(40, new Rng(1))).toEqual(a.sample(40, new Rng(1)));
    a.add(1, 1, false, frame(77));
    b.add(1, 1, false, frame(77));
    expect(b.currentStack(new Uint8Array(3 * H * W))).toEqual(a.currentStack(new Uint8Array(3 * H * W)));
    const other = createReplayBuffer({ ...options, stack: 4 });
    expect(() => other.deserialize(bytes)).toThrow(/stack/);
    expect(() => b.deserialize(bytes.subarray(0, bytes.length - 1))).toThrow(/length/);
    expect(() => b.deserialize([bytes, new Uint8Array(1)])).toThrow(/length/);
    expect(() => b.deserialize(new Uint8Array(16))).toThrow(/not a replay/);
  });

  it('rejects bad input clearly', () => {
    const b = createReplayBuffer({ capacity: 4, frameHeight: H, frameWidth: W, stack: 1 });
    expect(() => b.add(0, 0, false, frame(1))).toThrow(/startEpisode/);
    expect(() => b.sample(1, new Rng(0))).toThrow(/no transitions/);
    expect(() => b.startEpisode(new Uint8Array(5))).toThrow(/expected 3x2/);
    expect(() => b.currentStack(new Uint8Array(6))).toThrow(/no episode/);
    b.startEpisode(frame(1));
    expect(() => b.currentStack(new Uint8Array(5))).toThrow(/expected 6/);
    expect(() => createReplayBuffer({ capacity: 0, frameHeight: H, frameWidth: W, stack: 1 })).toThrow(/capacity/);
  });
});
