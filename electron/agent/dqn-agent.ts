/**
 * The DQN agent on TensorFlow.js: ε-greedy acting, one-step TD updates (Huber or MSE, optional double DQN
 * and target network), PyTorch-style Adam, optional global grad-norm clipping, and exact snapshots of
 * weights and optimizer state. Call initBackend first; the agent uses whatever backend is active.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../shared/rng';
import { createAdam, type Adam } from './adam';
import { createBootstrapper, type Bootstrapper } from './bootstrapper';
import { firstLayerBlocks } from './first-layer';
import { backward, forwardTrain } from './network-ops';
import { createQNetwork, stacksTensor, type NamedVariable, type QNetwork } from './networks';
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
  const bootstrapper =
    options.bootstrapThread === 'inline' ? null : createBootstrapper(spec, tf.getBackend(), (target ?? online).params);
  const obsSize = spec.channels * spec.inputHeight * spec.inputWidth;
  const obsBuffer: Float32Array = new Float32Array(obsSize);
  let disposed = false;

  const input = (states: Uint8Array, batch: number, out?: Float32Array): tf.Tensor4D => {
    if (states.length !== batch * obsSize) {
      throw new Error(`observation has ${states.length} bytes, expected ${batch} x ${obsSize}`);
    }
    return stacksTensor(states, batch, spec.channels, spec.inputHeight, spec.inputWidth, out);
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
      return update(batch, options, online, target, adam, input, bootstrapper);
    },
    async whenBootstrapReady() {
      const started = await (bootstrapper?.ready ?? false);
      return started && bootstrapper?.failure() === null ? 'worker' : 'inline';
    },
    syncTarget() {
      alive();
      if (target) copyInto(online.params, target.params);
      bootstrapper?.invalidate();
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
      bootstrapper?.invalidate();
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      bootstrapper?.dispose();
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
  bootstrapper: Bootstrapper | null,
): UpdateResult {
  const n = batch.size;
  const actions = online.spec.actions;
  for (let i = 0; i < n; i++) {
    const a = batch.actions[i];
    if (!(a >= 0 && a < actions)) throw new Error(`batch.actions[${i}] = ${a} is outside 0..${actions - 1}`);
  }
  // The targets bootstrap from the target network, else from the online one before this step.
  const source = target ?? online;
  const pending = bootstrapper?.begin(batch.nextStates, n) ?? null;
  // Double DQN's action choice uses the online network, which the worker does not hold.
  const chooser = options.double && target ? nextQ(online, batch.nextStates, n, input) : null;
  let qNext = pending ? null : nextQ(source, batch.nextStates, n, input);
  const x = input(batch.states, n);
  const result = tf.tidy(() => {
    const blocks = firstLayerBlocks(online, batch.states, n);
    // Unless the bootstrap pass ran the online network, its weights are fresh from the last step.
    const { q, cache } = forwardTrain(online, x, target !== null && !options.double, blocks);
    const qData = q.dataSync() as Float32Array;
    // The worker ran in parallel with the forward pass above; if it failed, the same values come from here.
    qNext ??= pending?.wait() ?? nextQ(source, batch.nextStates, n, input);
    const best = bestValues(qNext, chooser ?? qNext, n, actions);
    const { dq, loss, meanQ } = tdLoss(batch, options, qData, best, actions);
    const grads = backward(online, cache, tf.tensor2d(dq, [n, actions]));
    adam.apply(grads, options.maxGradNorm > 0 ? clipScale(grads, options.maxGradNorm) : 1);
    return { loss, meanQ };
  });
  x.dispose();
  if (!target) bootstrapper?.invalidate();
  return result;
}

/** Q-values [n, actions] of `net` on next states, computed in this thread. */
function nextQ(
  net: QNetwork,
  states: Uint8Array,
  n: number,
  input: (states: Uint8Array, batch: number) => tf.Tensor4D,
): Float32Array {
  const xNext = input(states, n);
  const q = tf.tidy(() => net.apply(xNext));
  const values = Float32Array.from(q.dataSync() as Float32Array);
  tf.dispose([xNext, q]);
  return values;
}

/** max_a Q(s', a) with `chooser` = `qNext`, or Q(s', argmax_a chooser(s', a)) for double DQN. */
function bestValues(qNext: Float32Array, chooser: Float32Array, n: number, actions: number): Float32Array {
  const best = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * actions;
    let arg = 0;
    for (let a = 1; a < actions; a++) if (chooser[row + a] > chooser[row + arg]) arg = a;
    best[i] = qNext[row + arg];
  }
  return best;
}

/**
 * TD errors in plain arrays (the batch is tiny): y = r + γ(1 − done)·best; the loss gradient goes to the
 * taken action only, averaged over the batch like PyTorch's mean reduction.
 */
function tdLoss(batch: Batch, options: AgentOptions, q: Float32Array, best: Float32Array, actions: number) {
  const n = batch.size;
  const dq = new Float32Array(n * actions);
  let loss = 0;
  let sumQ = 0;
  for (let i = 0; i < n; i++) {
    const index = i * actions + batch.actions[i];
    const y = batch.rewards[i] + options.gamma * (1 - batch.dones[i]) * best[i];
    const delta = q[index] - y;
    sumQ += q[index];
    if (options.loss === 'mse') {
      loss += delta * delta;
      dq[index] = (2 * delta) / n;
    } else {
      // smooth_l1 with δ = 1: ½d² inside |d| < 1, |d| − ½ outside.
      const abs = Math.abs(delta);
      loss += abs < 1 ? 0.5 * delta * delta : abs - 0.5;
      dq[index] = Math.max(-1, Math.min(1, delta)) / n;
    }
  }
  return { dq, loss: loss / n, meanQ: sumQ / n };
}

/** torch.nn.utils.clip_grad_norm_: the factor max/(norm + 1e-6) when that is below 1, else 1. */
function clipScale(grads: readonly tf.Tensor[], maxNorm: number): number {
  const squared = tf.tidy(() => tf.addN(grads.map((g) => tf.sum(tf.square(g)))));
  const norm = Math.sqrt(squared.dataSync()[0]);
  squared.dispose();
  const coefficient = maxNorm / (norm + 1e-6);
  return coefficient < 1 ? coefficient : 1;
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
  if (o.bootstrapThread !== undefined && o.bootstrapThread !== 'worker' && o.bootstrapThread !== 'inline') {
    throw new Error('agent.bootstrapThread must be worker or inline');
  }
}
