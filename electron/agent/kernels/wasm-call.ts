/** Calls the wasm backend's own registered kernels from inside a kernel, and the backend slice used. */
import { backend as tfBackend, getBackend, getKernel, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs';
import type { WasmMemory } from './simd/simd-modules';

/** The members of BackendWasm these kernels use (the class's typings do not expose them usefully). */
export interface WasmBackendLike {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
  disposeData(dataId: object): boolean;
}

/** BackendWasm with its emscripten module, for code that works on the heap directly. */
export interface WasmHeapBackend extends WasmBackendLike {
  wasm: { asm?: { memory?: WasmMemory }; _malloc(bytes: number): number; _free(pointer: number): void };
  getMemoryOffset(dataId: object): number;
}

/** The active backend as a WasmHeapBackend with its memory, or null when tf is not running on wasm. */
export function activeWasmHeap(): { backend: WasmHeapBackend; memory: WasmMemory } | null {
  if (getBackend() !== 'wasm') return null;
  const backend = tfBackend() as unknown as Partial<WasmHeapBackend>;
  const memory = backend.wasm?.asm?.memory;
  return memory && backend.makeOutput ? { backend: backend as WasmHeapBackend, memory } : null;
}

export function callWasmKernel(
  name: string,
  inputs: Record<string, TensorInfo>,
  backend: WasmBackendLike,
  attrs: object,
): TensorInfo {
  const kernel = getKernel(name, 'wasm');
  if (!kernel) throw new Error(`wasm backend has no ${name} kernel`);
  return kernel.kernelFunc({
    inputs,
    backend: backend as never,
    attrs: attrs as unknown as NamedAttrMap,
  }) as TensorInfo;
}

export function disposeAll(backend: WasmBackendLike, infos: readonly TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}
