import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../electron/agent/backend';
import { backward, forwardTrain } from '../../electron/agent/network-ops';
import { createQNetwork } from '../../electron/agent/networks';
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
});
