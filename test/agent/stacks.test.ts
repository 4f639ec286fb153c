import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../electron/agent/backend';
import { stacksTensor, stacksToNhwc } from '../../electron/agent/networks';
import { Rng } from '../../shared/rng';

describe('observation stacks to NHWC tensors', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it.each([
    [3, 4, 90, 80],
    [2, 1, 84, 84],
    [2, 2, 6, 6],
    [1, 4, 5, 5],
  ])('batch %i, %i channels, %ix%i: channels-last, scaled by 1/255', (batch, channels, height, width) => {
    const rng = new Rng(batch * 100 + channels);
    const states = Uint8Array.from({ length: batch * channels * height * width }, () => rng.int(256));
    states[0] = 255;
    states[1] = 0;
    const x = stacksTensor(states, batch, channels, height, width);
    expect(x.shape).toEqual([batch, height, width, channels]);
    const actual = x.dataSync();
    x.dispose();
    const expected = stacksToNhwc(states, batch, channels, height, width);
    let simdError = 0;
    let jsMismatches = 0;
    for (let n = 0; n < batch; n++) {
      for (let c = 0; c < channels; c++) {
        for (let p = 0; p < height * width; p++) {
          const value = states[(n * channels + c) * height * width + p];
          const i = (n * height * width + p) * channels + c;
          simdError = Math.max(simdError, Math.abs(actual[i] - value / 255));
          if (expected[i] !== Math.fround(value / 255)) jsMismatches++;
        }
      }
    }
    expect(simdError).toBeLessThan(1e-7);
    expect(jsMismatches).toBe(0);
  });

  it('allocates no stray tensors', () => {
    const before = tf.memory().numTensors;
    stacksTensor(new Uint8Array(4 * 8 * 8), 1, 4, 8, 8).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
