/**
 * The first convolution's filter gradient straight from the uint8 stacks. That layer dominates the
 * notebook network's update; its generic kernel transposes the float input and runs a dilated
 * convolution that also computes discarded outputs (90 rows feed 88). Here one SIMD pass gathers the
 * raw bytes into the block layout [(p, q, c), a, b, n] (s×s pixel blocks as channels, the batch last),
 * after which the gradient is a plain stride-1 convolution with the output gradient as the filter.
 */
import * as tf from '@tensorflow/tfjs';
import { blocksSimdFor } from './kernels/simd/simd-modules';
import { activeWasmHeap } from './kernels/wasm-call';
import type { ConvParams, QNetwork } from './networks';

/** The first layer's input in block layout, or null where that route does not apply (then: generic). */
export function firstLayerBlocks(net: QNetwork, states: Uint8Array, batch: number): tf.Tensor4D | null {
  const heap = activeWasmHeap();
  const conv = net.layout.convs[0];
  const { channels, inputHeight: h, inputWidth: w } = net.spec;
  if (!heap || conv.stride === 1 || conv.kernel % conv.stride !== 0) return null;
  const simd = blocksSimdFor(heap.memory);
  if (!simd) return null;
  const [outHeight, outWidth] = net.layout.convOutputs[0];
  const taps = conv.kernel / conv.stride;
  const [a, b] = [outHeight - 1 + taps, outWidth - 1 + taps];
  const s = conv.stride;
  const { backend } = heap;
  const info = backend.makeOutput([s * s * channels, a, b, batch], 'float32');
  const source = backend.wasm._malloc(states.length);
  try {
    new Uint8Array(heap.memory.buffer, source, states.length).set(states);
    simd(source, backend.getMemoryOffset(info.dataId), batch, channels, h, w, s, s, a, b);
  } finally {
    backend.wasm._free(source);
  }
  return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor4D;
}

/** dW[kh, kw, c, co] of the first layer from its block-layout input and its pre-activation gradient. */
export function firstLayerFilterGrad(blocks: tf.Tensor4D, dz: tf.Tensor4D, layer: ConvParams): tf.Tensor4D {
  const [k, , c, co] = layer.w.shape;
  const s = layer.stride;
  const taps = k / s;
  const dzT = tf.transpose(dz, [1, 2, 0, 3]) as tf.Tensor4D;
  // [(p, q, c), ta, tb, co]; reordering these few thousand values to [ta·s + p, tb·s + q, c, co] here.
  const t = tf.conv2d(blocks, dzT, 1, 'valid').dataSync();
  const w = new Float32Array(t.length);
  for (let p = 0; p < s; p++) {
    for (let q = 0; q < s; q++) {
      for (let ch = 0; ch < c; ch++) {
        const plane = (p * s + q) * c + ch;
        for (let ta = 0; ta < taps; ta++) {
          for (let tb = 0; tb < taps; tb++) {
            const from = ((plane * taps + ta) * taps + tb) * co;
            w.set(t.subarray(from, from + co), (((ta * s + p) * k + tb * s + q) * c + ch) * co);
          }
        }
      }
    }
  }
  return tf.tensor4d(w, [k, k, c, co]);
}
