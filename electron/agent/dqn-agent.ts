/**
 * The DQN agent on TensorFlow.js: ε-greedy acting, one-step TD updates (Huber or MSE, optional double DQN
 * and target network), PyTorch-style Adam, optional global grad-norm clipping, and exact snapshots of
 * weights and optimizer state. Call initBackend first; the agent uses whatever backend is active.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../shared/rng';
import { createAdam, type Adam } from './adam';
import { createQNetwork, stacksToNhwc, type NamedVariable, type QNetwork } from './networks';
import type { ActResult, AgentOptions, AgentSnapshot, Batch, DqnAgent, UpdateResult } from './types';

/** Synchronous: the backend must already be initialised (initBackend). */
export function createDqnAgent(options: AgentOptions): DqnAgent {
  validate(options);
  const { network: spec } = options;
  const rng = new Rng(options.seed);
  const online = createQNetwork(spec, rng, 'online');
  const target = options.targetNetwork ? createQNetwork(spec, rng, 'target') : null;
  if (target) copyInto(online.params, target.params);
  const adam = createAdam(online.params, options.learningRate, options.adamEpsilon);
  const obsSize = spec.channels * spec.inputHeight * spec.inputWidth;
  const obsBuffer: Float32Array = new Float32Array(obsSize);
  let disposed = false;

  const input = (states: Uint8Array, batch: number, out?: Float32Array): tf.Tensor4D => {
    if (states.length !== batch * obsSize) {
      throw new Error(`observation has ${states.length} bytes, expected ${batch} x ${obsSize}`);
    }
    const data = stacksToNhwc(states, batch, spec.channels, spec.inputHeight, spec.inputWidth, out);
    return tf.tensor4d(data, [batch, spec.inputHeight, spec.inputWidth, spec.channels], 'float32');
  };

  const qValues = (observation: Uint8Array): Float32Array => {
    alive();
    const x = input(observation, 1, obsBuffer);
    const q = online.apply(x);
    const values = q.dataSync() as Float32Array;
    tf.dispose([x, q]);
    return Float32Array.from(values);
  };

  const alive = () => {
    if (disposed) throw new Error('the agent has been disposed');
  };

  return {
    options,
    qValues,
    act(observation, epsilon, actRng): ActResult {
      const q = qValues(observation);
      if (actRng.float() < epsilon) return { action: actRng.int(spec.actions), qValues: q, greedy: false };
      return { action: argMax(q), qValues: q, greedy: true };
    },
    update(batch): UpdateResult {
      alive();
      return update(batch, options, online, target, adam, input);
    },
    syncTarget() {
      alive();
      if (target) copyInto(online.params, target.params);
    },
    snapshot(): AgentSnapshot {
      alive();
      const all = [...online.params, ...(target?.params ?? []), ...adam.state.moments];
      return {
        tensors: all.map(({ name, variable }) => ({
          name,
          shape: [...variable.shape],
          data: Float32Array.from(variable.dataSync() as Float32Array),
        })),
        optimizerStep: adam.state.step,
      };
    },
    restore(snapshot) {
      alive();
      restoreInto([...online.params, ...(target?.params ?? []), ...adam.state.moments], snapshot);
      adam.state.step = snapshot.optimizerStep;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      online.dispose();
      target?.dispose();
      adam.dispose();
    },
  };
}

function update(
  batch: Batch,
  options: AgentOptions,
  online: QNetwork,
  target: QNetwork | null,
  adam: Adam,
  input: (states: Uint8Array, batch: number) => tf.Tensor4D,
): UpdateResult {
  const n = batch.size;
  const actions = online.spec.actions;
  for (let i = 0; i < n; i++) {
    const a = batch.actions[i];
    if (!(a >= 0 && a < actions)) throw new Error(`batch.actions[${i}] = ${a} is outside 0..${actions - 1}`);
  }
  const x = input(batch.states, n);
  const xNext = input(batch.nextStates, n);
  const tensors = tf.tidy(() => {
    const y = tf.tidy(() => tdTargets(batch, options, online, target, xNext));
    const mask = tf.oneHot(tf.tensor1d(batch.actions, 'int32'), actions) as tf.Tensor2D;
    let meanQ: tf.Scalar | null = null;
    const { value, grads } = tf.variableGrads(
      () => {
        const qTaken = tf.sum(tf.mul(online.apply(x), mask), 1);
        meanQ = tf.keep(tf.mean(qTaken));
        const delta = tf.sub(qTaken, y);
        if (options.loss === 'mse') return tf.mean(tf.square(delta));
        // smooth_l1 with δ = 1: ½d² inside |d| < 1, |d| − ½ outside.
        const abs = tf.abs(delta);
        const quad = tf.minimum(abs, 1);
        return tf.mean(tf.add(tf.mul(tf.square(quad), 0.5), tf.sub(abs, quad)));
      },
      online.params.map((p) => p.variable),
    );
    let ordered = online.params.map((p) => grads[p.variable.name]);
    if (options.maxGradNorm > 0) ordered = clipByGlobalNorm(ordered, options.maxGradNorm);
    adam.apply(ordered);
    return [value, meanQ as unknown as tf.Scalar];
  });
  const [lossValue, meanQValue] = [tensors[0].dataSync()[0], tensors[1].dataSync()[0]];
  tf.dispose([x, xNext, ...tensors]);
  return { loss: lossValue, meanQ: meanQValue };
}

/** r + γ(1 − done)·Q_target(s', a*), a* = argmax of the online network when double, else of the target. */
function tdTargets(batch: Batch, options: AgentOptions, online: QNetwork, target: QNetwork | null, xNext: tf.Tensor4D) {
  const evaluator = target ?? online;
  const qNext = evaluator.apply(xNext);
  let best: tf.Tensor1D;
  if (options.double && target) {
    const chosen = tf.argMax(online.apply(xNext), 1);
    best = tf.sum(tf.mul(qNext, tf.oneHot(chosen, online.spec.actions)), 1);
  } else {
    best = tf.max(qNext, 1);
  }
  const rewards = tf.tensor1d(batch.rewards, 'float32');
  const notDone = tf.sub(1, tf.tensor1d(batch.dones, 'float32'));
  return tf.add(rewards, tf.mul(tf.mul(notDone, options.gamma), best)) as tf.Tensor1D;
}

/** torch.nn.utils.clip_grad_norm_: scale all gradients by max/(norm + 1e-6) when the norm exceeds max. */
function clipByGlobalNorm(grads: tf.Tensor[], maxNorm: number): tf.Tensor[] {
  const norm = tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g)))));
  const scale = tf.minimum(tf.div(maxNorm, tf.add(norm, 1e-6)), 1);
  return grads.map((g) => tf.mul(g, scale));
}

function copyInto(from: readonly NamedVariable[], to: readonly NamedVariable[]): void {
  tf.tidy(() => from.forEach((p, i) => to[i].variable.assign(p.variable)));
}

function restoreInto(variables: readonly NamedVariable[], snapshot: AgentSnapshot): void {
  const byName = new Map(snapshot.tensors.map((t) => [t.name, t]));
  for (const { name, variable } of variables) {
    const saved = byName.get(name);
    if (!saved) throw new Error(`snapshot has no tensor '${name}'`);
    if (saved.shape.join('x') !== variable.shape.join('x')) {
      throw new Error(
        `snapshot tensor '${name}' has shape ${saved.shape.join('x')}, expected ${variable.shape.join('x')}`,
      );
    }
  }
  tf.tidy(() => {
    for (const { name, variable } of variables) {
      const saved = byName.get(name)!;
      variable.assign(tf.tensor(saved.data, [...saved.shape], 'float32'));
    }
  });
}

function argMax(values: Float32Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

function validate(o: AgentOptions): void {
  const positive = { learningRate: o.learningRate, adamEpsilon: o.adamEpsilon };
  for (const [k, v] of Object.entries(positive)) if (!(v > 0)) throw new Error(`agent.${k} must be positive`);
  if (!(o.gamma >= 0 && o.gamma <= 1)) throw new Error('agent.gamma must be in [0, 1]');
  if (o.loss !== 'huber' && o.loss !== 'mse') throw new Error(`agent.loss must be huber or mse`);
  if (!(o.maxGradNorm >= 0)) throw new Error('agent.maxGradNorm must be 0 (off) or positive');
}
