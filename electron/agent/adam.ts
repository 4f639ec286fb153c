/**
 * Adam as PyTorch computes it (bias corrections folded into the step size and the denominator), with
 * its moments as named variables so checkpoints can resume the optimizer exactly.
 */
import * as tf from '@tensorflow/tfjs';
import type { NamedVariable } from './networks';

const BETA1 = 0.9;
const BETA2 = 0.999;

export interface AdamState {
  readonly moments: readonly NamedVariable[];
  step: number;
}

export interface Adam {
  readonly state: AdamState;
  /** Applies one step; `grads` are in the order of `params`. Disposes nothing it did not create. */
  apply(grads: readonly tf.Tensor[]): void;
  dispose(): void;
}

export function createAdam(params: readonly NamedVariable[], learningRate: number, epsilon: number): Adam {
  const m = params.map((p) => ({ name: `adam/m/${p.name}`, variable: tf.variable(tf.zerosLike(p.variable), false) }));
  const v = params.map((p) => ({ name: `adam/v/${p.name}`, variable: tf.variable(tf.zerosLike(p.variable), false) }));
  const state: AdamState = { moments: [...m, ...v], step: 0 };
  return {
    state,
    apply(grads) {
      state.step += 1;
      const t = state.step;
      const stepSize = learningRate / (1 - BETA1 ** t);
      const sqrtBc2 = Math.sqrt(1 - BETA2 ** t);
      tf.tidy(() => {
        params.forEach((p, i) => {
          const g = grads[i];
          const mi = m[i].variable;
          const vi = v[i].variable;
          const mNew = tf.add(tf.mul(mi, BETA1), tf.mul(g, 1 - BETA1));
          const vNew = tf.add(tf.mul(vi, BETA2), tf.mul(tf.square(g), 1 - BETA2));
          const denom = tf.add(tf.div(tf.sqrt(vNew), sqrtBc2), epsilon);
          mi.assign(mNew);
          vi.assign(vNew);
          p.variable.assign(tf.sub(p.variable, tf.mul(tf.div(mNew, denom), stepSize)));
        });
      });
    },
    dispose() {
      for (const x of state.moments) x.variable.dispose();
    },
  };
}
