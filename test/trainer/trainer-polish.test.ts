/** Progress between log lines, the notebook loop's stop checkpoint, and wall time across stop/resume. */
import { describe, expect, it } from 'vitest';
import type { MetricRecord } from '../../shared/metrics';
import type { TrainerStatus } from '../../shared/ipc/contract';
import { createMemoryRunStore } from '../../electron/runs/memory-run-store';
import type { RunStore } from '../../electron/runs/types';
import { syntheticDeps } from '../../electron/trainer/deps';
import { InProcessTrainerHost } from '../../electron/trainer/in-process-host';
import { ProgressClock } from '../../electron/trainer/loop/progress-clock';
import { decodeNotebookMemory, encodeNotebookMemory } from '../../electron/trainer/loop/notebook-memory';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const strip = (records: MetricRecord[]) =>
  records.map((r) => {
    const { wallTime: _w, ...rest } = r as MetricRecord & { fps?: number };
    delete (rest as { fps?: number }).fps;
    return rest;
  });

async function train(store: RunStore, preset: string, overrides: Record<string, unknown>, stopAtFrames?: number) {
  const deps = await syntheticDeps({ store });
  // The stop is asked for from inside env.step once the frames are reached, not from a status event:
  // status comes every 0.5 s of wall time, which on a fast machine is past the iteration's end.
  let emulated = 0;
  let stopping = false;
  const host: InProcessTrainerHost = new InProcessTrainerHost({
    ...deps,
    createEnv: (rom, options) => {
      const env = deps.createEnv(rom, options);
      const step = env.step.bind(env);
      env.step = (action) => {
        const result = step(action);
        emulated += result.frames;
        if (stopAtFrames !== undefined && !stopping && emulated >= stopAtFrames) {
          stopping = true;
          void host.stop();
        }
        return result;
      };
      return env;
    },
  });
  const status = await host.start({ gameId: 'synthetic', preset, overrides, seed: 3 });
  await host.whenIdle();
  return status.runId!;
}

describe('trainer progress and stop/resume', () => {
  it('reports progress about every half second even when logEvery is huge', async () => {
    const store = createMemoryRunStore();
    const host = new InProcessTrainerHost(await syntheticDeps({ store }));
    const seen: TrainerStatus[] = [];
    host.on('status', (s) => seen.push(s));
    await host.start({
      gameId: 'synthetic',
      preset: 'nature',
      overrides: {
        totalFrames: 10_000_000,
        replayCapacity: 500,
        learningStarts: 100,
        logEvery: 1_000_000,
        evalEvery: 0,
        evalEpisodes: 0,
        checkpointEvery: 10_000_000,
      },
      seed: 1,
    });
    await sleep(2_000);
    await host.stop();
    const running = seen.filter((s) => s.state === 'running' && s.frames > 0);
    // No log line was due in two seconds, yet the status moved several times.
    expect(running.length).toBeGreaterThanOrEqual(2);
    expect(new Set(running.map((s) => s.frames)).size).toBeGreaterThanOrEqual(2);
    expect(running.at(-1)!.steps).toBeLessThan(1_000_000);
  });

  it('progress clock: due once per interval, restartable', () => {
    let t = 0;
    const clock = new ProgressClock({ elapsed: () => t }, 0.5);
    expect(clock.due()).toBe(false);
    t = 0.6;
    expect(clock.due()).toBe(true);
    expect(clock.due()).toBe(false);
    t = 1.0;
    clock.reset();
    t = 1.4;
    expect(clock.due()).toBe(false);
    t = 1.5;
    expect(clock.due()).toBe(true);
  });

  it('notebook memory bytes round-trip, split anywhere', () => {
    const f = (v: number) => new Uint8Array(6).fill(v);
    const memory = [
      { state: f(1), action: 2, next: f(2), reward: 0.5, done: false },
      { state: f(2), action: 5, next: f(3), reward: -1, done: true },
    ];
    const parts = encodeNotebookMemory(memory, f(3));
    const whole = Uint8Array.from(parts.flatMap((p) => [...p]));
    for (const bytes of [parts, whole, [whole.subarray(0, 7), whole.subarray(7)]]) {
      expect(decodeNotebookMemory(bytes)).toEqual({ memory, state: f(3) });
    }
    expect(decodeNotebookMemory(encodeNotebookMemory([], f(9)))).toEqual({ memory: [], state: f(9) });
    expect(() => decodeNotebookMemory(whole.subarray(0, whole.length - 1))).toThrow(/length/);
  });

  it('notebook loop: a stop mid-iteration checkpoints the partial iteration, resumes exactly, wall time goes on', async () => {
    const store = createMemoryRunStore();
    const cfg = {
      totalFrames: 12_000,
      stepsPerIteration: 2_500,
      dropFirst: 44,
      checkpointEvery: 1_000_000,
      evalEvery: 0,
      evalEpisodes: 0,
    };
    const whole = await train(store, 'notebook', cfg);
    const part = await train(store, 'notebook', cfg, 2_000);
    const ckpt = await store.latestCheckpoint(part);
    // Inside the first iteration (≈7,500 frames): before this change a stop there saved nothing.
    expect(ckpt).not.toBeNull();
    expect(ckpt!.frames).toBeGreaterThanOrEqual(2_000);
    expect(ckpt!.frames).toBeLessThan(6_000);
    expect((ckpt!.loop.collecting as { i: number }).i).toBeGreaterThan(0);
    expect(ckpt!.replay).toBeDefined();
    const wallAtStop = Number(ckpt!.loop.wallTime);
    expect(wallAtStop).toBeGreaterThan(0);

    const host = new InProcessTrainerHost(await syntheticDeps({ store }));
    const elapsed: number[] = [];
    host.on('status', (s) => elapsed.push(s.elapsed));
    await host.resumeRun(part);
    await host.whenIdle();
    expect((await store.readMeta(part)).status).toBe('finished');
    expect(strip(await store.metrics(part))).toEqual(strip(await store.metrics(whole)));
    // Elapsed time continues from the stop instead of restarting at zero.
    expect(Math.min(...elapsed)).toBeGreaterThanOrEqual(wallAtStop);
    const after = (await store.metrics(part)).filter((r) => r.frames > ckpt!.frames);
    expect(after.length).toBeGreaterThan(0);
    for (const r of after) expect(r.wallTime).toBeGreaterThanOrEqual(wallAtStop);
  });
});
