/**
 * Frame-exact replays of stored evaluation episodes: the pure emulator (electron/ale) runs here in the
 * renderer, seeded like the evaluation env was, and is fed the recorded actions one agent step at a
 * time. The score it reaches is compared with the stored one, so a replay proves itself.
 */
import { createAleEnv } from '../../electron/ale/env';
import type { Env, EnvOptions } from '../../electron/ale/types';
import type { EpisodeRecord } from '../../shared/ipc/contract';

/** The env settings of an evaluation episode: the run's env config, the episode's own seed and overrides. */
export function envOptionsFor(config: Record<string, unknown>, episode: EpisodeRecord): EnvOptions {
  const own = (episode.env ?? episode.envOptions ?? {}) as Partial<EnvOptions>;
  const pick = <K extends keyof EnvOptions>(key: K, fallback: EnvOptions[K]): EnvOptions[K] =>
    (own[key] ?? (config[key] as EnvOptions[K] | undefined) ?? fallback) as EnvOptions[K];
  const mode = pick('mode', undefined);
  const difficulty = pick('difficulty', undefined);
  return {
    frameskip: pick('frameskip', 4),
    repeatActionProbability: pick('repeatActionProbability', 0),
    fullActionSpace: pick('fullActionSpace', false),
    maxEpisodeFrames: pick('maxEpisodeFrames', 0),
    ...(mode !== undefined ? { mode } : {}),
    ...(difficulty !== undefined ? { difficulty } : {}),
    seed: episode.seed,
  };
}

export type EnvFactory = (rom: Uint8Array, options: EnvOptions) => Env;

/** One episode being replayed. Screens are owned by the env: copy what you keep. */
export class EpisodeReplay {
  private env: Env;
  /** Agent steps taken so far (index of the next action). */
  step = 0;
  score = 0;
  frames = 0;
  screen: Uint8Array;
  ended = false;
  /** Set when the emulator says the game ended before the recorded actions ran out (a mismatch). */
  endedEarly = false;

  constructor(
    private readonly rom: Uint8Array,
    readonly options: EnvOptions,
    readonly episode: EpisodeRecord,
    private readonly makeEnv: EnvFactory = createAleEnv,
  ) {
    this.env = makeEnv(rom, options);
    this.screen = this.env.reset().screen;
  }

  get total(): number {
    return this.episode.actions.length;
  }

  get actionNames(): readonly string[] {
    return this.env.actionNames;
  }

  /** The action the agent takes next (index into the action set), or null at the end. */
  get nextAction(): number | null {
    return this.step < this.total ? this.episode.actions[this.step] : null;
  }

  /** Advances one agent step; returns false when the episode is over. */
  advance(): boolean {
    if (this.ended) return false;
    const action = this.episode.actions[this.step];
    const result = this.env.step(action);
    this.step++;
    this.score += result.reward;
    this.frames += result.frames;
    this.screen = result.screen;
    const over = result.terminated || result.truncated;
    if (over && this.step < this.total) this.endedEarly = true;
    if (over || this.step >= this.total) this.ended = true;
    return !this.ended;
  }

  /** Back to the first frame (a fresh env: the seed makes it the same episode again). */
  restart(): void {
    this.env = this.makeEnv(this.rom, this.options);
    this.screen = this.env.reset().screen;
    this.step = 0;
    this.score = 0;
    this.frames = 0;
    this.ended = false;
    this.endedEarly = false;
  }

  /** True once ended with exactly the stored score and frame count. */
  get matches(): boolean {
    return this.ended && !this.endedEarly && this.score === this.episode.score && this.frames === this.episode.frames;
  }
}

/** The episode a run is best judged by: its highest-scoring stored evaluation episode (latest on ties). */
export function bestEpisode(episodes: readonly EpisodeRecord[]): EpisodeRecord | null {
  let best: EpisodeRecord | null = null;
  for (const e of episodes) if (!best || e.score >= best.score) best = e;
  return best;
}
