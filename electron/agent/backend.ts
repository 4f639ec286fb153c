/**
 * Chooses and initialises the TensorFlow.js backend: tensorflow (tfjs-node-gpu, else tfjs-node) → wasm →
 * cpu unless one is named. A named backend that cannot start is an error, never a silent fallback, and
 * every switch is checked against what `tf.setBackend` returned.
 */
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendInfo, BackendName } from './types';
import { registerWasmKernels } from './kernels/register';

export const BACKEND_NAMES: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

export class BackendError extends Error {
  override readonly name = 'BackendError';
}

export interface BackendOptions {
  /**
   * Folder holding tfjs-backend-wasm's .wasm files (ending in '/'), e.g. an unpacked resources folder in
   * a packaged app. Default: the installed package's dist folder.
   */
  readonly wasmDir?: string;
}

/** Initialises `preference` (default 'auto') and returns what tf actually runs on. */
export async function initBackend(
  preference: BackendName | 'auto' = 'auto',
  options: BackendOptions = {},
): Promise<BackendInfo> {
  if (preference !== 'auto' && !BACKEND_NAMES.includes(preference)) {
    throw new BackendError(`unknown backend '${String(preference)}' (expected auto, ${BACKEND_NAMES.join(', ')})`);
  }
  const order = preference === 'auto' ? BACKEND_NAMES : [preference];
  const failures: string[] = [];
  for (const name of order) {
    try {
      return await start(name, options);
    } catch (error) {
      const message = firstLine(error);
      if (preference !== 'auto') throw new BackendError(`backend '${name}' is unavailable: ${message}`);
      failures.push(`${name}: ${message}`);
    }
  }
  throw new BackendError(`no TensorFlow.js backend could start (${failures.join('; ')})`);
}

async function start(name: BackendName, options: BackendOptions): Promise<BackendInfo> {
  registerWasmKernels();
  let detail: string;
  if (name === 'tensorflow') detail = await loadNative();
  else if (name === 'wasm') detail = prepareWasm(options.wasmDir);
  else detail = 'cpu (pure JS)';
  const ok = await tf.setBackend(name);
  if (!ok || tf.getBackend() !== name) throw new Error(`tf.setBackend('${name}') returned ${String(ok)}`);
  await tf.ready();
  if (name === 'wasm') detail = await describeWasm();
  return { name, detail, tfjsVersion: tf.version.tfjs };
}

/**
 * tfjs-node-gpu, then tfjs-node; both are optional and register the 'tensorflow' backend on import.
 * The GPU package without a visible GPU still runs (TensorFlow on the CPU), and says so.
 */
async function loadNative(): Promise<string> {
  const errors: string[] = [];
  for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    try {
      // A variable specifier keeps bundlers and tsc from requiring the optional package to exist.
      await import(/* @vite-ignore */ pkg);
    } catch (error) {
      const code = (error as { code?: string }).code;
      const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
      errors.push(missing ? `${pkg} is not installed` : `${pkg} failed to load: ${firstLine(error)}`);
      continue;
    }
    if (!tf.findBackend('tensorflow')) {
      errors.push(`${pkg} did not register the tensorflow backend`);
      continue;
    }
    const name = pkg.slice('@tensorflow/'.length);
    if (!pkg.endsWith('-gpu')) return `${name} (CPU)`;
    return usesGpu() ? `${name} (CUDA)` : `${name} (CPU: no GPU visible)`;
  }
  throw new Error(errors.join('; '));
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/** tfjs-node's backend records whether TensorFlow placed ops on a GPU device (after setBackend). */
function usesGpu(): boolean {
  const backend = tf.findBackend('tensorflow') as unknown as { isGPUPackage?: boolean; isUsingGpuDevice?: boolean };
  return backend?.isGPUPackage === true && backend.isUsingGpuDevice === true;
}

let wasmDirSet: string | null = null;

/** The folder the wasm binaries were loaded from, so a worker thread can load the very same ones. */
export function wasmDirInUse(): string | undefined {
  return wasmDirSet ?? undefined;
}

function prepareWasm(wasmDir: string | undefined): string {
  const isNode = typeof process !== 'undefined' && process.versions?.node !== undefined;
  // In Node the wasm binaries are read from disk, by default from the package's dist folder.
  const dir = wasmDir ?? (isNode ? packageDist() : null);
  if (dir !== null && dir !== wasmDirSet) {
    // The module is instantiated once per process; a second folder cannot take effect.
    if (wasmDirSet !== null) throw new Error(`the wasm backend is already loaded from ${wasmDirSet}`);
    setWasmPaths(dir.endsWith('/') ? dir : `${dir}/`);
    wasmDirSet = dir;
  }
  return 'wasm';
}

function packageDist(): string {
  const main = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
  return main.slice(0, main.lastIndexOf('/') + 1);
}

async function describeWasm(): Promise<string> {
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = getThreadsCount();
  return `wasm (${simd ? 'SIMD' : 'no SIMD'}, ${threads} thread${threads === 1 ? '' : 's'})`;
}
