/**
 * A small pure-JS DqnAgent (linear Q over band means of the newest frame) for tests and synthetic CLI
 * runs: deterministic, fast, with a target network and snapshot/restore, so the loop's bookkeeping can
 * be tested without TensorFlow.
 */
import type { Rng } from '../../../shared/rng';
import type { ActResult, AgentOptions, AgentSnapshot, Batch, DqnAgent, UpdateResult } from '../../agent/types';

const BANDS = 8;

export function createSyntheticAgent(options: AgentOptions): DqnAgent {
  const { actions, channels, inputHeight, inputWidth } = options.network;
  const plane = inputHeight * inputWidth;
  const nf = BANDS + 1;
  const online = new Float32Array(actions * nf);
  let target = new Float32Array(actions * nf);
  let steps = 0;
  // Seeded small init: the agent must be reproducible from its seed.
  let s = options.seed >>> 0 || 1;
  for (let i = 0; i < online.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    online[i] = (s / 4294967296 - 0.5) * 0.1;
  }
  target.set(online);

  const features = (obs: Uint8Array, offset: number, out: Float32Array): Float32Array => {
    const base = offset + (channels - 1) * plane;
    const rows = Math.ceil(inputHeight / BANDS);
    out.fill(0);
    for (let y = 0; y < inputHeight; y++) {
      let sum = 0;
      for (let x = 0; x < inputWidth; x++) sum += obs[base + y * inputWidth + x];
      out[Math.floor(y / rows)] += sum / (255 * rows * inputWidth);
    }
    out[BANDS] = 1;
    return out;
  };
  const q = (w: Float32Array, f: Float32Array, out = new Float32Array(actions)): Float32Array => {
    for (let a = 0; a < actions; a++) {
      let v = 0;
      for (let k = 0; k < nf; k++) v += w[a * nf + k] * f[k];
      out[a] = v;
    }
    return out;
  };
  const argmax = (v: Float32Array): number => v.reduce((best, x, i) => (x > v[best] ? i : best), 0);
  const f1 = new Float32Array(nf);
  const f2 = new Float32Array(nf);

  return {
    options,
    act(observation: Uint8Array, epsilon: number, rng: Rng): ActResult {
      const qValues = q(online, features(observation, 0, f1));
      if (rng.float() < epsilon) return { action: rng.int(actions), qValues, greedy: false };
      return { action: argmax(qValues), qValues, greedy: true };
    },
    qValues: (observation) => q(online, features(observation, 0, f1)),
    update(batch: Batch): UpdateResult {
      const stride = channels * plane;
      const grad = new Float32Array(online.length);
      let loss = 0;
      let meanQ = 0;
      const bootstrap = options.targetNetwork ? target : online;
      for (let i = 0; i < batch.size; i++) {
        const fs = features(batch.states, i * stride, f1);
        const fn = features(batch.nextStates, i * stride, f2);
        const qs = q(online, fs);
        const qn = q(bootstrap, fn);
        const next = options.double ? qn[argmax(q(online, fn))] : Math.max(...qn);
        const y = batch.rewards[i] + options.gamma * (1 - batch.dones[i]) * next;
        const a = batch.actions[i];
        const err = qs[a] - y;
        const huber = options.loss === 'huber' && Math.abs(err) > 1;
        loss += huber ? Math.abs(err) - 0.5 : 0.5 * err * err;
        const g = huber ? Math.sign(err) : err;
        for (let k = 0; k < nf; k++) grad[a * nf + k] += (g * fs[k]) / batch.size;
        meanQ += qs[a] / batch.size;
      }
      for (let j = 0; j < online.length; j++) online[j] -= options.learningRate * grad[j];
      steps++;
      return { loss: loss / batch.size, meanQ };
    },
    syncTarget() {
      target = Float32Array.from(online);
    },
    snapshot(): AgentSnapshot {
      return {
        tensors: [
          { name: 'online/w', shape: [actions, nf], data: Float32Array.from(online) },
          { name: 'target/w', shape: [actions, nf], data: Float32Array.from(target) },
        ],
        optimizerStep: steps,
      };
    },
    restore(snapshot: AgentSnapshot) {
      const byName = new Map(snapshot.tensors.map((t) => [t.name, t.data]));
      online.set(byName.get('online/w')!);
      target = Float32Array.from(byName.get('target/w')!);
      steps = snapshot.optimizerStep;
    },
    dispose() {},
  };
}
