import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createQNetwork } from '../../electron/agent/networks';
import { actionForKeys, argMax, NO_KEYS } from '../../renderer/lib/replay-keys';
import { initPolicyBackend, loadNetwork, PolicyPlayer, prepareGame } from '../../renderer/lib/replay-policy';
import type { PolicyWeights } from '../../shared/ipc/contract';
import { Rng } from '../../shared/rng';
import { resolveRunConfig } from '../../shared/run-config';
import { romPath } from '../support/roms';

const BREAKOUT = ['NOOP', 'FIRE', 'RIGHT', 'LEFT'];
const FULL = ['NOOP', 'FIRE', 'UP', 'RIGHT', 'LEFT', 'DOWN', 'UPRIGHT', 'UPLEFT', 'DOWNRIGHT', 'DOWNLEFT'];

describe('keyboard takeover', () => {
  it('maps held keys onto the game’s actions, falling back to what the game has', () => {
    expect(actionForKeys(BREAKOUT, NO_KEYS)).toBeNull();
    expect(actionForKeys(BREAKOUT, { ...NO_KEYS, right: true })).toBe(2);
    expect(actionForKeys(BREAKOUT, { ...NO_KEYS, fire: true })).toBe(1);
    // Breakout has no LEFTFIRE or UP: fire wins over a direction, up alone means nothing (NOOP).
    expect(actionForKeys(BREAKOUT, { ...NO_KEYS, left: true, fire: true })).toBe(1);
    expect(actionForKeys(BREAKOUT, { ...NO_KEYS, up: true })).toBe(0);
    expect(actionForKeys(BREAKOUT, { ...NO_KEYS, up: true, left: true })).toBe(3);
    expect(actionForKeys(FULL, { ...NO_KEYS, up: true, left: true })).toBe(7);
    // Opposite keys cancel.
    expect(actionForKeys(FULL, { ...NO_KEYS, left: true, right: true, down: true })).toBe(5);
    expect(argMax([0.1, 0.7, 0.7, -1])).toBe(1);
  });
});

describe('checkpoint policy', () => {
  beforeAll(async () => {
    expect(await initPolicyBackend()).toBe('cpu');
  });

  const config = resolveRunConfig('nature', {});

  function weightsOf(seed: number): PolicyWeights {
    const net = createQNetwork(
      { kind: 'nature', inputHeight: 84, inputWidth: 84, channels: 4, actions: 4, dueling: false },
      new Rng(seed),
    );
    const tensors = net.params.map((p) => {
      const data = p.variable.dataSync() as Float32Array;
      return { name: p.name, shape: p.variable.shape, data: new Uint8Array(Float32Array.from(data).buffer) };
    });
    const x = tf.ones([1, 84, 84, 4]) as tf.Tensor4D;
    const q = Float32Array.from(net.apply(x).dataSync());
    net.dispose();
    return { step: 1, frames: 4, tensors, q } as PolicyWeights & { q: Float32Array };
  }

  it('rebuilds the saved network exactly, and refuses a checkpoint that does not fit', () => {
    const saved = weightsOf(7) as PolicyWeights & { q: Float32Array };
    const net = loadNetwork(config, 4, saved);
    const q = net.apply(tf.ones([1, 84, 84, 4]) as tf.Tensor4D).dataSync();
    expect([...q]).toEqual([...saved.q]);
    net.dispose();
    expect(() => loadNetwork(config, 6, saved)).toThrow(/the network wants/);
    expect(() => loadNetwork(config, 4, { ...saved, tensors: saved.tensors.slice(1) })).toThrow(/has no tensor/);
  });

  const rom = romPath('breakout');
  it.skipIf(!rom)('plays Breakout greedily, with ε, and with a person’s actions', () => {
    const bytes = new Uint8Array(readFileSync(rom!));
    const game = prepareGame(bytes, config as never);
    expect(game.actionNames).toEqual(BREAKOUT);
    const net = loadNetwork(game.config, 4, weightsOf(3));
    const player = new PolicyPlayer(bytes, game.config, net, 11);
    const first = player.step(0, null)!;
    expect(first.by).toBe('greedy');
    expect(first.action).toBe(argMax(first.qValues));
    expect(player.step(0, 2)).toMatchObject({ action: 2, by: 'you' });
    const bys = new Set(Array.from({ length: 40 }, () => player.step(1, null)?.by));
    expect(bys).toEqual(new Set(['random']));
    expect(player.steps).toBe(42);
    expect(player.frames).toBeGreaterThan(42);
    net.dispose();
  });
});
