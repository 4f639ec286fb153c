/** Calls the wasm backend's own registered kernels from inside a kernel, and the backend slice used. */
import { getKernel, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs';

/** The members of BackendWasm these kernels use (the class's typings do not expose them usefully). */
export interface WasmBackendLike {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
  disposeData(dataId: object): boolean;
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
