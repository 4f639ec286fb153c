/**
 * The recipe's view of an Env, as CleanRL's wrapper chain builds it for dqn_atari
 * (NoopReset -> MaxAndSkip -> EpisodicLife -> FireReset -> ClipReward -> resize/grey -> FrameStack),
 * plus real-episode statistics (RecordEpisodeStatistics: unclipped score, emulated frames).
 * MaxAndSkip and the frame skip itself happen in Env.step (it returns the last two screens).
 */
import type { Env, StepResult } from '../../ale/types';
import type { Preprocessor } from '../../preprocessing/preprocessor';
import type { Rng } from '../../../shared/rng';
import { base64ToBytes, bytesToBase64 } from './codec';

export interface WrapperOptions {
  readonly noopMax: number;
  readonly fireReset: boolean;
  /** Learning only: a lost life ends the episode for the learner. */
  readonly episodicLife: boolean;
  readonly clipRewards: boolean;
  readonly frameStack: number;
}

export interface AgentStep {
  /** The newest preprocessed frame (what the replay stores). */
  readonly frame: Uint8Array;
  /** Reward for learning (sign-clipped when configured). */
  readonly reward: number;
  /** Ends the episode for learning (game over, or a lost life with episodicLife). */
  readonly done: boolean;
  /** The game ended or was truncated: a real episode is complete (stats in `finished`). */
  readonly gameOver: boolean;
  readonly frames: number;
  readonly finished?: { readonly score: number; readonly frames: number; readonly steps: number };
  readonly raw: StepResult;
}

export class AgentEnv {
  readonly stack: Uint8Array;
  private readonly planeSize: number;
  private lives = 0;
  private realDone = true;
  private score = 0;
  private episodeFrames = 0;
  private episodeSteps = 0;
  /** Frames emulated by reset procedures (no-ops, FIRE) since the last takeResetFrames(). */
  private resetFrames = 0;

  constructor(
    readonly env: Env,
    private readonly options: WrapperOptions,
    private readonly pre: Preprocessor,
    private readonly rng: Rng,
    /** Every env.step action index, in order (evaluation records them for replays). */
    private readonly onAction?: (actionIndex: number) => void,
  ) {
    this.planeSize = pre.height * pre.width;
    this.stack = new Uint8Array(options.frameStack * this.planeSize);
  }

  /** Starts an episode for the learner; after a life loss (episodicLife) the game simply continues. */
  reset(): Uint8Array {
    let result: { screen: Uint8Array; previousScreen?: Uint8Array };
    if (this.realDone || !this.options.episodicLife) result = this.realReset();
    else result = this.raw(0); // EpisodicLifeEnv: a no-op step moves on from the lost life
    if (this.options.fireReset && this.env.actionNames[1] === 'FIRE' && this.env.actionNames.length >= 3) {
      // FireResetEnv: FIRE, then action 2, resetting if either ends the game.
      if (this.endsGame(this.raw(1))) this.realReset();
      const second = this.raw(2);
      result = this.endsGame(second) ? this.realReset() : second;
    }
    this.lives = this.env.lives();
    const frame = this.pre.process(result);
    for (let c = 0; c < this.options.frameStack; c++) this.stack.set(frame, c * this.planeSize);
    return frame;
  }

  step(actionIndex: number): AgentStep {
    const raw = this.raw(actionIndex);
    this.resetFrames -= raw.frames; // an agent step, not reset overhead
    this.episodeSteps++;
    const gameOver = raw.terminated || raw.truncated;
    const lives = this.env.lives();
    const lifeLost = this.options.episodicLife && lives > 0 && lives < this.lives;
    this.lives = lives;
    this.realDone = gameOver;
    const frame = this.pre.process(raw);
    this.stack.copyWithin(0, this.planeSize);
    this.stack.set(frame, (this.options.frameStack - 1) * this.planeSize);
    const reward = this.options.clipRewards ? Math.sign(raw.reward) : raw.reward;
    let finished: AgentStep['finished'];
    if (gameOver) {
      finished = { score: this.score, frames: this.episodeFrames, steps: this.episodeSteps };
      this.score = 0;
      this.episodeFrames = 0;
      this.episodeSteps = 0;
    }
    // Truncation is not a terminal state for learning (CleanRL stores `terminations` only).
    return { frame, reward, done: raw.terminated || lifeLost, gameOver, frames: raw.frames, finished, raw };
  }

  /** Unclipped score of the real episode so far. */
  get currentScore(): number {
    return this.score;
  }

  takeResetFrames(): number {
    const n = this.resetFrames;
    this.resetFrames = 0;
    return n;
  }

  private realReset(): { screen: Uint8Array; previousScreen?: Uint8Array } {
    this.score = 0;
    this.episodeFrames = 0;
    this.episodeSteps = 0;
    let result: { screen: Uint8Array; previousScreen?: Uint8Array } = this.env.reset();
    if (this.options.noopMax > 0) {
      const noops = this.rng.intBetween(1, this.options.noopMax);
      for (let i = 0; i < noops; i++) {
        const step = this.raw(0);
        result = step;
        if (step.terminated || step.truncated) {
          result = this.env.reset();
          this.score = 0;
          this.episodeFrames = 0;
        }
      }
    }
    this.realDone = false;
    return result;
  }

  /** One env.step, counted toward the real episode (score, frames) but not as an agent decision. */
  private raw(actionIndex: number): StepResult {
    const step = this.env.step(actionIndex);
    this.onAction?.(actionIndex);
    this.score += step.reward;
    this.episodeFrames += step.frames;
    this.resetFrames += step.frames;
    return step;
  }

  private endsGame(step: StepResult): boolean {
    return step.terminated || step.truncated;
  }

  saveState(): Record<string, unknown> {
    return {
      lives: this.lives,
      realDone: this.realDone,
      score: this.score,
      episodeFrames: this.episodeFrames,
      episodeSteps: this.episodeSteps,
      stack: bytesToBase64(this.stack),
    };
  }

  loadState(state: Record<string, unknown>): void {
    this.lives = state.lives as number;
    this.realDone = state.realDone as boolean;
    this.score = state.score as number;
    this.episodeFrames = state.episodeFrames as number;
    this.episodeSteps = state.episodeSteps as number;
    this.stack.set(base64ToBytes(state.stack as string));
  }
}
