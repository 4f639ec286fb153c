import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../electron/agent/backend';
import { createBootstrapper, entrySource } from '../../electron/agent/bootstrapper';
import { createDqnAgent } from '../../electron/agent/dqn-agent';
import { createQNetwork, stacksTensor } from '../../electron/agent/networks';
import type { AgentOptions, Batch, DqnAgent, NetworkSpec } from '../../electron/agent/types';
import { Rng } from '../../shared/rng';

// The bootstrap worker must be invisible in the numbers: every loss, Q and weight bit-identical to the
// in-thread path, across target syncs and restores, with 4 stacked frames (the SIMD input route).
const spec = (kind: NetworkSpec['kind']): NetworkSpec => ({
  kind,
  inputHeight: kind === 'nature' ? 44 : 46,
  inputWidth: kind === 'nature' ? 44 : 40,
  channels: 4,
  actions: 5,
  dueling: false,
});

function options(overrides: Partial<AgentOptions>): AgentOptions {
  return {
    network: spec('notebook'),
    learningRate: 1e-3,
    adamEpsilon: 1e-8,
    gamma: 0.99,
    loss: 'huber',
    double: false,
    targetNetwork: true,
    maxGradNorm: 0,
    seed: 7,
    ...overrides,
  };
}

function randomBatch(s: NetworkSpec, size: number, rng: Rng): Batch {
  const obs = size * s.channels * s.inputHeight * s.inputWidth;
  const bytes = () => Uint8Array.from({ length: obs }, () => rng.int(256));
  return {
    size,
    states: bytes(),
    actions: Int32Array.from({ length: size }, () => rng.int(s.actions)),
    rewards: Float32Array.from({ length: size }, () => rng.float() * 2 - 1),
    nextStates: bytes(),
    dones: Float32Array.from({ length: size }, () => (rng.float() < 0.1 ? 1 : 0)),
  };
}

function expectSameWeights(a: DqnAgent, b: DqnAgent): void {
  const [sa, sb] = [a.snapshot(), b.snapshot()];
  expect(sb.optimizerStep).toBe(sa.optimizerStep);
  sa.tensors.forEach((t, i) => expect(sb.tensors[i].data, t.name).toEqual(t.data));
}

describe('bootstrap worker thread', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  const cases: Array<[string, Partial<AgentOptions>]> = [
    ['notebook without target (online weights every update)', { targetNetwork: false, loss: 'mse' }],
    ['nature with a target network', { network: spec('nature'), maxGradNorm: 10 }],
    ['double DQN (online choice stays in-thread)', { double: true }],
  ];
  it.each(cases)('is bit-identical to the in-thread path: %s', async (_name, overrides) => {
    const worker = createDqnAgent(options({ ...overrides, bootstrapThread: 'worker' }));
    const inline = createDqnAgent(options({ ...overrides, bootstrapThread: 'inline' }));
    expect(await worker.whenBootstrapReady?.()).toBe('worker');
    expect(await inline.whenBootstrapReady?.()).toBe('inline');
    const s = worker.options.network;
    const rng = new Rng(11);
    const tensorsBefore = tf.memory().numTensors;
    for (let step = 1; step <= 8; step++) {
      const batch = randomBatch(s, 16, rng);
      expect(worker.update(batch), `update ${step}`).toEqual(inline.update(batch));
      if (step % 3 === 0) {
        worker.syncTarget();
        inline.syncTarget();
      }
    }
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expectSameWeights(worker, inline);
    // A restore (resume) replaces the weights the worker holds: the next updates must follow it.
    const other = createDqnAgent(options({ ...overrides, seed: 99, bootstrapThread: 'inline' }));
    other.update(randomBatch(s, 16, new Rng(5)));
    const snapshot = other.snapshot();
    worker.restore(snapshot);
    inline.restore(snapshot);
    for (let step = 0; step < 3; step++) {
      const batch = randomBatch(s, 16, rng);
      expect(worker.update(batch)).toEqual(inline.update(batch));
    }
    expectSameWeights(worker, inline);
    // Still on the worker: no request failed over to the in-thread path.
    expect(await worker.whenBootstrapReady?.()).toBe('worker');
    for (const agent of [worker, inline, other]) agent.dispose();
  });

  it('answers with the in-thread Q-values, then ends its worker thread on dispose', async () => {
    const net = createQNetwork(spec('notebook'), new Rng(1));
    const bootstrapper = createBootstrapper(net.spec, 'wasm', net.params)!;
    expect(await bootstrapper.ready).toBe(true);
    const { nextStates } = randomBatch(net.spec, 8, new Rng(2));
    const x = stacksTensor(nextStates, 8, 4, 46, 40);
    const q = net.apply(x);
    expect(bootstrapper.begin(nextStates, 8)!.wait()).toEqual(q.dataSync());
    tf.dispose([x, q]);
    bootstrapper.dispose();
    await expect(withTimeout(bootstrapper.exited, 20_000)).resolves.toBe('done');
    expect(bootstrapper.begin(new Uint8Array(4 * 46 * 40), 1)).toBeNull();
    net.dispose();
  });

  it('stays in-thread where it cannot help (not wasm), and when told to', async () => {
    const net = createQNetwork(spec('notebook'), new Rng(1));
    expect(createBootstrapper(net.spec, 'cpu', net.params)).toBeNull();
    net.dispose();
    const agent = createDqnAgent(options({ bootstrapThread: 'inline' }));
    expect(await agent.whenBootstrapReady?.()).toBe('inline');
    agent.dispose();
    expect(() => createDqnAgent(options({ bootstrapThread: 'elsewhere' as never }))).toThrow(/bootstrapThread/);
  });

  it('finds the built entry beside its chunk or its entry', () => {
    const code = entrySource('file:///app/out/main/chunks/dqn-agent-abc.js');
    expect(code).toContain('file:///app/out/main/bootstrap-worker.js');
    expect(code).toContain('file:///app/out/main/chunks/bootstrap-worker.js');
    expect(entrySource('file:///repo/electron/agent/bootstrapper.ts')).toContain(
      'file:///repo/electron/agent/bootstrap-worker.ts',
    );
  });
});

function withTimeout(promise: Promise<void>, ms: number): Promise<string> {
  return Promise.race([
    promise.then(() => 'done'),
    new Promise<string>((resolve) => setTimeout(() => resolve('timed out'), ms)),
  ]);
}
