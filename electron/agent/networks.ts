/**
 * The Q-networks as plain variables and fused ops (no tf.layers): the notebook's small network and the
 * Nature 2015 network, either on any input size, optionally dueling. Inputs are NHWC float tensors
 * (wasm's convolutions are channels-last); the agent converts the channels-first uint8 stacks once.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../shared/rng';
import { stacksSimdFor } from './kernels/simd/simd-modules';
import { activeWasmHeap, type WasmHeapBackend } from './kernels/wasm-call';
import { forward } from './network-ops';
import type { NetworkKind, NetworkSpec } from './types';

export interface ConvLayer {
  readonly filters: number;
  readonly kernel: number;
  readonly stride: number;
}

export interface NetworkLayout {
  readonly convs: readonly ConvLayer[];
  /** Output height, width and channels of each conv layer. */
  readonly convOutputs: ReadonlyArray<readonly [number, number, number]>;
  readonly flatSize: number;
  readonly hidden: number;
}

const ARCHITECTURES: Record<NetworkKind, { convs: ConvLayer[]; hidden: number }> = {
  notebook: {
    convs: [
      { filters: 16, kernel: 8, stride: 4 },
      { filters: 16, kernel: 4, stride: 2 },
    ],
    hidden: 128,
  },
  nature: {
    convs: [
      { filters: 32, kernel: 8, stride: 4 },
      { filters: 64, kernel: 4, stride: 2 },
      { filters: 64, kernel: 3, stride: 1 },
    ],
    hidden: 512,
  },
};

/** Shapes of every layer for `spec` ('valid' convolutions), or a clear error if the input is too small. */
export function networkLayout(spec: NetworkSpec): NetworkLayout {
  const arch = ARCHITECTURES[spec.kind];
  if (!arch) throw new Error(`unknown network kind '${String(spec.kind)}' (expected notebook or nature)`);
  for (const [field, value] of Object.entries({
    inputHeight: spec.inputHeight,
    inputWidth: spec.inputWidth,
    channels: spec.channels,
    actions: spec.actions,
  })) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`network.${field} must be a positive integer`);
  }
  let [h, w] = [spec.inputHeight, spec.inputWidth];
  const convOutputs: Array<[number, number, number]> = [];
  for (const conv of arch.convs) {
    h = Math.floor((h - conv.kernel) / conv.stride) + 1;
    w = Math.floor((w - conv.kernel) / conv.stride) + 1;
    if (h < 1 || w < 1) {
      throw new Error(`network input ${spec.inputHeight}x${spec.inputWidth} is too small for the ${spec.kind} network`);
    }
    convOutputs.push([h, w, conv.filters]);
  }
  return { convs: arch.convs, convOutputs, flatSize: h * w * arch.convs.at(-1)!.filters, hidden: arch.hidden };
}

export interface NamedVariable {
  readonly name: string;
  readonly variable: tf.Variable;
}

export interface DenseParams {
  readonly w: tf.Variable;
  readonly b: tf.Variable;
}

export interface ConvParams extends DenseParams {
  readonly stride: number;
}

/** The fully-connected part: one hidden layer and a Q head, or dueling value and advantage streams. */
export type Heads =
  | { readonly kind: 'plain'; readonly hidden: DenseParams; readonly q: DenseParams }
  | {
      readonly kind: 'dueling';
      readonly valueHidden: DenseParams;
      readonly value: DenseParams;
      readonly advantageHidden: DenseParams;
      readonly advantage: DenseParams;
    };

export interface QNetwork {
  readonly spec: NetworkSpec;
  readonly layout: NetworkLayout;
  readonly convs: readonly ConvParams[];
  readonly heads: Heads;
  /** Trainable parameters in a fixed order (names are stable across runs, for checkpoints). */
  readonly params: readonly NamedVariable[];
  /** x: [batch, height, width, channels] float in [0,1] → Q-values [batch, actions]. */
  apply(x: tf.Tensor4D): tf.Tensor2D;
  dispose(): void;
}

/**
 * Seeded initialisation in PyTorch's default scheme (uniform ±1/√fan_in for weights and biases), which is
 * what CleanRL's Nature network trains with; Keras's Glorot-uniform/zero-bias is used for the notebook's.
 */
export function createQNetwork(spec: NetworkSpec, rng: Rng, scope = 'online'): QNetwork {
  const layout = networkLayout(spec);
  const keras = spec.kind === 'notebook';
  const params: NamedVariable[] = [];
  const add = (name: string, shape: number[], fanIn: number, fanOut: number, isBias: boolean): tf.Variable => {
    const size = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    const limit = keras ? (isBias ? 0 : Math.sqrt(6 / (fanIn + fanOut))) : 1 / Math.sqrt(fanIn);
    for (let i = 0; i < size; i++) data[i] = (rng.float() * 2 - 1) * limit;
    const initial = tf.tensor(data, shape, 'float32');
    const variable = tf.variable(initial, true, `${scope}/${name}/${nextId++}`);
    initial.dispose();
    params.push({ name: `${scope}/${name}`, variable });
    return variable;
  };

  const convs: ConvParams[] = [];
  let inChannels = spec.channels;
  layout.convs.forEach((conv, i) => {
    const area = conv.kernel * conv.kernel;
    const fanIn = area * inChannels;
    const shape = [conv.kernel, conv.kernel, inChannels, conv.filters];
    const w = add(`conv${i + 1}/kernel`, shape, fanIn, area * conv.filters, false);
    const b = add(`conv${i + 1}/bias`, [conv.filters], fanIn, conv.filters, true);
    convs.push({ w, b, stride: conv.stride });
    inChannels = conv.filters;
  });
  const dense = (name: string, inSize: number, outSize: number): DenseParams => ({
    w: add(`${name}/kernel`, [inSize, outSize], inSize, outSize, false),
    b: add(`${name}/bias`, [outSize], inSize, outSize, true),
  });
  const { flatSize, hidden } = layout;
  const heads: Heads = spec.dueling
    ? {
        kind: 'dueling',
        valueHidden: dense('value_hidden', flatSize, hidden),
        value: dense('value', hidden, 1),
        advantageHidden: dense('advantage_hidden', flatSize, hidden),
        advantage: dense('advantage', hidden, spec.actions),
      }
    : { kind: 'plain', hidden: dense('hidden', flatSize, hidden), q: dense('q', hidden, spec.actions) };

  const network: QNetwork = {
    spec,
    layout,
    convs,
    heads,
    params,
    apply: (x) => tf.tidy(() => forward(network, x, null)),
    dispose() {
      for (const p of params) p.variable.dispose();
    },
  };
  return network;
}

let nextId = 0;

/**
 * Channels-first uint8 stacks as an NHWC float tensor in [0, 1]. On wasm the conversion writes straight
 * into the tensor's heap memory, saving a copy of the largest array in the update.
 */
export function stacksTensor(
  states: Uint8Array,
  batch: number,
  channels: number,
  height: number,
  width: number,
  scratch?: Float32Array,
): tf.Tensor4D {
  const shape = [batch, height, width, channels];
  const heap = activeWasmHeap();
  if (heap) {
    const { backend } = heap;
    const info = backend.makeOutput(shape, 'float32');
    if (!convertInHeap(backend, info, states, batch, channels, height * width)) {
      stacksToNhwc(states, batch, channels, height, width, backend.typedArrayFromHeap(info));
    }
    return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor4D;
  }
  return tf.tensor4d(stacksToNhwc(states, batch, channels, height, width, scratch), shape as never, 'float32');
}

/** The SIMD conversion (1 or 4 channels, planes a multiple of 4 pixels); false when it does not apply. */
function convertInHeap(
  backend: WasmHeapBackend,
  out: tf.TensorInfo,
  states: Uint8Array,
  batch: number,
  channels: number,
  plane: number,
): boolean {
  const memory = backend.wasm.asm?.memory;
  if (!memory || (channels !== 1 && channels !== 4) || plane % 4 !== 0) return false;
  const simd = stacksSimdFor(memory);
  if (!simd) return false;
  const source = backend.wasm._malloc(states.length);
  try {
    new Uint8Array(memory.buffer, source, states.length).set(states);
    const target = backend.getMemoryOffset(out.dataId);
    if (channels === 4) simd.stacks4(source, target, batch, plane);
    else simd.stacks1(source, target, states.length);
  } finally {
    backend.wasm._free(source);
  }
  return true;
}

/** Copies channels-first uint8 stacks [batch, C, H, W] into an NHWC float32 array scaled by 1/255. */
export function stacksToNhwc(
  states: Uint8Array,
  batch: number,
  channels: number,
  height: number,
  width: number,
  out: Float32Array = new Float32Array(batch * channels * height * width),
): Float32Array {
  const plane = height * width;
  const scale = 1 / 255;
  // Sequential writes, one read stream per channel plane (strided writes were ~3x slower).
  let dst = 0;
  for (let n = 0; n < batch; n++) {
    const base = n * channels * plane;
    if (channels === 4) {
      const [c0, c1, c2, c3] = [base, base + plane, base + 2 * plane, base + 3 * plane];
      for (let p = 0; p < plane; p++) {
        out[dst++] = states[c0 + p] * scale;
        out[dst++] = states[c1 + p] * scale;
        out[dst++] = states[c2 + p] * scale;
        out[dst++] = states[c3 + p] * scale;
      }
      continue;
    }
    for (let p = 0; p < plane; p++) {
      for (let c = 0; c < channels; c++) out[dst++] = states[base + c * plane + p] * scale;
    }
  }
  return out;
}
