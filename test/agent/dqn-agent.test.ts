import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../electron/agent/backend';
import { createDqnAgent } from '../../electron/agent/dqn-agent';
import type { AgentOptions, Batch } from '../../electron/agent/types';
import { Rng } from '../../shared/rng';

const H = 20;
const W = 20;
const CONTEXTS = 3;

function options(overrides: Partial<AgentOptions> = {}): AgentOptions {
  return {
    network: { kind: 'notebook', inputHeight: H, inputWidth: W, channels: 2, actions: 4, dueling: false },
    learningRate: 1e-3,
    adamEpsilon: 1e-8,
    gamma: 0.9,
    loss: 'huber',
    double: true,
    targetNetwork: true,
    maxGradNorm: 10,
    seed: 3,
    ...overrides,
  };
}

/** Context c lights the c-th horizontal band of both frames; action c pays 1, the others 0. */
function observation(context: number): Uint8Array {
  const obs = new Uint8Array(2 * H * W);
  const band = Math.floor(H / CONTEXTS);
  for (let ch = 0; ch < 2; ch++) obs.fill(255, ch * H * W + context * band * W, ch * H * W + (context + 1) * band * W);
  return obs;
}

function banditBatch(rng: Rng, size: number): Batch {
  const obsSize = 2 * H * W;
  const states = new Uint8Array(size * obsSize);
  const actions = new Int32Array(size);
  const rewards = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const context = rng.int(CONTEXTS);
    states.set(observation(context), i * obsSize);
    actions[i] = rng.int(4);
    rewards[i] = actions[i] === context ? 1 : 0;
  }
  return { size, states, actions, rewards, nextStates: states.slice(), dones: new Float32Array(size).fill(1) };
}

describe('DQN agent', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('learns a contextual bandit to the right action with Q near the payoff', () => {
    const agent = createDqnAgent(options());
    const rng = new Rng(1);
    for (let step = 0; step < 300; step++) agent.update(banditBatch(rng, 32));
    for (let c = 0; c < CONTEXTS; c++) {
      const { action, qValues, greedy } = agent.act(observation(c), 0, rng);
      expect(greedy).toBe(true);
      expect(action).toBe(c);
      expect(Math.abs(qValues[c] - 1)).toBeLessThan(0.15);
    }
    agent.dispose();
  });

  it('acts ε-greedily with the given Rng and always returns Q-values', () => {
    const agent = createDqnAgent(options());
    const obs = observation(0);
    const q = agent.qValues(obs);
    const a = agent.act(obs, 1, new Rng(5));
    const expected = new Rng(5);
    expected.float();
    expect(a).toEqual({ action: expected.int(4), qValues: q, greedy: false });
    expect(agent.act(obs, 0, new Rng(5)).greedy).toBe(true);
    agent.dispose();
  });

  it('leaks no tensors across act, update, syncTarget, snapshot and restore', () => {
    for (const o of [options(), options({ targetNetwork: false, loss: 'mse', maxGradNorm: 0 })]) {
      const agent = createDqnAgent(o);
      const rng = new Rng(2);
      agent.update(banditBatch(rng, 8));
      const before = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) {
        agent.act(observation(1), 0.5, rng);
        agent.update(banditBatch(rng, 8));
        agent.syncTarget();
        agent.restore(agent.snapshot());
      }
      expect(tf.memory().numTensors).toBe(before);
      agent.dispose();
    }
  });

  it('dispose releases every tensor it made', () => {
    const before = tf.memory().numTensors;
    const agent = createDqnAgent(options({ network: { ...options().network, dueling: true } }));
    agent.update(banditBatch(new Rng(0), 4));
    agent.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => agent.qValues(observation(0))).toThrow(/disposed/);
  });

  it('resumes exactly from a snapshot: the next update and weights are identical', () => {
    const a = createDqnAgent(options());
    const rng = new Rng(4);
    for (let i = 0; i < 5; i++) a.update(banditBatch(rng, 16));
    const snapshot = a.snapshot();
    expect(snapshot.optimizerStep).toBe(5);
    expect(snapshot.tensors.some((t) => t.name.startsWith('adam/v/'))).toBe(true);
    const b = createDqnAgent(options({ seed: 99 }));
    b.restore(snapshot);
    const batch = banditBatch(rng, 16);
    expect(b.update(batch)).toEqual(a.update(batch));
    const [sa, sb] = [a.snapshot(), b.snapshot()];
    expect(sb.optimizerStep).toBe(sa.optimizerStep);
    sa.tensors.forEach((t, i) => expect(sb.tensors[i].data, t.name).toEqual(t.data));
    a.dispose();
    b.dispose();
  });

  it('rejects bad configuration and bad batches clearly', () => {
    expect(() => createDqnAgent(options({ learningRate: 0 }))).toThrow(/learningRate/);
    expect(() => createDqnAgent(options({ network: { ...options().network, inputHeight: 5 } }))).toThrow(/too small/);
    const agent = createDqnAgent(options());
    const batch = banditBatch(new Rng(0), 2);
    expect(() => agent.update({ ...batch, actions: Int32Array.of(0, 7) })).toThrow(/actions\[1\]/);
    expect(() => agent.qValues(new Uint8Array(3))).toThrow(/bytes/);
    agent.dispose();
  });
});
