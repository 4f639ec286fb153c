/**
 * Fixture run folders for the Runs view tests, written through the real disk run store: configs from the
 * presets, synthetic learning curves, and evaluation episodes recorded by actually playing the emulator
 * (random actions), so replays of them must reproduce their stored scores.
 */
import { readFileSync } from 'node:fs';
import { createAleEnv } from '../../electron/ale/env';
import type { EnvOptions } from '../../electron/ale/types';
import { createRunStore } from '../../electron/runs/run-store';
import type { EpisodeRecord } from '../../shared/ipc/contract';
import type { MetricRecord } from '../../shared/metrics';
import { Rng } from '../../shared/rng';
import { PRESETS, type PresetName, type RunConfig } from '../../shared/run-config';

export interface FixtureRun {
  readonly name: string;
  readonly preset: PresetName;
  readonly overrides?: Record<string, unknown>;
  readonly seed: number;
  /** Episode-return level the synthetic curve climbs to. */
  readonly skill: number;
  readonly status?: 'stopped' | 'finished';
}

function recordEpisode(
  rom: Uint8Array,
  config: RunConfig,
  seed: number,
  index: number,
  maxSteps: number,
): EpisodeRecord {
  const options: EnvOptions = {
    frameskip: config.frameskip,
    repeatActionProbability: config.repeatActionProbability,
    fullActionSpace: config.fullActionSpace,
    maxEpisodeFrames: config.maxEpisodeFrames,
    seed,
  };
  const env = createAleEnv(rom, options);
  env.reset();
  const rng = new Rng(seed ^ 0x5eed);
  const actions: number[] = [];
  let score = 0;
  let frames = 0;
  for (let i = 0; i < maxSteps; i++) {
    const a = rng.nextUint32() % env.actionSet.length;
    actions.push(a);
    const r = env.step(a);
    score += r.reward;
    frames += r.frames;
    if (r.terminated || r.truncated) break;
  }
  return { index, seed, frames, score, actions };
}

function curve(run: FixtureRun, totalFrames: number, rng: Rng): MetricRecord[] {
  const out: MetricRecord[] = [];
  let frames = 0;
  let steps = 0;
  let episode = 0;
  while (frames < totalFrames) {
    const length = 150 + (rng.nextUint32() % 120);
    steps += length;
    frames += length * 4;
    episode++;
    const progress = frames / totalFrames;
    const noise = ((rng.nextUint32() % 1000) / 1000 - 0.5) * run.skill * 0.6;
    out.push({
      kind: 'episode',
      frames,
      steps,
      wallTime: frames / 900,
      episode,
      return: Math.max(0, Math.round(run.skill * progress + noise)),
      length,
    });
    if (episode % 5 === 0) {
      out.push({
        kind: 'train',
        frames,
        steps,
        wallTime: frames / 900,
        loss: 0.5 / (1 + progress * 5),
        meanQ: progress,
        epsilon: 1 - 0.9 * progress,
        fps: 900,
      });
    }
    if (episode % 10 === 0) {
      const mean = Math.round(run.skill * progress * 10) / 10;
      out.push({
        kind: 'eval',
        frames,
        steps,
        wallTime: frames / 900,
        episodes: 2,
        mean,
        median: mean,
        min: mean - 1,
        max: mean + 1,
      });
    }
  }
  return out;
}

/** Writes the runs into `runsDir`; returns their ids. Needs the breakout ROM. */
export async function writeFixtureRuns(
  runsDir: string,
  romFile: string,
  runs: readonly FixtureRun[],
): Promise<string[]> {
  const rom = new Uint8Array(readFileSync(romFile));
  const store = createRunStore(runsDir);
  const ids: string[] = [];
  for (const run of runs) {
    const config = { ...PRESETS[run.preset].config, ...run.overrides, totalFrames: 200_000 } as RunConfig;
    const meta = await store.create({
      name: run.name,
      config,
      meta: {
        gameId: 'breakout',
        preset: run.preset,
        romMd5: 'fixture',
        backend: 'wasm',
        versions: { app: 'fixture' },
        seed: run.seed,
        frameBudget: config.totalFrames,
      },
    });
    const rng = new Rng(run.seed);
    const metrics = curve(run, 120_000, rng);
    await store.appendMetrics(meta.id, metrics);
    const episodes = [0, 1, 2].map((i) => recordEpisode(rom, config, run.seed * 100 + i, i, 400 + 150 * i));
    await store.appendEpisodes(meta.id, episodes);
    const evals = metrics.filter((m) => m.kind === 'eval');
    const last = metrics[metrics.length - 1];
    await store.updateMeta(meta.id, {
      status: run.status ?? 'stopped',
      frames: last.frames,
      steps: last.steps,
      episodes: metrics.filter((m) => m.kind === 'episode').length,
      lastEval: evals.length ? evals[evals.length - 1].mean : null,
      bestEval: evals.length ? Math.max(...evals.map((e) => e.mean)) : null,
    });
    ids.push(meta.id);
  }
  return ids;
}
