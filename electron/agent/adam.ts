/**
 * Adam as PyTorch computes it (bias corrections folded into the step size and the denominator), with
 * its moments as named variables so checkpoints can resume the optimizer exactly. On wasm and cpu one
 * fused kernel does each parameter's step; other backends use elementwise ops.
 */
import * as tf from '@tensorflow/tfjs';
import { ADAM_STEP, type AdamStepAttrs } from './kernels/adam-step';
import type { NamedVariable } from './networks';

const BETA1 = 0.9;
const BETA2 = 0.999;

export interface AdamState {
  readonly moments: readonly NamedVariable[];
  step: number;
}

export interface Adam {
  readonly state: AdamState;
  /** Applies one step; `grads` are in the order of `params`, scaled by gradScale first. */
  apply(grads: readonly tf.Tensor[], gradScale?: number): void;
  dispose(): void;
}

export function createAdam(params: readonly NamedVariable[], learningRate: number, epsilon: number): Adam {
  const moment = (kind: string, p: NamedVariable): NamedVariable => ({
    name: `adam/${kind}/${p.name}`,
    variable: tf.tidy(() => tf.variable(tf.zerosLike(p.variable), false)),
  });
  const m = params.map((p) => moment('m', p));
  const v = params.map((p) => moment('v', p));
  const state: AdamState = { moments: [...m, ...v], step: 0 };
  return {
    state,
    apply(grads, gradScale = 1) {
      state.step += 1;
      const attrs: AdamStepAttrs = {
        stepSize: learningRate / (1 - BETA1 ** state.step),
        beta1: BETA1,
        beta2: BETA2,
        sqrtBiasCorrection2: Math.sqrt(1 - BETA2 ** state.step),
        epsilon,
        gradScale,
      };
      const fused = tf.getKernel(ADAM_STEP, tf.getBackend()) !== undefined;
      params.forEach((p, i) => {
        const [param, mNew, vNew] = fused
          ? (tf
              .engine()
              .runKernel(
                ADAM_STEP,
                { param: p.variable, m: m[i].variable, v: v[i].variable, grad: grads[i] },
                attrs as never,
              ) as unknown as tf.Tensor[])
          : elementwiseStep(p.variable, m[i].variable, v[i].variable, grads[i], attrs);
        p.variable.assign(param);
        m[i].variable.assign(mNew);
        v[i].variable.assign(vNew);
        tf.dispose([param, mNew, vNew]);
      });
    },
    dispose() {
      for (const x of state.moments) x.variable.dispose();
    },
  };
}

function elementwiseStep(p: tf.Tensor, m: tf.Tensor, v: tf.Tensor, g: tf.Tensor, a: AdamStepAttrs): tf.Tensor[] {
  return tf.tidy(() => {
    const mNew = tf.add(tf.mul(m, a.beta1), tf.mul(g, (1 - a.beta1) * a.gradScale));
    const vNew = tf.add(tf.mul(v, a.beta2), tf.mul(tf.square(g), (1 - a.beta2) * a.gradScale * a.gradScale));
    const denom = tf.add(tf.div(tf.sqrt(vNew), a.sqrtBiasCorrection2), a.epsilon);
    return [tf.sub(p, tf.mul(tf.div(mNew, denom), a.stepSize)), mNew, vNew];
  });
}
