import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../electron/agent/backend';
import { firstLayerBlocks } from '../../electron/agent/first-layer';
import { backward, forwardTrain } from '../../electron/agent/network-ops';
import { createQNetwork, stacksTensor } from '../../electron/agent/networks';
import type { NetworkSpec } from '../../electron/agent/types';
import { Rng } from '../../shared/rng';

const SPECS: NetworkSpec[] = [
  { kind: 'notebook', inputHeight: 26, inputWidth: 22, channels: 2, actions: 4, dueling: false },
  { kind: 'notebook', inputHeight: 20, inputWidth: 20, channels: 1, actions: 3, dueling: true },
  { kind: 'nature', inputHeight: 36, inputWidth: 40, channels: 4, actions: 5, dueling: false },
];

/** The hand-written backward pass against tf's own autodiff, for the loss Σ w·Q with fixed weights w. */
async function compare(spec: NetworkSpec) {
  const rng = new Rng(11);
  const net = createQNetwork(spec, rng);
  const batch = 3;
  const x = tf.tensor4d(
    Float32Array.from({ length: batch * spec.inputHeight * spec.inputWidth * spec.channels }, () => rng.float()),
    [batch, spec.inputHeight, spec.inputWidth, spec.channels],
  );
  const weights = tf.tensor2d(
    Float32Array.from({ length: batch * spec.actions }, () => rng.float() - 0.5),
    [batch, spec.actions],
  );
  const ours = tf.tidy(() => {
    const { cache } = forwardTrain(net, x);
    return backward(net, cache, weights);
  });
  const { grads } = tf.variableGrads(
    () => tf.sum(tf.mul(net.apply(x), weights)) as tf.Scalar,
    net.params.map((p) => p.variable),
  );
  const results = net.params.map((p, i) => {
    const a = ours[i].dataSync();
    const b = grads[p.variable.name].dataSync();
    let diff = 0;
    let scale = 1e-12;
    for (let j = 0; j < b.length; j++) {
      diff = Math.max(diff, Math.abs(a[j] - b[j]));
      scale = Math.max(scale, Math.abs(b[j]));
    }
    return { name: p.name, error: diff / scale, same: a.length === b.length };
  });
  tf.dispose([x, weights, ...ours, ...Object.values(grads)]);
  net.dispose();
  return results;
}

describe('hand-written backward pass', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  for (const backend of ['cpu', 'wasm'] as const) {
    it.each(SPECS)(`equals tf autodiff on ${backend}: %j`, async (spec) => {
      await initBackend(backend);
      for (const r of await compare(spec)) {
        expect(r.same, r.name).toBe(true);
        expect(r.error, r.name).toBeLessThan(1e-4);
      }
    });
  }

  it.each(SPECS)('gives the same first-layer filter gradient from uint8 blocks on wasm: %j', async (spec) => {
    await initBackend('wasm');
    const rng = new Rng(5);
    const net = createQNetwork(spec, rng);
    const batch = 17; // one group of sixteen images and a tail
    const states = Uint8Array.from({ length: batch * spec.channels * spec.inputHeight * spec.inputWidth }, () =>
      rng.int(256),
    );
    const dq = Float32Array.from({ length: batch * spec.actions }, () => rng.float() - 0.5);
    const run = (useBlocks: boolean) =>
      tf.tidy(() => {
        const x = stacksTensor(states, batch, spec.channels, spec.inputHeight, spec.inputWidth);
        const blocks = useBlocks ? firstLayerBlocks(net, states, batch) : null;
        if (useBlocks) expect(blocks).not.toBeNull();
        const { cache } = forwardTrain(net, x, true, blocks);
        return backward(net, cache, tf.tensor2d(dq, [batch, spec.actions]))[0].dataSync();
      });
    const [fast, generic] = [run(true), run(false)];
    let diff = 0;
    let scale = 0;
    generic.forEach((g, i) => {
      diff = Math.max(diff, Math.abs(g - fast[i]));
      scale = Math.max(scale, Math.abs(g));
    });
    expect(diff / scale).toBeLessThan(1e-5);
    net.dispose();
  });
});
