import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createAdam } from '../../electron/agent/adam';
import { initBackend } from '../../electron/agent/backend';
import { ADAM_STEP } from '../../electron/agent/kernels/adam-step';
import { Rng } from '../../shared/rng';

/** Adam as torch.optim.Adam defines it, in float64, for one parameter vector. */
function reference(p0: number[], grads: number[][], lr: number, eps: number, scale: number): number[] {
  const p = [...p0];
  const m = p.map(() => 0);
  const v = p.map(() => 0);
  grads.forEach((g, t) => {
    const bc1 = 1 - 0.9 ** (t + 1);
    const bc2 = 1 - 0.999 ** (t + 1);
    for (let i = 0; i < p.length; i++) {
      const gi = g[i] * scale;
      m[i] = 0.9 * m[i] + 0.1 * gi;
      v[i] = 0.999 * v[i] + 0.001 * gi * gi;
      p[i] -= (lr / bc1) * (m[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + eps));
    }
  });
  return p;
}

describe('Adam', () => {
  for (const backend of ['wasm', 'cpu', 'elementwise'] as const) {
    it(`matches PyTorch's update rule (${backend})`, async () => {
      await initBackend(backend === 'elementwise' ? 'cpu' : backend);
      const kernel = tf.getKernel(ADAM_STEP, 'cpu');
      if (backend === 'elementwise') tf.unregisterKernel(ADAM_STEP, 'cpu');
      try {
        const rng = new Rng(8);
        const p0 = Array.from({ length: 50 }, () => rng.float() - 0.5);
        const grads = Array.from({ length: 4 }, () => p0.map(() => rng.float() * 2 - 1));
        const variable = tf.variable(tf.tensor1d(p0));
        const adam = createAdam([{ name: 'w', variable }], 0.01, 1e-8);
        for (const g of grads) tf.tidy(() => adam.apply([tf.tensor1d(g)], 0.5));
        const expected = reference(p0, grads, 0.01, 1e-8, 0.5);
        const actual = variable.dataSync();
        expected.forEach((e, i) => expect(actual[i]).toBeCloseTo(e, 6));
        expect(adam.state.step).toBe(4);
        adam.dispose();
        variable.dispose();
      } finally {
        if (backend === 'elementwise' && kernel) tf.registerKernel(kernel);
      }
    });
  }
});
