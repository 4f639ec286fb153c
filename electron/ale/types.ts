/**
 * The `Env` seam: where the emulator (electron/emulator + electron/ale) meets the agent and trainer.
 * Gymnasium-like: reset() / step(action) -> screen, reward, terminated, truncated, info.
 * Screens are ALE palette-index bytes (TIA colour & 0xFE), 210 rows x 160 columns, row-major.
 */
export const SCREEN_WIDTH = 160;
export const SCREEN_HEIGHT = 210;

export interface EnvInfo {
  readonly lives: number;
  /** Frames emulated in this episode (ALE's episode_frame_number). */
  readonly episodeFrameNumber: number;
  /** Frames emulated since the ROM was loaded (ALE's frame_number). */
  readonly frameNumber: number;
}

export interface ResetResult {
  /** Owned by the env and overwritten by the next call: copy what you keep. */
  readonly screen: Uint8Array;
  readonly info: EnvInfo;
}

export interface StepResult {
  /** Screen after the last frame of the step. Owned by the env: copy what you keep. */
  readonly screen: Uint8Array;
  /**
   * Screen after the second-to-last frame of the step (for max-pooling over the last two frames,
   * as DeepMind and CleanRL's MaxAndSkipEnv do). Equals `screen` when the step emulated one frame.
   */
  readonly previousScreen: Uint8Array;
  /** Sum of the per-frame rewards of the step, unclipped. */
  readonly reward: number;
  /** The game is over. */
  readonly terminated: boolean;
  /** The episode hit maxEpisodeFrames (ALE truncation) without the game being over. */
  readonly truncated: boolean;
  /** Frames actually emulated by this step (frame skip may be drawn from a range). */
  readonly frames: number;
  readonly info: EnvInfo;
}

/** Frame skip: a fixed count, or a uniform integer range drawn per step (gym v0/v4 use {min: 2, max: 4}). */
export type FrameSkip = number | { readonly min: number; readonly max: number };

export interface EnvOptions {
  readonly frameskip: FrameSkip;
  /** ALE's sticky actions: per emulated frame, with this probability the previous action is repeated. */
  readonly repeatActionProbability: number;
  /** false: the game's minimal action set (ALE order); true: all 18 actions. */
  readonly fullActionSpace: boolean;
  /** 0 = unlimited. Gymnasium's default is 108,000. */
  readonly maxEpisodeFrames: number;
  readonly mode?: number;
  readonly difficulty?: number;
  /** Seeds the env's RNGs (sticky actions, frame-skip draws). */
  readonly seed: number;
  /**
   * Default true. false: StepResult.previousScreen is just the final screen, so the second-to-last
   * frame of a step need not be drawn (faster, for pipelines that do not max-pool).
   */
  readonly previousScreen?: boolean;
}

export interface Env {
  readonly gameId: string;
  /** ALE action ids of the action space; `step` takes an index into this list. */
  readonly actionSet: readonly number[];
  /** Names of the actions in `actionSet` (e.g. 'NOOP', 'FIRE', 'RIGHT', ...). */
  readonly actionNames: readonly string[];
  reset(): ResetResult;
  step(actionIndex: number): StepResult;
  /** The current screen as palette indices (same buffer rules as ResetResult.screen). */
  screen(): Uint8Array;
  /** The 128 bytes of console RAM (0x80-0xFF). */
  ram(): Uint8Array;
  lives(): number;
  /** Full emulator + env state (including RNGs), for exact replays and checkpoints. */
  cloneState(): Uint8Array;
  restoreState(state: Uint8Array): void;
}
