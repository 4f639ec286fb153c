/**
 * One fused Adam step per parameter, as a kernel for the wasm and cpu backends: a single pass over
 * param, grad and both moments instead of a dozen elementwise ops. On wasm the pass is a SIMD module
 * sharing the heap (simd/adam.wat), with this file's JS loop as the fallback. Outputs are new tensors (param, m, v): variables may share storage with
 * other tensors (the target network's copy), so nothing is written in place.
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { adamSimdFor } from './simd/simd-modules';
import type { WasmHeapBackend } from './wasm-call';

export const ADAM_STEP = 'DqnAdamStep';

export interface AdamStepAttrs {
  /** lr / (1 − β1^t). */
  stepSize: number;
  beta1: number;
  beta2: number;
  /** √(1 − β2^t). */
  sqrtBiasCorrection2: number;
  epsilon: number;
  /** Multiplies the gradient first (global-norm clipping). */
  gradScale: number;
}

interface CpuBackendLike {
  data: { get(dataId: object): { values: Float32Array } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

function adamLoop(
  p: Float32Array,
  m: Float32Array,
  v: Float32Array,
  g: Float32Array,
  out: Float32Array[],
  a: AdamStepAttrs,
) {
  const [po, mo, vo] = out;
  const { stepSize, beta1, beta2, sqrtBiasCorrection2, epsilon, gradScale } = a;
  const c1 = (1 - beta1) * gradScale;
  const c2 = (1 - beta2) * gradScale * gradScale;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i];
    const mi = beta1 * m[i] + c1 * gi;
    const vi = beta2 * v[i] + c2 * gi * gi;
    mo[i] = mi;
    vo[i] = vi;
    po[i] = p[i] - (stepSize * mi) / (Math.sqrt(vi) / sqrtBiasCorrection2 + epsilon);
  }
}

type Inputs = { param: TensorInfo; m: TensorInfo; v: TensorInfo; grad: TensorInfo };

function wasmAdam(args: { inputs: Inputs; backend: WasmHeapBackend; attrs: AdamStepAttrs }): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const shape = [...inputs.param.shape];
  const outs = [
    backend.makeOutput(shape, 'float32'),
    backend.makeOutput(shape, 'float32'),
    backend.makeOutput(shape, 'float32'),
  ];
  const memory = backend.wasm.asm?.memory;
  const simd = memory ? adamSimdFor(memory) : null;
  if (simd) {
    const at = (t: TensorInfo) => backend.getMemoryOffset(t.dataId);
    const { stepSize, beta1, beta2, sqrtBiasCorrection2, epsilon, gradScale } = attrs;
    const n = outs[0].shape.reduce((a, b) => a * b, 1);
    const [c1, c2] = [(1 - beta1) * gradScale, (1 - beta2) * gradScale * gradScale];
    const [p, m, v, g] = [inputs.param, inputs.m, inputs.v, inputs.grad].map(at);
    simd(
      p,
      m,
      v,
      g,
      at(outs[0]),
      at(outs[1]),
      at(outs[2]),
      n,
      beta1,
      c1,
      beta2,
      c2,
      stepSize,
      1 / sqrtBiasCorrection2,
      epsilon,
    );
    return outs;
  }
  // Views only after every allocation: growing the heap detaches earlier ones.
  const view = (t: TensorInfo) => backend.typedArrayFromHeap(t);
  adamLoop(view(inputs.param), view(inputs.m), view(inputs.v), view(inputs.grad), outs.map(view), attrs);
  return outs;
}

function cpuAdam(args: { inputs: Inputs; backend: CpuBackendLike; attrs: AdamStepAttrs }): TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const get = (t: TensorInfo) => backend.data.get(t.dataId).values;
  const n = get(inputs.param).length;
  const out = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  adamLoop(get(inputs.param), get(inputs.m), get(inputs.v), get(inputs.grad), out, attrs);
  return out.map((values) => backend.makeTensorInfo([...inputs.param.shape], 'float32', values));
}

export const adamStepConfigs: readonly KernelConfig[] = [
  { kernelName: ADAM_STEP, backendName: 'wasm', kernelFunc: wasmAdam as unknown as KernelFunc },
  { kernelName: ADAM_STEP, backendName: 'cpu', kernelFunc: cpuAdam as unknown as KernelFunc },
];
