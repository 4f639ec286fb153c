/**
 * The Q-networks as plain variables and fused ops (no tf.layers): the notebook's small network and the
 * Nature 2015 network, either on any input size, optionally dueling. Inputs are NHWC float tensors
 * (wasm's convolutions are channels-last); the agent converts the channels-first uint8 stacks once.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../shared/rng';
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

export interface QNetwork {
  readonly spec: NetworkSpec;
  readonly layout: NetworkLayout;
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
    const variable = tf.variable(tf.tensor(data, shape, 'float32'), true, `${scope}/${name}/${nextId++}`);
    params.push({ name: `${scope}/${name}`, variable });
    return variable;
  };

  const convs: Array<{ w: tf.Variable; b: tf.Variable; stride: number }> = [];
  let inChannels = spec.channels;
  layout.convs.forEach((conv, i) => {
    const area = conv.kernel * conv.kernel;
    const fanIn = area * inChannels;
    const w = add(
      `conv${i + 1}/kernel`,
      [conv.kernel, conv.kernel, inChannels, conv.filters],
      fanIn,
      area * conv.filters,
      false,
    );
    const b = add(`conv${i + 1}/bias`, [conv.filters], fanIn, conv.filters, true);
    convs.push({ w, b, stride: conv.stride });
    inChannels = conv.filters;
  });
  const dense = (name: string, inSize: number, outSize: number) => ({
    w: add(`${name}/kernel`, [inSize, outSize], inSize, outSize, false),
    b: add(`${name}/bias`, [outSize], inSize, outSize, true),
  });
  type Dense = { w: tf.Variable; b: tf.Variable };
  const heads: Partial<Record<'hidden' | 'q' | 'valueHidden' | 'value' | 'advantageHidden' | 'advantage', Dense>> =
    spec.dueling
      ? {
          valueHidden: dense('value_hidden', layout.flatSize, layout.hidden),
          value: dense('value', layout.hidden, 1),
          advantageHidden: dense('advantage_hidden', layout.flatSize, layout.hidden),
          advantage: dense('advantage', layout.hidden, spec.actions),
        }
      : { hidden: dense('hidden', layout.flatSize, layout.hidden), q: dense('q', layout.hidden, spec.actions) };

  const fc = (x: tf.Tensor2D, layer: { w: tf.Variable; b: tf.Variable }, relu: boolean): tf.Tensor2D =>
    tf.fused.matMul({
      a: x,
      b: layer.w as tf.Tensor2D,
      bias: layer.b,
      activation: relu ? 'relu' : 'linear',
    }) as tf.Tensor2D;

  return {
    spec,
    layout,
    params,
    apply(x) {
      return tf.tidy((): tf.Tensor2D => {
        let h: tf.Tensor4D = x;
        for (const conv of convs) {
          h = tf.fused.conv2d({
            x: h,
            filter: conv.w as tf.Tensor4D,
            bias: conv.b,
            strides: conv.stride,
            pad: 'valid',
            activation: 'relu',
          });
        }
        const flat = tf.reshape(h, [h.shape[0], layout.flatSize]) as tf.Tensor2D;
        if (!spec.dueling) return fc(fc(flat, heads.hidden!, true), heads.q!, false);
        const value = fc(fc(flat, heads.valueHidden!, true), heads.value!, false);
        const advantage = fc(fc(flat, heads.advantageHidden!, true), heads.advantage!, false);
        return tf.add(value, tf.sub(advantage, tf.mean(advantage, 1, true))) as tf.Tensor2D;
      });
    },
    dispose() {
      for (const p of params) p.variable.dispose();
    },
  };
}

let nextId = 0;

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
  for (let n = 0; n < batch; n++) {
    const base = n * channels * plane;
    for (let c = 0; c < channels; c++) {
      const src = base + c * plane;
      let dst = base + c;
      for (let p = 0; p < plane; p++, dst += channels) out[dst] = states[src + p] * scale;
    }
  }
  return out;
}
