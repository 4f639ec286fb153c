import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NATURE_PRESET } from '../../shared/run-config';
import type { MetricRecord } from '../../shared/metrics';
import { createMemoryRunStore } from '../../electron/runs/memory-run-store';
import { createRunStore } from '../../electron/runs/run-store';
import type { CheckpointInput, NewRunMeta, RunStore } from '../../electron/runs/types';

const tmp = mkdtempSync(join(tmpdir(), 'dqn-store-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const META: NewRunMeta = {
  gameId: 'space_invaders',
  preset: 'nature',
  romMd5: '72ffbef6504b75e69ee1045af9075f66',
  backend: 'wasm',
  versions: { app: '0.1.0' },
  seed: 1,
  frameBudget: 1000,
};
const episode = (n: number): MetricRecord => ({ kind: 'episode', frames: n * 10, steps: n, wallTime: n, episode: n, return: n, length: 10 });
const checkpoint = (step: number): CheckpointInput => ({
  step,
  frames: step * 4,
  loop: { step, nested: { ok: true } },
  agent: { tensors: [{ name: 'w', shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, step]) }, { name: 'b', shape: [1], data: Float32Array.from([0.5]) }], optimizerStep: step },
  env: Uint8Array.from([1, 2, 3, step & 255]),
  replay: Uint8Array.from([9, 9]),
});

describe.each([
  ['disk', () => createRunStore(join(tmp, `r${Math.random().toString(36).slice(2)}`))],
  ['memory', () => createMemoryRunStore()],
] as const)('%s run store', (_kind, make) => {
  it('creates, lists, renames and round-trips checkpoints', async () => {
    const store: RunStore = make();
    const meta = await store.create({ config: NATURE_PRESET, meta: META, name: 'first' });
    expect(meta).toMatchObject({ status: 'starting', frames: 0, name: 'first', romMd5: META.romMd5 });
    const second = await store.create({ config: NATURE_PRESET, meta: META });
    expect(second.id).not.toBe(meta.id);
    expect((await store.list()).map((r) => r.id).sort()).toEqual([meta.id, second.id].sort());
    expect((await store.rename(meta.id, '  renamed ')).name).toBe('renamed');
    await expect(store.rename(meta.id, '   ')).rejects.toThrow(/1 to 120/);
    expect((await store.get(meta.id)).config).toEqual(NATURE_PRESET);

    await store.appendMetrics(meta.id, [episode(1), episode(2)]);
    await store.saveCheckpoint(meta.id, checkpoint(100));
    await store.appendMetrics(meta.id, [episode(3)]);
    await store.appendEpisodes(meta.id, [{ index: 0, seed: 5, frames: 10, score: 3, actions: [0, 1] }]);
    const c = await store.latestCheckpoint(meta.id);
    expect(c!.step).toBe(100);
    expect(c!.loop).toEqual({ step: 100, nested: { ok: true } });
    expect([...c!.agent.tensors[0].data]).toEqual([1, 2, 3, 4, 5, 100]);
    expect(c!.agent.tensors[1]).toMatchObject({ name: 'b', shape: [1] });
    expect([...c!.env]).toEqual([1, 2, 3, 100]);
    expect([...c!.replay!]).toEqual([9, 9]);
    // Resuming cuts what came after the checkpoint.
    await store.rewindLogs(meta.id, c!.logs);
    expect((await store.metrics(meta.id)).map((m) => (m as { episode: number }).episode)).toEqual([1, 2]);
    expect(await store.episodes(meta.id)).toEqual([]);

    for (const step of [200, 300, 400]) await store.saveCheckpoint(meta.id, checkpoint(step));
    expect((await store.latestCheckpoint(meta.id))!.step).toBe(400);
    await expect(store.readMeta('nope')).rejects.toThrow(/does not exist/);
  });
});

describe('disk run store: crash safety and damage', () => {
  it('keeps two checkpoints, leaves no temp files, and ignores a torn metrics line', async () => {
    const root = join(tmp, 'crash');
    const store = createRunStore(root);
    const { id } = await store.create({ config: NATURE_PRESET, meta: META });
    for (const step of [1, 2, 3]) await store.saveCheckpoint(id, checkpoint(step));
    expect(readdirSync(join(root, id, 'checkpoints')).sort()).toEqual(['2', '3']);
    expect(readdirSync(join(root, '.staging'))).toEqual([]);
    expect(readdirSync(join(root, id)).filter((f) => f.includes('.tmp'))).toEqual([]);
    await store.appendMetrics(id, [episode(1)]);
    const { logs } = (await store.saveCheckpoint(id, checkpoint(4)));
    appendFileSync(join(root, id, 'metrics.jsonl'), '{"kind":"episode","fra');
    expect(await store.metrics(id)).toEqual([episode(1)]);
    await store.rewindLogs(id, logs);
    await store.appendMetrics(id, [episode(2)]);
    expect(await store.metrics(id)).toEqual([episode(1), episode(2)]);
  });

  it('reports damaged runs clearly and falls back past a damaged checkpoint', async () => {
    const root = join(tmp, 'damage');
    const store = createRunStore(root);
    const a = await store.create({ config: NATURE_PRESET, meta: META });
    const b = await store.create({ config: NATURE_PRESET, meta: { ...META, gameId: 'pong' } });
    writeFileSync(join(root, a.id, 'meta.json'), '{ not json');
    const list = await store.list();
    expect(list.find((r) => r.id === a.id)!.damaged).toMatch(/meta\.json is not valid JSON/);
    expect(list.find((r) => r.id === b.id)!.damaged).toBeUndefined();
    await expect(store.get(a.id)).rejects.toMatchObject({ code: 'run-damaged' });

    writeFileSync(join(root, b.id, 'config.json'), JSON.stringify({ ...NATURE_PRESET, gamma: 7 }));
    await expect(store.readConfig(b.id)).rejects.toThrow(/config\.json gamma: must be at least 0/);

    await store.saveCheckpoint(b.id, checkpoint(10));
    await store.saveCheckpoint(b.id, checkpoint(20));
    rmSync(join(root, b.id, 'checkpoints', '20', 'weights.bin'));
    expect((await store.latestCheckpoint(b.id))!.step).toBe(10);
    writeFileSync(join(root, b.id, 'checkpoints', '10', 'state.json'), '{');
    await expect(store.latestCheckpoint(b.id)).rejects.toThrow(/checkpoint 20 is damaged: weights\.bin is missing/);

    appendFileSync(join(root, b.id, 'metrics.jsonl'), 'garbage\n{"kind":"episode"}\n');
    await expect(store.metrics(b.id)).rejects.toThrow(/metrics\.jsonl line 1 is damaged/);
    expect(existsSync(join(root, '.staging'))).toBe(true);
    expect((await store.list()).some((r) => r.id.startsWith('.'))).toBe(false);
  });
});
