import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NATURE_PRESET } from '../../shared/run-config';
import { readPolicyWeights } from '../../electron/runs/policy-weights';
import { createRunStore } from '../../electron/runs/run-store';
import type { CheckpointInput, NewRunMeta } from '../../electron/runs/types';

const root = mkdtempSync(join(tmpdir(), 'dqn-policy-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const META: NewRunMeta = {
  gameId: 'breakout',
  preset: 'nature',
  romMd5: 'f34f08e5eb96e500e851a80be3277a56',
  backend: 'wasm',
  versions: { app: '0.1.0' },
  seed: 1,
  frameBudget: 1000,
};
const tensor = (name: string, values: number[]) => ({ name, shape: [values.length], data: Float32Array.from(values) });
const checkpoint = (step: number): CheckpointInput => ({
  step,
  frames: step * 4,
  loop: {},
  agent: {
    tensors: [
      tensor('online/conv1/w', [1, 2, step]),
      tensor('target/conv1/w', [7, 7, 7]),
      tensor('adam/m/online/conv1/w', [8, 8, 8]),
      tensor('online/head/b', [0.25]),
    ],
    optimizerStep: step,
  },
  env: Uint8Array.from([1]),
  replay: new Uint8Array(1000),
});
const floats = (bytes: Uint8Array): number[] => [...new Float32Array(new Uint8Array(bytes).buffer)];

describe('policy weights of a checkpoint', () => {
  it('reads only the online network of the newest checkpoint', async () => {
    const store = createRunStore(root);
    const { id } = await store.create({ config: NATURE_PRESET, meta: META });
    await store.saveCheckpoint(id, checkpoint(10));
    await store.saveCheckpoint(id, checkpoint(20));
    const policy = await readPolicyWeights(join(root, id), id);
    expect(policy.step).toBe(20);
    expect(policy.frames).toBe(80);
    expect(policy.tensors.map((t) => t.name)).toEqual(['online/conv1/w', 'online/head/b']);
    expect(floats(policy.tensors[0].data)).toEqual([1, 2, 20]);
    expect(policy.tensors[1].shape).toEqual([1]);
  });

  it('falls back past a damaged newest checkpoint, and says when there is none', async () => {
    const store = createRunStore(root);
    const { id } = await store.create({ config: NATURE_PRESET, meta: META });
    await expect(readPolicyWeights(join(root, id), id)).rejects.toThrow(/no checkpoint yet/);
    await store.saveCheckpoint(id, checkpoint(10));
    await store.saveCheckpoint(id, checkpoint(20));
    writeFileSync(join(root, id, 'checkpoints', '20', 'weights.bin'), new Uint8Array(3));
    expect((await readPolicyWeights(join(root, id), id)).step).toBe(10);
    writeFileSync(join(root, id, 'checkpoints', '10', 'state.json'), '{"torn');
    await expect(readPolicyWeights(join(root, id), id)).rejects.toThrow(/checkpoint 20.*torn length/);
  });
});
