import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { BackendError, initBackend } from '../../electron/agent/backend';

describe('initBackend', () => {
  it('picks the fastest available backend and reports what tf actually runs on', async () => {
    const info = await initBackend();
    expect(['tensorflow', 'wasm']).toContain(info.name);
    expect(tf.getBackend()).toBe(info.name);
    expect(info.tfjsVersion).toBe(tf.version.tfjs);
    if (info.name === 'wasm') expect(info.detail).toMatch(/^wasm \((no )?SIMD, \d+ threads?\)$/);
  });

  it('starts a named backend and registers the project kernels on it', async () => {
    const info = await initBackend('wasm');
    expect(info.name).toBe('wasm');
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(tf.getKernel('DqnAdamStep', 'wasm')).toBeDefined();
    expect((await initBackend('cpu')).detail).toBe('cpu (pure JS)');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('fails clearly when a named backend is missing, instead of falling back', async () => {
    const installed = await import(/* @vite-ignore */ '@tensorflow/tfjs-node' + '').then(
      () => true,
      () => false,
    );
    if (installed) return;
    await initBackend('wasm');
    await expect(initBackend('tensorflow')).rejects.toThrow(BackendError);
    await expect(initBackend('tensorflow')).rejects.toThrow(
      /backend 'tensorflow' is unavailable: .*tfjs-node is not installed/,
    );
    expect(tf.getBackend()).toBe('wasm');
    await expect(initBackend('webgpu' as never)).rejects.toThrow(/unknown backend 'webgpu'/);
  });
});
