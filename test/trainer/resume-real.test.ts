/** The same resume-equality check with the real ALE env and the TensorFlow.js agent (small budget). */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryRunStore } from '../../electron/runs/memory-run-store';
import type { RunStore } from '../../electron/runs/types';
import { loadRealDeps } from '../../electron/trainer/deps';
import { InProcessTrainerHost } from '../../electron/trainer/in-process-host';
import type { MetricRecord } from '../../shared/metrics';

const romDir = process.env.ALE_ROMS_DIR ?? resolve(__dirname, '../../../shared/roms');
const romPath = join(romDir, 'space_invaders.bin');
const haveRom = existsSync(romPath);
if (!haveRom) console.warn(`resume-real: skipped, no ROM at ${romPath} (set ALE_ROMS_DIR)`);

const strip = (records: MetricRecord[]) => records.map(({ wallTime: _w, ...r }) => ({ ...r, fps: undefined }));
const CONFIG = {
  totalFrames: 2_400,
  replayCapacity: 1_000,
  learningStarts: 100,
  explorationSteps: 400,
  trainEvery: 4,
  targetUpdateEvery: 50,
  evalEvery: 1_200,
  evalEpisodes: 1,
  maxEpisodeFrames: 600,
  checkpointEvery: 600,
  checkpointReplay: true,
  logEvery: 25,
};

async function makeHost(store: RunStore) {
  const bytes = new Uint8Array(readFileSync(romPath));
  return new InProcessTrainerHost(
    await loadRealDeps({ store, loadRom: async () => ({ bytes, fileName: 'space_invaders.bin' }), backend: 'wasm' }),
  );
}

describe.skipIf(!haveRom)('real env + tfjs agent: interrupted and resumed = uninterrupted', () => {
  it('notebook-fixed on Space Invaders', async () => {
    const store = createMemoryRunStore();
    const whole = await makeHost(store);
    const a = await whole.start({ gameId: 'space_invaders', preset: 'notebook-fixed', overrides: CONFIG, seed: 5 });
    await whole.whenIdle();
    expect(whole.status().state).toBe('finished');
    const wholeMetrics = await store.metrics(a.runId!);
    expect(wholeMetrics.some((m) => m.kind === 'train')).toBe(true);

    const part = await makeHost(store);
    let stopping = false;
    part.on('metrics', (records) => {
      if (!stopping && records.some((r) => r.frames >= 1_300)) {
        stopping = true;
        void part.stop();
      }
    });
    const b = await part.start({ gameId: 'space_invaders', preset: 'notebook-fixed', overrides: CONFIG, seed: 5 });
    await part.whenIdle();
    expect(part.status().state).toBe('stopped');
    const resumed = await makeHost(store);
    await resumed.resumeRun(b.runId!);
    await resumed.whenIdle();
    expect(resumed.status().state).toBe('finished');
    expect(strip(await store.metrics(b.runId!))).toEqual(strip(wholeMetrics));
    expect(await store.episodes(b.runId!)).toEqual(await store.episodes(a.runId!));
  });
});
