import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MetricRecord } from '../../shared/metrics';
import { createMemoryRunStore } from '../../electron/runs/memory-run-store';
import { createRunStore } from '../../electron/runs/run-store';
import type { RunStore } from '../../electron/runs/types';
import { syntheticDeps } from '../../electron/trainer/deps';
import { InProcessTrainerHost } from '../../electron/trainer/in-process-host';

const strip = (records: MetricRecord[]) =>
  records.map((r) => {
    const { wallTime: _w, ...rest } = r as MetricRecord & { fps?: number };
    if ('fps' in rest) delete (rest as { fps?: number }).fps;
    return rest;
  });

const tmp = mkdtempSync(join(tmpdir(), 'dqn-resume-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function train(store: RunStore, preset: string, overrides: Record<string, unknown>, stopAfterFrames?: number) {
  const host = new InProcessTrainerHost(await syntheticDeps({ store }));
  let stopping = false;
  host.on('metrics', (records) => {
    if (stopAfterFrames !== undefined && !stopping && records.some((r) => r.frames >= stopAfterFrames)) {
      stopping = true;
      void host.stop();
    }
  });
  const status = await host.start({ gameId: 'synthetic', preset, overrides, seed: 7 });
  await host.whenIdle();
  return { host, runId: status.runId! };
}

const REPLAY = {
  totalFrames: 8_000,
  replayCapacity: 1_000,
  learningStarts: 200,
  explorationSteps: 1_000,
  targetUpdateEvery: 100,
  evalEvery: 3_000,
  evalEpisodes: 2,
  checkpointEvery: 1_500,
  checkpointReplay: true,
  logEvery: 50,
  maxEpisodeFrames: 2_000,
};

describe.each([
  ['memory', () => createMemoryRunStore()],
  ['disk', () => createRunStore(join(tmp, `runs-${Math.random().toString(36).slice(2)}`))],
])('%s store: an interrupted and resumed run equals an uninterrupted one', (_label, makeStore) => {
  it('nature-style replay loop (replay saved in checkpoints)', async () => {
    const store = makeStore();
    const whole = await train(store, 'nature', REPLAY);
    const wholeMetrics = await store.metrics(whole.runId);
    expect(wholeMetrics.filter((m) => m.kind === 'train').length).toBeGreaterThan(10);
    expect(wholeMetrics.filter((m) => m.kind === 'eval').length).toBe(3);
    expect(wholeMetrics.filter((m) => m.kind === 'episode').length).toBeGreaterThan(3);

    const part = await train(store, 'nature', REPLAY, 4_000);
    expect((await store.readMeta(part.runId)).status).toBe('stopped');
    const ckpt = await store.latestCheckpoint(part.runId);
    expect(ckpt!.frames).toBeGreaterThanOrEqual(4_000);
    expect(ckpt!.frames).toBeLessThan(REPLAY.totalFrames);
    const host = new InProcessTrainerHost(await syntheticDeps({ store }));
    await host.resumeRun(part.runId);
    await host.whenIdle();
    expect((await store.readMeta(part.runId)).status).toBe('finished');
    expect(strip(await store.metrics(part.runId))).toEqual(strip(wholeMetrics));
    expect(await store.episodes(part.runId)).toEqual(await store.episodes(whole.runId));
  });

  it('notebook loop (resumes from the last iteration boundary)', async () => {
    const store = makeStore();
    const cfg = {
      totalFrames: 9_000,
      stepsPerIteration: 600,
      dropFirst: 44,
      checkpointEvery: 1,
      evalEvery: 3_000,
      evalEpisodes: 1,
    };
    const whole = await train(store, 'notebook', cfg);
    const wholeMetrics = await store.metrics(whole.runId);
    expect(wholeMetrics.filter((m) => m.kind === 'train').length).toBeGreaterThan(3);
    const part = await train(store, 'notebook', cfg, 4_000);
    const ckpt = await store.latestCheckpoint(part.runId);
    expect(ckpt!.frames).toBeGreaterThan(0);
    expect(ckpt!.frames).toBeLessThan(cfg.totalFrames);
    const host = new InProcessTrainerHost(await syntheticDeps({ store }));
    await host.resumeRun(part.runId);
    await host.whenIdle();
    expect(strip(await store.metrics(part.runId))).toEqual(strip(wholeMetrics));
    expect(await store.episodes(part.runId)).toEqual(await store.episodes(whole.runId));
  });
});

describe('resume without a saved replay memory', () => {
  it('continues the episode, re-runs the warm-up and finishes', async () => {
    const store = createMemoryRunStore();
    const cfg = { ...REPLAY, checkpointReplay: false, totalFrames: 8_000 };
    const part = await train(store, 'nature', cfg, 3_000);
    const ckpt = await store.latestCheckpoint(part.runId);
    expect(ckpt!.replay).toBeUndefined();
    const host = new InProcessTrainerHost(await syntheticDeps({ store }));
    await host.resumeRun(part.runId);
    await host.whenIdle();
    const meta = await store.readMeta(part.runId);
    expect(meta.status).toBe('finished');
    expect(meta.frames).toBeGreaterThanOrEqual(8_000);
    const steps = (await store.metrics(part.runId)).map((m) => m.steps);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
  });
});
