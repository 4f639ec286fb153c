/**
 * Conv2DBackpropInput for the wasm backend, replacing its direct loop (≈60 ms for the Nature network's
 * second layer at batch 32). Two routes, both built on XNNPACK's forward convolution or GEMM:
 * - 'valid' padding with kernel sizes divisible by the strides (every DQN layer): in space-to-depth
 *   form (s×s pixel blocks as channels) the strided convolution is a stride-1 one with k/s taps, whose
 *   input gradient is a plain convolution of the zero-padded output gradient with the flipped filter;
 *   depth-to-space then gives dx. Stride 1 is the special case with no blocks.
 * - otherwise a matrix product and col2im:
 *     cols[n·oh·ow, (kh, kw, ci)] = dy[n·oh·ow, co] · Wᵀ[co, (kh, kw, ci)], scatter-added into dx.
 *   The small filter is transposed explicitly because wasm's transposed matmul path is slow.
 */
import { backend_util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import { callWasmKernel, disposeAll, type WasmBackendLike } from './wasm-call';

interface InputGradAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  inputShape: [number, number, number, number];
}

export function conv2dBackpropInputWasm(args: {
  inputs: { dy: TensorInfo; filter: TensorInfo };
  backend: WasmBackendLike;
  attrs: InputGradAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, filter } = inputs;
  if (attrs.dataFormat === 'NCHW') throw new Error('wasm Conv2DBackpropInput supports NHWC only');
  const info = backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  if (blockable(info)) return spaceToDepthRoute(dy, filter, info, backend);
  const { batchSize, outHeight, outWidth, inChannels, outChannels, filterHeight, filterWidth } = info;
  const k = filterHeight * filterWidth * inChannels;
  const rows = batchSize * outHeight * outWidth;
  const w2 = { ...filter, shape: [k, outChannels] };
  const wT = callWasmKernel('Transpose', { x: w2 }, backend, { perm: [1, 0] });
  const dy2 = { ...dy, shape: [1, rows, outChannels] };
  const wT3 = { ...wT, shape: [1, outChannels, k] };
  const cols = callWasmKernel('BatchMatMul', { a: dy2, b: wT3 }, backend, { transposeA: false, transposeB: false });
  const dx = backend.makeOutput([...attrs.inputShape], 'float32');
  col2im(backend.typedArrayFromHeap(cols), backend.typedArrayFromHeap(dx), info);
  disposeAll(backend, [wT, cols]);
  return dx;
}

/** True when the layer is a stride-1 convolution over s×s blocks ('valid', k divisible by s, no dilation). */
export function blockable(info: backend_util.Conv2DInfo): boolean {
  const { padInfo, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const noPad = padInfo.top === 0 && padInfo.left === 0 && padInfo.bottom === 0 && padInfo.right === 0;
  const dilated = info.dilationHeight !== 1 || info.dilationWidth !== 1;
  return noPad && !dilated && filterHeight % strideHeight === 0 && filterWidth % strideWidth === 0;
}

function spaceToDepthRoute(
  dy: TensorInfo,
  filter: TensorInfo,
  info: backend_util.Conv2DInfo,
  backend: WasmBackendLike,
): TensorInfo {
  const { strideHeight: sh, strideWidth: sw, filterHeight, filterWidth, inChannels: ci, outChannels: co } = info;
  const [th, tw] = [filterHeight / sh, filterWidth / sw];
  const blockChannels = sh * sw * ci;
  // F[ea, eb, co, (p, q, ci)] = W[(th−1−ea)·sh + p, (tw−1−eb)·sw + q, ci, co]: flipped taps, in/out swapped.
  const flipped = backend.makeOutput([th, tw, co, blockChannels], 'float32');
  const w = backend.typedArrayFromHeap(filter);
  const f = backend.typedArrayFromHeap(flipped);
  for (let ea = 0; ea < th; ea++) {
    for (let eb = 0; eb < tw; eb++) {
      for (let p = 0; p < sh; p++) {
        for (let q = 0; q < sw; q++) {
          const kh = (th - 1 - ea) * sh + p;
          const kw = (tw - 1 - eb) * sw + q;
          for (let c = 0; c < ci; c++) {
            const src = ((kh * filterWidth + kw) * ci + c) * co;
            const dst = (ea * tw + eb) * co * blockChannels + (p * sw + q) * ci + c;
            for (let o = 0; o < co; o++) f[dst + o * blockChannels] = w[src + o];
          }
        }
      }
    }
  }
  const temps: TensorInfo[] = [flipped];
  let padded = dy;
  if (th > 1 || tw > 1) {
    const paddings = [
      [0, 0],
      [th - 1, th - 1],
      [tw - 1, tw - 1],
      [0, 0],
    ];
    padded = callWasmKernel('PadV2', { x: dy }, backend, { paddings, constantValue: 0 });
    temps.push(padded);
  }
  const blocks = callWasmKernel('Conv2D', { x: padded, filter: flipped }, backend, {
    strides: [1, 1],
    pad: 'valid',
    dataFormat: 'NHWC',
    dilations: [1, 1],
  });
  const [, a, b] = blocks.shape;
  if (sh === 1 && sw === 1 && a === info.inHeight && b === info.inWidth) {
    disposeAll(backend, temps);
    return blocks;
  }
  temps.push(blocks);
  const dx = backend.makeOutput([info.batchSize, info.inHeight, info.inWidth, ci], 'float32');
  depthToSpace(backend.typedArrayFromHeap(blocks), backend.typedArrayFromHeap(dx), info, a, b);
  disposeAll(backend, temps);
  return dx;
}

/**
 * dx[n, a·sh + p, b·sw + q, ci] = blocks[n, a, b, (p, q, ci)]; rows and columns past the blocks stay 0.
 * Both arrays are views of the wasm heap.
 */
function depthToSpace(blocks: Float32Array, dx: Float32Array, info: backend_util.Conv2DInfo, a: number, b: number) {
  const { batchSize, inHeight, inWidth, inChannels: ci, strideHeight: sh, strideWidth: sw } = info;
  if (a * sh < inHeight || b * sw < inWidth) dx.fill(0);
  // Each (block, p) row of sw·ci values is contiguous on both sides: move it whole, within the one heap.
  const heap = new Float32Array(dx.buffer);
  const dst0 = dx.byteOffset / 4;
  const run = sw * ci;
  let src = blocks.byteOffset / 4;
  for (let n = 0; n < batchSize; n++) {
    for (let i = 0; i < a; i++) {
      for (let j = 0; j < b; j++) {
        for (let p = 0; p < sh; p++, src += run) {
          heap.copyWithin(dst0 + ((n * inHeight + i * sh + p) * inWidth + j * sw) * ci, src, src + run);
        }
      }
    }
  }
}

function col2im(cols: Float32Array, dx: Float32Array, info: backend_util.Conv2DInfo): void {
  const { batchSize, inHeight, inWidth, inChannels: ci, outHeight, outWidth, filterHeight, filterWidth } = info;
  const { strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  const k = filterHeight * filterWidth * ci;
  dx.fill(0);
  let row = 0;
  for (let n = 0; n < batchSize; n++) {
    const image = n * inHeight;
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++, row++) {
        const src0 = row * k;
        for (let kh = 0; kh < filterHeight; kh++) {
          const ih = oh * sh + kh - top;
          if (ih < 0 || ih >= inHeight) continue;
          for (let kw = 0; kw < filterWidth; kw++) {
            const iw = ow * sw + kw - left;
            if (iw < 0 || iw >= inWidth) continue;
            const dst = ((image + ih) * inWidth + iw) * ci;
            const src = src0 + (kh * filterWidth + kw) * ci;
            for (let c = 0; c < ci; c++) dx[dst + c] += cols[src + c];
          }
        }
      }
    }
  }
}

export const conv2dBackpropInputWasmConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropInput',
  backendName: 'wasm',
  kernelFunc: conv2dBackpropInputWasm as unknown as KernelFunc,
};
