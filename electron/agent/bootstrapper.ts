/**
 * The seam to the bootstrap thread: a worker_threads Worker that computes the next-state Q-values of
 * the TD targets while the agent's thread runs the online network's forward pass. tfjs's own wasm
 * threads never start in Node, so this is the update's one source of parallelism.
 *
 * The agent stays synchronous: `begin` posts the request and `wait` blocks in Atomics.wait for the
 * answer. Until the worker has started, after it fails, or where workers or SharedArrayBuffer do not
 * exist, `begin` returns null and the agent computes the values in-thread; both ways give the same bits
 * (same backend, kernels and ops), so switching is invisible to losses, checkpoints and resumes.
 */
import type { Worker } from 'node:worker_threads';
import { wasmDirInUse } from './backend';
import {
  BUSY,
  CONTROL_SLOTS,
  DONE,
  ERROR,
  IDLE,
  READY,
  STARTED,
  STATUS,
  type BootstrapReply,
  type BootstrapRequest,
  type BootstrapWorkerData,
} from './bootstrap-protocol';
import type { NamedVariable } from './networks';
import type { NetworkSpec } from './types';

/** A wedged worker must not hang training: after this long the agent gives up on it and goes in-thread. */
const ANSWER_TIMEOUT_MS = 60_000;

export interface PendingBootstrap {
  /** Q-values [size, actions] of the bootstrap network on the next states, or null (compute in-thread). */
  wait(): Float32Array | null;
}

export interface Bootstrapper {
  /** Starts the forward pass on the worker (current weights), or null if the worker can't take it. */
  begin(nextStates: Uint8Array, size: number): PendingBootstrap | null;
  /** The bootstrap network's weights changed: the next `begin` uploads them. */
  invalidate(): void;
  /** true once the worker answers requests; false if it will not (then everything stays in-thread). */
  readonly ready: Promise<boolean>;
  /** Why the worker is not used, once it failed. */
  readonly failure: () => string | null;
  /** Resolves when the worker thread has ended (or never started). */
  readonly exited: Promise<void>;
  dispose(): void;
}

/**
 * A worker-backed Bootstrapper for the network whose parameters are `params` (read at each upload), where
 * that can work; else null (the agent then stays in-thread).
 */
export function createBootstrapper(
  spec: NetworkSpec,
  backend: string,
  params: readonly NamedVariable[],
): Bootstrapper | null {
  const isNode = typeof process !== 'undefined' && process.versions?.node !== undefined;
  const shared = typeof SharedArrayBuffer === 'function' && typeof Atomics === 'object';
  // Only wasm gains: tfjs-node already uses every core, and cpu is a correctness fallback.
  if (!isNode || !shared || backend !== 'wasm') return null;
  return workerBootstrapper(spec, backend, params);
}

function workerBootstrapper(spec: NetworkSpec, backend: string, params: readonly NamedVariable[]): Bootstrapper {
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * 4));
  const weightCount = params.reduce((sum, p) => sum + p.variable.size, 0);
  const weights = new SharedArrayBuffer(weightCount * 4);
  const obsSize = spec.channels * spec.inputHeight * spec.inputWidth;
  let states = new SharedArrayBuffer(0);
  let result = new SharedArrayBuffer(0);
  let worker: Worker | null = null;
  let state: 'starting' | 'running' | 'failed' | 'disposed' = 'starting';
  let stale = true;
  let failure: string | null = null;
  let settleReady: (ok: boolean) => void = () => {};
  let settleExit: () => void = () => {};
  const ready = new Promise<boolean>((resolve) => (settleReady = resolve));
  const exited = new Promise<void>((resolve) => (settleExit = resolve));

  const fail = (reason: string): void => {
    if (state === 'disposed') return;
    failure ??= reason;
    state = 'failed';
    settleReady(false);
    void worker?.terminate();
  };

  const data: BootstrapWorkerData = { spec, backend, wasmDir: wasmDirInUse(), control: control.buffer, weights };
  spawn(data).then(
    (spawned) => {
      if (state === 'disposed') {
        void spawned.terminate().finally(settleExit);
        return;
      }
      worker = spawned;
      // Never the reason a process stays alive, even if the agent is not disposed.
      spawned.unref();
      spawned.on('message', (message: BootstrapReply) => {
        if (message.type === 'ready' && state === 'starting') {
          state = 'running';
          settleReady(true);
        } else if (message.type === 'failed') fail(message.message);
      });
      spawned.on('error', (error) => fail(`bootstrap worker failed: ${error.message}`));
      spawned.on('exit', (code) => {
        if (state !== 'disposed') fail(`bootstrap worker exited with code ${code}`);
        settleExit();
      });
    },
    (error: unknown) => {
      fail(`bootstrap worker could not be created: ${error instanceof Error ? error.message : String(error)}`);
      settleExit();
    },
  );

  const upload = (): void => {
    const all = new Float32Array(weights);
    let offset = 0;
    for (const { variable } of params) {
      all.set(variable.dataSync() as Float32Array, offset);
      offset += variable.size;
    }
  };

  const begin = (nextStates: Uint8Array, size: number): PendingBootstrap | null => {
    // READY is read from shared memory: the 'ready' message may still be queued behind this update.
    if (!worker || (state !== 'running' && state !== 'starting') || Atomics.load(control, READY) !== STARTED) {
      return null;
    }
    if (nextStates.length !== size * obsSize) return null;
    if (states.byteLength < nextStates.length) states = new SharedArrayBuffer(nextStates.length);
    if (result.byteLength < size * spec.actions * 4) result = new SharedArrayBuffer(size * spec.actions * 4);
    new Uint8Array(states, 0, nextStates.length).set(nextStates);
    const loadWeights = stale;
    if (stale) upload();
    stale = false;
    Atomics.store(control, STATUS, BUSY);
    const request: BootstrapRequest = { type: 'forward', size, loadWeights, states, result };
    worker.postMessage(request);
    const answer = result;
    return { wait: () => awaitAnswer(answer, size * spec.actions) };
  };

  const awaitAnswer = (answer: SharedArrayBuffer, count: number): Float32Array | null => {
    const deadline = performance.now() + ANSWER_TIMEOUT_MS;
    for (;;) {
      const status = Atomics.load(control, STATUS);
      if (status === DONE) {
        Atomics.store(control, STATUS, IDLE);
        return new Float32Array(answer, 0, count).slice();
      }
      if (status === ERROR) {
        fail('bootstrap worker failed (see its message)');
        return null;
      }
      const left = deadline - performance.now();
      if (left <= 0) {
        fail(`bootstrap worker did not answer within ${ANSWER_TIMEOUT_MS / 1000} s`);
        return null;
      }
      Atomics.wait(control, STATUS, status, left);
    }
  };

  return {
    begin,
    invalidate: () => void (stale = true),
    ready,
    failure: () => failure,
    exited,
    dispose() {
      if (state === 'disposed') return;
      state = 'disposed';
      settleReady(false);
      void worker?.terminate();
    },
  };
}

/** A Worker on the entry beside this module: the .ts source under tsx/vitest, the built .js otherwise. */
async function spawn(workerData: BootstrapWorkerData): Promise<Worker> {
  const { Worker } = await import('node:worker_threads');
  return new Worker(entrySource(import.meta.url), { eval: true, workerData });
}

/**
 * The worker's bootstrap code. From sources it registers tsx's loader first (Node 20 does not pass the
 * parent's module hooks to workers). In a build this module sits in a shared chunk (out/main/chunks/)
 * or in an entry (out/main/), and the worker entry is out/main/bootstrap-worker.js: both places are
 * tried, in that order, skipping only "this very file is missing".
 */
export function entrySource(moduleUrl: string): string {
  if (moduleUrl.endsWith('.ts')) {
    const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
    const entry = JSON.stringify(new URL('./bootstrap-worker.ts', moduleUrl).href);
    return `import(${tsx}).then((api) => { api.register(); return import(${entry}); });`;
  }
  const file = 'bootstrap-worker.js';
  const candidates = JSON.stringify([`../${file}`, `./${file}`].map((f) => new URL(f, moduleUrl).href));
  return `(async () => {
  for (const url of ${candidates}) {
    try { return await import(url); } catch (error) {
      // Only "this file is missing" moves on (the message names it before "imported from", on any OS).
      const named = String(error && error.message).split(' imported from ')[0];
      const missing = error && error.code === 'ERR_MODULE_NOT_FOUND' && named.includes('${file}');
      if (!missing) throw error;
    }
  }
  throw new Error('${file} not found at ' + ${candidates}.join(' or '));
})();`;
}
