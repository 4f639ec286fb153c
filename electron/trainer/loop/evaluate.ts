/**
 * Evaluation episodes: ε-greedy (config.evalEpsilon) full games on fresh envs, no life-loss termination,
 * unclipped score. Each episode's env seed and every env.step action index are recorded, so the episode
 * replays frame-exactly: createAleEnv(rom, {...envOptions(config), seed}), reset(), then step(actions[i]).
 */
import type { DqnAgent } from '../../agent/types';
import type { Env, EnvOptions } from '../../ale/types';
import { createPreprocessor } from '../../preprocessing/preprocessor';
import type { EpisodeRecord } from '../../../shared/ipc/contract';
import type { Counters, EvalMetric } from '../../../shared/metrics';
import type { RunConfig } from '../../../shared/run-config';
import { Rng } from '../../../shared/rng';
import { AgentEnv } from './agent-env';
import type { LoopControl } from './types';

/** Frames an evaluation episode may last when the config sets no ALE limit (gym's 108,000). */
const EVAL_FRAME_CAP = 108_000;

export function envOptions(config: RunConfig, seed: number): EnvOptions {
  return {
    frameskip: config.frameskip,
    repeatActionProbability: config.repeatActionProbability,
    fullActionSpace: config.fullActionSpace,
    maxEpisodeFrames: config.maxEpisodeFrames,
    seed,
  };
}

export interface EvalRound {
  readonly metric: EvalMetric;
  readonly episodes: EpisodeRecord[];
}

/** Plays `config.evalEpisodes` episodes; returns null when a stop was requested midway (nothing recorded). */
export async function evaluate(
  config: RunConfig,
  agent: DqnAgent,
  createEnv: (seed: number) => Env,
  seeds: readonly number[],
  firstIndex: number,
  at: Counters,
  control: LoopControl,
): Promise<EvalRound | null> {
  const pre = createPreprocessor(config);
  const episodes: EpisodeRecord[] = [];
  for (let k = 0; k < seeds.length; k++) {
    const seed = seeds[k];
    const actions: number[] = [];
    const rng = new Rng(seed ^ 0x5eed);
    const wrapped = new AgentEnv(
      createEnv(seed),
      {
        noopMax: config.algorithm === 'replay' ? config.noopMax : 0,
        fireReset: config.algorithm === 'replay' && config.fireReset,
        episodicLife: false,
        clipRewards: false,
        frameStack: config.frameStack,
      },
      pre,
      rng,
      (a) => actions.push(a),
    );
    wrapped.reset();
    const cap = config.maxEpisodeFrames > 0 ? config.maxEpisodeFrames : EVAL_FRAME_CAP;
    let score: number;
    let frames = wrapped.takeResetFrames();
    for (;;) {
      await control.tick(0);
      if (control.stopRequested) return null;
      const { action } = agent.act(wrapped.stack, config.evalEpsilon, rng);
      const step = wrapped.step(action);
      frames += step.frames;
      if (step.finished) {
        score = step.finished.score;
        break;
      }
      if (frames >= cap) {
        score = wrapped.currentScore; // capped without an ALE limit: the score so far
        break;
      }
    }
    episodes.push({
      index: firstIndex + k,
      seed,
      frames,
      score,
      actions,
      kind: 'eval',
      trainFrames: at.frames,
      trainSteps: at.steps,
      epsilon: config.evalEpsilon,
    });
  }
  const scores = episodes.map((e) => e.score).sort((a, b) => a - b);
  const mid = scores.length >> 1;
  const median = scores.length % 2 ? scores[mid] : (scores[mid - 1] + scores[mid]) / 2;
  const metric: EvalMetric = {
    kind: 'eval',
    ...at,
    episodes: scores.length,
    mean: scores.reduce((a, b) => a + b, 0) / scores.length,
    median,
    min: scores[0],
    max: scores[scores.length - 1],
  };
  return { metric, episodes };
}
