/**
 * `bench-train`: time of one DQN update (batch from random uint8 stacks) and one greedy action, on a
 * chosen backend, for the notebook ('seed') or Nature network. `stepMs` times exactly what the PyTorch
 * peer (../shared/bench/torch_dqn_step.py) times — forward, MSE loss, backward, Adam — while `updateMs`
 * is the agent's whole DQN update (adds the bootstrap forward on next states, on a worker thread unless
 * --bootstrap inline, and the TD targets). CpuMs fields count every thread of the process.
 * Progress on stderr; last stdout line {"updateMs", "actMs", "backend", ...}.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../../shared/rng';
import { createAdam } from '../../agent/adam';
import { BACKEND_NAMES, initBackend } from '../../agent/backend';
import { createDqnAgent } from '../../agent/dqn-agent';
import { firstLayerBlocks } from '../../agent/first-layer';
import { backward, forwardTrain } from '../../agent/network-ops';
import { createQNetwork, stacksTensor } from '../../agent/networks';
import type { AgentOptions, BackendName, Batch, NetworkSpec } from '../../agent/types';
import { UsageError } from '../args';
import { emitJson, type CliCommand, type CliIo } from '../command';

const NETS = {
  seed: { kind: 'notebook', height: 90, width: 80 },
  notebook: { kind: 'notebook', height: 90, width: 80 },
  nature: { kind: 'nature', height: 84, width: 84 },
} as const;

export const benchTrainCommand: CliCommand = {
  name: 'bench-train',
  summary: 'Measure DQN update and action time on a TensorFlow.js backend (compare with the PyTorch peer)',
  options: {
    net: { type: 'string', description: 'seed (the notebook network) or nature', default: 'seed', placeholder: 'net' },
    frames: { type: 'number', description: 'Stacked frames (input channels)', default: 4 },
    batch: { type: 'number', description: 'Minibatch size', default: 32 },
    backend: { type: 'string', description: `auto, ${BACKEND_NAMES.join(', ')}`, default: 'auto', placeholder: 'name' },
    updates: { type: 'number', description: 'Timed updates (default: 40 seed, 15 nature)', placeholder: 'n' },
    warmup: { type: 'number', description: 'Untimed updates first', default: 5 },
    actions: { type: 'number', description: 'Number of actions', default: 6 },
    seed: { type: 'number', description: 'Weights and data seed', default: 0 },
    bootstrap: {
      type: 'string',
      description: "Next-state forward pass: 'worker' (second thread) or 'inline'",
      default: 'worker',
      placeholder: 'where',
    },
  },
  async run(options, io) {
    const netName = String(options.net);
    const net = NETS[netName as keyof typeof NETS];
    if (!net) throw new UsageError(`--net must be seed or nature, not '${netName}'`);
    const backendName = String(options.backend);
    if (backendName !== 'auto' && !BACKEND_NAMES.includes(backendName as BackendName)) {
      throw new UsageError(`--backend must be auto or one of ${BACKEND_NAMES.join(', ')}`);
    }
    const [frames, batchSize, warmup, actions] = ['frames', 'batch', 'warmup', 'actions'].map((k) =>
      Number(options[k]),
    );
    for (const [k, v] of Object.entries({ frames, batch: batchSize, actions })) {
      if (!Number.isInteger(v) || v < 1) throw new UsageError(`--${k} must be a positive integer`);
    }
    const bootstrapThread = String(options.bootstrap);
    if (bootstrapThread !== 'worker' && bootstrapThread !== 'inline') {
      throw new UsageError(`--bootstrap must be worker or inline, not '${bootstrapThread}'`);
    }
    const updates = Number(options.updates ?? (net.kind === 'nature' ? 15 : 40));
    if (!Number.isInteger(updates) || updates < 1) throw new UsageError('--updates must be a positive integer');

    const backend = await initBackend(backendName as BackendName | 'auto');
    io.err(`backend: ${backend.detail}\n`);
    const spec: NetworkSpec = {
      kind: net.kind,
      inputHeight: net.height,
      inputWidth: net.width,
      channels: frames,
      actions,
      dueling: false,
    };
    const rng = new Rng(Number(options.seed));
    const batch = randomBatch(spec, batchSize, rng);
    const agentOptions: AgentOptions = {
      network: spec,
      learningRate: 1e-4,
      adamEpsilon: 1e-8,
      gamma: 0.99,
      loss: net.kind === 'nature' ? 'huber' : 'mse',
      double: false,
      targetNetwork: net.kind === 'nature',
      maxGradNorm: 0,
      seed: Number(options.seed),
      bootstrapThread,
    };
    const agent = createDqnAgent(agentOptions);
    // Time the steady state: until its worker has started, the agent bootstraps in-thread.
    const bootstrap = (await agent.whenBootstrapReady?.()) ?? 'inline';
    io.err(`bootstrap: ${bootstrap}\n`);
    const update = timeRepeated('update', () => agent.update(batch), warmup, updates, io);
    const obs = batch.states.subarray(0, frames * net.height * net.width);
    const act = timeRepeated('act', () => agent.act(obs, 0, rng), 10, 200, io);
    agent.dispose();
    const step = timePeerStep(spec, batch, warmup, updates, io);
    emitJson(io, {
      updateMs: round(update.meanMs),
      actMs: round(act.meanMs),
      stepMs: round(step.meanMs),
      backend: backend.name,
      detail: backend.detail,
      bootstrap,
      net: netName,
      frames,
      batch: batchSize,
      updates,
      updateMedianMs: round(update.medianMs),
      updateCpuMs: round(update.cpuMs),
      actCpuMs: round(act.cpuMs),
      stepMedianMs: round(step.medianMs),
      stepCpuMs: round(step.cpuMs),
      tfjs: backend.tfjsVersion,
    });
    return 0;
  },
};

/** The PyTorch script's work: forward, MSE against random targets, backward, Adam (no TD targets). */
function timePeerStep(spec: NetworkSpec, batch: Batch, warmup: number, updates: number, io: CliIo) {
  const net = createQNetwork(spec, new Rng(1));
  const adam = createAdam(net.params, 1e-3, 1e-8);
  const n = batch.size;
  const pixels = new Float32Array(n * spec.channels * spec.inputHeight * spec.inputWidth);
  const targets = Float32Array.from({ length: n * spec.actions }, (_, i) => (i % 7) / 7);
  const timing = timeRepeated(
    'step',
    () =>
      tf.tidy(() => {
        const x = stacksTensor(batch.states, n, spec.channels, spec.inputHeight, spec.inputWidth, pixels);
        const { q, cache } = forwardTrain(net, x, true, firstLayerBlocks(net, batch.states, n));
        const values = q.dataSync();
        const dq = Float32Array.from(values, (v, i) => (2 * (v - targets[i])) / values.length);
        adam.apply(backward(net, cache, tf.tensor2d(dq, [n, spec.actions])));
      }),
    warmup,
    updates,
    io,
  );
  adam.dispose();
  net.dispose();
  return timing;
}

function timeRepeated(label: string, fn: () => unknown, warmup: number, count: number, io: CliIo) {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
    if (label !== 'act' && (io.isTty || (i + 1) % 10 === 0 || i + 1 === count)) {
      io.err(`${io.isTty ? '\r' : ''}${label} ${i + 1}/${count}: ${times[i].toFixed(1)} ms${io.isTty ? '' : '\n'}`);
    }
  }
  if (io.isTty && label !== 'act') io.err('\n');
  const cpu = process.cpuUsage(cpuStart);
  const sorted = [...times].sort((a, b) => a - b);
  return {
    meanMs: times.reduce((a, b) => a + b, 0) / count,
    medianMs: sorted[count >> 1],
    cpuMs: (cpu.user + cpu.system) / 1000 / count,
  };
}

function randomBatch(spec: NetworkSpec, size: number, rng: Rng): Batch {
  const obs = size * spec.channels * spec.inputHeight * spec.inputWidth;
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => rng.int(256));
  return {
    size,
    states: bytes(obs),
    actions: Int32Array.from({ length: size }, () => rng.int(spec.actions)),
    rewards: Float32Array.from({ length: size }, () => rng.float()),
    nextStates: bytes(obs),
    dones: Float32Array.from({ length: size }, () => (rng.float() < 0.05 ? 1 : 0)),
  };
}

function round(ms: number): number {
  return Number(ms.toFixed(3));
}
