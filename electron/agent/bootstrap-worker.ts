/**
 * worker_threads entry of the bootstrap thread (bootstrapper.ts): its own TensorFlow.js on the agent's
 * backend with the same kernels, and a copy of the network that supplies the TD targets' next-state
 * Q-values. It runs the very code the agent runs in-thread (stacksTensor, QNetwork.apply), so the values
 * are bit-identical.
 */
import * as tf from '@tensorflow/tfjs';
import { parentPort, workerData } from 'node:worker_threads';
import { Rng } from '../../shared/rng';
import { initBackend } from './backend';
import {
  BUSY,
  DONE,
  ERROR,
  FAILED,
  READY,
  STARTED,
  STATUS,
  type BootstrapReply,
  type BootstrapRequest,
  type BootstrapWorkerData,
} from './bootstrap-protocol';
import { createQNetwork, stacksTensor, type QNetwork } from './networks';
import type { BackendName } from './types';

if (!parentPort) throw new Error('bootstrap-worker must run in a worker thread');
const port = parentPort;
const data = workerData as BootstrapWorkerData;
const control = new Int32Array(data.control);
const reply = (message: BootstrapReply): void => port.postMessage(message);

function signal(slot: number, value: number): void {
  Atomics.store(control, slot, value);
  Atomics.notify(control, slot);
}

function loadWeights(net: QNetwork): void {
  let offset = 0;
  tf.tidy(() => {
    for (const { variable } of net.params) {
      // A private copy: tensors must not alias memory the agent's thread rewrites.
      const values = new Float32Array(data.weights, offset * 4, variable.size).slice();
      variable.assign(tf.tensor(values, variable.shape, 'float32'));
      offset += variable.size;
    }
  });
}

function forward(net: QNetwork, request: BootstrapRequest): void {
  const { spec } = data;
  if (request.loadWeights) loadWeights(net);
  const states = new Uint8Array(request.states, 0, request.size * spec.channels * spec.inputHeight * spec.inputWidth);
  const x = stacksTensor(states, request.size, spec.channels, spec.inputHeight, spec.inputWidth);
  const q = net.apply(x);
  new Float32Array(request.result, 0, request.size * spec.actions).set(q.dataSync() as Float32Array);
  tf.dispose([x, q]);
}

async function main(): Promise<void> {
  let net: QNetwork;
  try {
    const info = await initBackend(data.backend as BackendName, { wasmDir: data.wasmDir });
    // Any initial weights: the first request always uploads the real ones.
    net = createQNetwork(data.spec, new Rng(0), 'bootstrap');
    // Shared flag first: the agent reads it, and may do so before it sees this message.
    signal(READY, STARTED);
    reply({ type: 'ready', detail: info.detail });
  } catch (error) {
    reply({ type: 'failed', message: `bootstrap worker could not start: ${messageOf(error)}` });
    signal(READY, FAILED);
    return;
  }
  port.on('message', (request: BootstrapRequest) => {
    if (Atomics.load(control, STATUS) !== BUSY) return;
    try {
      forward(net, request);
      signal(STATUS, DONE);
    } catch (error) {
      reply({ type: 'failed', message: `bootstrap worker failed: ${messageOf(error)}` });
      signal(STATUS, ERROR);
    }
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

await main();
