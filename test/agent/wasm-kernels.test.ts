import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../electron/agent/backend';
import { Rng } from '../../shared/rng';

interface Case {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  stride: number | [number, number];
  pad: 'valid' | 'same';
}

const CASES: Case[] = [
  { x: [6, 90, 80, 4], filter: [8, 8, 4, 16], stride: 4, pad: 'valid' }, // notebook conv1
  { x: [8, 21, 19, 16], filter: [4, 4, 16, 16], stride: 2, pad: 'valid' }, // notebook conv2
  { x: [4, 84, 84, 4], filter: [8, 8, 4, 32], stride: 4, pad: 'valid' }, // nature conv1
  { x: [32, 20, 20, 32], filter: [4, 4, 32, 64], stride: 2, pad: 'valid' }, // nature conv2 (large: dilated route)
  { x: [4, 9, 9, 64], filter: [3, 3, 64, 64], stride: 1, pad: 'valid' }, // nature conv3
  { x: [3, 11, 13, 2], filter: [3, 5, 2, 3], stride: [2, 3], pad: 'valid' },
  { x: [2, 10, 9, 3], filter: [4, 3, 3, 5], stride: 2, pad: 'same' },
  { x: [1, 7, 7, 1], filter: [7, 7, 1, 2], stride: 1, pad: 'valid' },
];

const random = (shape: number[], rng: Rng) =>
  Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.float() * 2 - 1);

function outShape(c: Case): [number, number, number, number] {
  const [sh, sw] = typeof c.stride === 'number' ? [c.stride, c.stride] : c.stride;
  const size = (n: number, k: number, s: number) => (c.pad === 'same' ? Math.ceil(n / s) : Math.floor((n - k) / s) + 1);
  return [c.x[0], size(c.x[1], c.filter[0], sh), size(c.x[2], c.filter[1], sw), c.filter[3]];
}

async function onBackend(name: 'wasm' | 'cpu', run: () => tf.Tensor): Promise<Float32Array> {
  await tf.setBackend(name);
  return tf.tidy(run).data() as Promise<Float32Array>;
}

/** Largest difference relative to the largest magnitude of the reference. */
function relativeError(actual: Float32Array, expected: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return diff / scale;
}

describe('wasm convolution gradient kernels', () => {
  beforeAll(async () => {
    await initBackend('wasm');
    await initBackend('cpu');
  });

  it.each(CASES)('Conv2DBackpropFilter matches the cpu backend: x %j', async (c) => {
    const rng = new Rng(c.x[1] * 31 + c.filter[0]);
    const x = random(c.x, rng);
    const dy = random(outShape(c), rng);
    const attrs = { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', filterShape: c.filter };
    const run = () =>
      tf
        .engine()
        .runKernel(
          'Conv2DBackpropFilter',
          { x: tf.tensor(x, c.x), dy: tf.tensor(dy, outShape(c)) },
          attrs as never,
        ) as tf.Tensor;
    const wasm = await onBackend('wasm', run);
    const cpu = await onBackend('cpu', run);
    expect(wasm.length).toBe(c.filter.reduce((a, b) => a * b, 1));
    expect(relativeError(wasm, cpu)).toBeLessThan(1e-5);
  });

  it.each(CASES)('Conv2DBackpropInput matches the cpu backend: x %j', async (c) => {
    const rng = new Rng(c.x[2] * 17 + c.filter[1]);
    const filter = random(c.filter, rng);
    const dy = random(outShape(c), rng);
    const attrs = { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x };
    const run = () =>
      tf
        .engine()
        .runKernel(
          'Conv2DBackpropInput',
          { dy: tf.tensor(dy, outShape(c)), filter: tf.tensor(filter, c.filter) },
          attrs as never,
        ) as tf.Tensor;
    const wasm = await onBackend('wasm', run);
    const cpu = await onBackend('cpu', run);
    expect(wasm.length).toBe(c.x.reduce((a, b) => a * b, 1));
    expect(relativeError(wasm, cpu)).toBeLessThan(1e-5);
  });

  it('gives tf.grad of a strided conv the same filter gradient as the cpu backend', async () => {
    const rng = new Rng(7);
    const x = random([2, 12, 12, 3], rng);
    const w = random([4, 4, 3, 5], rng);
    const run = () =>
      tf.grad((f: tf.Tensor) =>
        tf.sum(tf.square(tf.conv2d(tf.tensor4d(x, [2, 12, 12, 3]), f as tf.Tensor4D, 2, 'valid'))),
      )(tf.tensor4d(w, [4, 4, 3, 5]));
    const wasm = await onBackend('wasm', run);
    const cpu = await onBackend('cpu', run);
    expect(relativeError(wasm, cpu)).toBeLessThan(1e-5);
  });
});
