import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAleEnv } from '../../electron/ale/env';
import type { EnvOptions } from '../../electron/ale/types';
import { Rng } from '../../shared/rng';
import type { EpisodeRecord } from '../../shared/ipc/contract';
import { bestEpisode, envOptionsFor, EpisodeReplay } from '../../renderer/lib/replay-engine';
import { MISSING_ROMS, romPath } from '../support/roms';

/** Plays random actions like an evaluation would, recording what episodes.jsonl keeps. */
function record(rom: Uint8Array, options: EnvOptions, maxSteps: number): EpisodeRecord {
  const env = createAleEnv(rom, options);
  env.reset();
  const rng = new Rng(99);
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
  return { index: 0, seed: options.seed, frames, score, actions };
}

describe('EpisodeReplay', () => {
  const path = romPath('breakout');
  it.skipIf(!path)('reproduces a recorded episode frame for frame (sticky actions, frame-skip range)', () => {
    if (!path) return console.warn(MISSING_ROMS);
    const rom = new Uint8Array(readFileSync(path));
    const config = {
      frameskip: { min: 2, max: 4 },
      repeatActionProbability: 0.25,
      fullActionSpace: false,
      maxEpisodeFrames: 108_000,
    };
    const seed = 1234;
    const episode = record(rom, { ...(config as EnvOptions), seed }, 1500);
    expect(envOptionsFor(config, episode)).toEqual({ ...config, seed });
    const replay = new EpisodeReplay(rom, envOptionsFor(config, episode), episode);
    while (replay.advance());
    expect(replay.step).toBe(episode.actions.length);
    expect(replay.score).toBe(episode.score);
    expect(replay.frames).toBe(episode.frames);
    expect(replay.matches).toBe(true);
    replay.restart();
    expect(replay.step).toBe(0);
    while (replay.advance());
    expect(replay.matches).toBe(true);
    // A different seed draws different sticky actions and frame skips: the replay no longer matches.
    const wrong = new EpisodeReplay(rom, { ...envOptionsFor(config, episode), seed: seed + 1 }, episode);
    while (wrong.advance());
    expect(wrong.matches).toBe(false);
  });

  it('picks the best episode (latest on ties) and honours per-episode env settings', () => {
    const eps = [3, 9, 9, 1].map((score, index) => ({ index, seed: index, frames: 10, score, actions: [] }));
    expect(bestEpisode(eps)?.index).toBe(2);
    expect(bestEpisode([])).toBeNull();
    const ep = { ...eps[0], env: { repeatActionProbability: 0 } };
    expect(envOptionsFor({ frameskip: 4, repeatActionProbability: 0.25 }, ep).repeatActionProbability).toBe(0);
  });
});
