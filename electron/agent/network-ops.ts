/**
 * Forward and hand-written backward passes of the Q-networks. Training does not go through tf's tape:
 * the tape would unfuse conv+bias+ReLU, route dense gradients through wasm's slow transposed matmul,
 * and compute gradients one small op at a time. Here every layer's activations are kept from the
 * forward pass and the gradients use the layouts wasm is fast at (explicit small transposes, the large
 * matrix on the left of each product). Call inside tf.tidy.
 */
import * as tf from '@tensorflow/tfjs';
import { firstLayerFilterGrad } from './first-layer';
import type { ConvParams, DenseParams, QNetwork } from './networks';

/** Inputs and (post-ReLU) outputs of every layer, for backward. */
export interface ForwardCache {
  readonly x: tf.Tensor4D;
  /** The first layer's input in block layout (first-layer.ts), when available. */
  readonly xBlocks: tf.Tensor4D | null;
  readonly convOut: tf.Tensor4D[];
  readonly flat: tf.Tensor2D;
  readonly hidden: tf.Tensor2D[];
}

function conv(x: tf.Tensor4D, layer: ConvParams): tf.Tensor4D {
  return tf.fused.conv2d({
    x,
    filter: layer.w as tf.Tensor4D,
    bias: layer.b,
    strides: layer.stride,
    pad: 'valid',
    activation: 'relu',
  });
}

/**
 * Weights at least this large are used as the left operand when they are fresh (just updated): wasm's
 * matmul repacks its right operand whenever that tensor is new, which costs more than a transpose
 * (Nature's 3136x512 layer: ≈12 ms packed vs ≈8 ms transposed). Unchanged weights (a target network,
 * or the same step's second pass) stay on the fused path, whose packing is cached.
 */
const FRESH_WEIGHT_LIMIT = 262_144;

function dense(x: tf.Tensor2D, layer: DenseParams, relu: boolean, fresh: boolean): tf.Tensor2D {
  const activation = relu ? 'relu' : 'linear';
  if (!fresh || layer.w.size < FRESH_WEIGHT_LIMIT) {
    return tf.fused.matMul({ a: x, b: layer.w as tf.Tensor2D, bias: layer.b, activation }) as tf.Tensor2D;
  }
  const z = tf.add(tf.transpose(tf.matMul(tf.transpose(layer.w), tf.transpose(x))), layer.b) as tf.Tensor2D;
  return relu ? tf.relu(z) : z;
}

/**
 * Q-values [batch, actions]; fills `cache` when given (training). `fresh`: the weights changed since
 * their last forward pass (see FRESH_WEIGHT_LIMIT).
 */
export function forward(net: QNetwork, x: tf.Tensor4D, cache: ForwardCache | null, fresh = false): tf.Tensor2D {
  let h = x;
  for (const layer of net.convs) {
    h = conv(h, layer);
    cache?.convOut.push(h);
  }
  const flat = tf.reshape(h, [h.shape[0], net.layout.flatSize]) as tf.Tensor2D;
  if (cache) (cache as { flat: tf.Tensor2D }).flat = flat;
  const { heads } = net;
  if (heads.kind === 'plain') {
    const hidden = dense(flat, heads.hidden, true, fresh);
    cache?.hidden.push(hidden);
    return dense(hidden, heads.q, false, fresh);
  }
  const valueHidden = dense(flat, heads.valueHidden, true, fresh);
  const advantageHidden = dense(flat, heads.advantageHidden, true, fresh);
  cache?.hidden.push(valueHidden, advantageHidden);
  const value = dense(valueHidden, heads.value, false, fresh);
  const advantage = dense(advantageHidden, heads.advantage, false, fresh);
  return tf.add(value, tf.sub(advantage, tf.mean(advantage, 1, true))) as tf.Tensor2D;
}

export function forwardTrain(
  net: QNetwork,
  x: tf.Tensor4D,
  fresh = true,
  xBlocks: tf.Tensor4D | null = null,
): { q: tf.Tensor2D; cache: ForwardCache } {
  const cache: ForwardCache = { x, xBlocks, convOut: [], flat: null as unknown as tf.Tensor2D, hidden: [] };
  const q = forward(net, x, cache, fresh);
  return { q, cache };
}

/** Gradients of Σ dq·Q with respect to net.params, in that order. */
export function backward(net: QNetwork, cache: ForwardCache, dq: tf.Tensor2D): tf.Tensor[] {
  const grads = new Map<tf.Variable, tf.Tensor>();
  const { heads } = net;
  let dFlat: tf.Tensor2D;
  if (heads.kind === 'plain') {
    const [hidden] = cache.hidden;
    const dHidden = denseBackward(hidden, null, heads.q, dq, grads, true)!;
    dFlat = denseBackward(cache.flat, hidden, heads.hidden, dHidden, grads, true)!;
  } else {
    const [valueHidden, advantageHidden] = cache.hidden;
    // Q = V + A − mean(A): dV = Σ_a dQ, dA = dQ − mean_a(dQ).
    const dValue = tf.sum(dq, 1, true) as tf.Tensor2D;
    const dAdvantage = tf.sub(dq, tf.mean(dq, 1, true)) as tf.Tensor2D;
    const dvh = denseBackward(valueHidden, null, heads.value, dValue, grads, true)!;
    const dah = denseBackward(advantageHidden, null, heads.advantage, dAdvantage, grads, true)!;
    const dFromValue = denseBackward(cache.flat, valueHidden, heads.valueHidden, dvh, grads, true)!;
    const dFromAdvantage = denseBackward(cache.flat, advantageHidden, heads.advantageHidden, dah, grads, true)!;
    dFlat = tf.add(dFromValue, dFromAdvantage) as tf.Tensor2D;
  }
  let dOut = tf.reshape(dFlat, cache.convOut[cache.convOut.length - 1].shape) as tf.Tensor4D;
  for (let i = net.convs.length - 1; i >= 0; i--) {
    const input = i === 0 ? cache.x : cache.convOut[i - 1];
    const blocks = i === 0 ? cache.xBlocks : null;
    const dIn = convBackward(input, cache.convOut[i], net.convs[i], dOut, grads, i > 0, blocks);
    if (dIn) dOut = dIn;
  }
  return net.params.map((p) => {
    const g = grads.get(p.variable);
    if (!g) throw new Error(`no gradient for ${p.name}`);
    return g;
  });
}

/**
 * One dense layer's gradients. `output` is the post-ReLU output when the layer has a ReLU, else null.
 * Returns the input gradient when asked.
 */
function denseBackward(
  input: tf.Tensor2D,
  output: tf.Tensor2D | null,
  layer: DenseParams,
  dOut: tf.Tensor2D,
  grads: Map<tf.Variable, tf.Tensor>,
  needInput: boolean,
): tf.Tensor2D | null {
  const dz = output ? (tf.mul(dOut, tf.step(output)) as tf.Tensor2D) : dOut;
  grads.set(layer.w, tf.matMul(tf.transpose(input), dz));
  grads.set(layer.b, tf.sum(dz, 0));
  if (!needInput) return null;
  // dIn = dz·Wᵀ, computed as (W·dzᵀ)ᵀ so the big weight matrix is not transposed or repacked.
  return tf.transpose(tf.matMul(layer.w as tf.Tensor2D, tf.transpose(dz)));
}

function convBackward(
  input: tf.Tensor4D,
  output: tf.Tensor4D,
  layer: ConvParams,
  dOut: tf.Tensor4D,
  grads: Map<tf.Variable, tf.Tensor>,
  needInput: boolean,
  blocks: tf.Tensor4D | null,
): tf.Tensor4D | null {
  const dz = tf.mul(dOut, tf.step(output)) as tf.Tensor4D;
  const common = { strides: layer.stride, pad: 'valid', dataFormat: 'NHWC' };
  const filterShape = layer.w.shape;
  const attrs = { ...common, filterShape } as never;
  const dw = blocks
    ? firstLayerFilterGrad(blocks, dz, layer)
    : (tf.engine().runKernel('Conv2DBackpropFilter', { x: input, dy: dz }, attrs) as tf.Tensor);
  grads.set(layer.w, dw);
  const channels = dz.shape[3];
  grads.set(layer.b, tf.sum(tf.reshape(dz, [-1, channels]), 0));
  if (!needInput) return null;
  const inputAttrs = { ...common, inputShape: input.shape } as never;
  return tf.engine().runKernel('Conv2DBackpropInput', { dy: dz, filter: layer.w }, inputAttrs) as tf.Tensor4D;
}
