/** What a training loop needs from its host, and what it hands back. Pure types: no Node, no Electron. */
import type { AgentSnapshot, DqnAgent } from '../../agent/types';
import type { Env } from '../../ale/types';
import type { ReplayBuffer, ReplayBytes, ReplayOptions } from '../../replay/types';
import type { DisplayFrame, EpisodeRecord } from '../../../shared/ipc/contract';
import type { MetricRecord } from '../../../shared/metrics';
import type { RunConfig } from '../../../shared/run-config';

export interface LoopControl {
  /** Awaited between agent steps: waits while paused, paces watch mode, yields to the event loop now and then. */
  tick(frames: number): Promise<void>;
  /**
   * Frames emulated where nobody sees them (reset no-ops, FIRE on reset): watch mode does not wait for them,
   * or the screen would freeze for up to two seconds after every reset.
   */
  unshown(frames: number): void;
  readonly stopRequested: boolean;
  /** Whether a DisplayFrame is wanted now (cheap; sampled so display never slows training). */
  wantFrame(): boolean;
  /** Seconds of training since the loop started, paused time excluded. */
  elapsed(): number;
}

export interface LoopCheckpoint {
  readonly step: number;
  readonly frames: number;
  readonly loop: Record<string, unknown>;
  readonly agent: AgentSnapshot;
  readonly env: Uint8Array;
  /** Not readonly: the replay loop drops it once restored, so a multi-GB snapshot is not kept all run. */
  replay?: ReplayBytes;
}

export interface LoopProgress {
  readonly frames: number;
  readonly steps: number;
  readonly episodes: number;
  readonly fps: number;
}

export interface LoopSink {
  metrics(records: readonly MetricRecord[]): void;
  /** Evaluation episodes, for episodes.jsonl (enough to replay through createAleEnv). */
  episodes(records: readonly EpisodeRecord[]): void;
  frame(frame: DisplayFrame): void;
  progress(progress: LoopProgress): void;
  checkpoint(checkpoint: LoopCheckpoint): Promise<void>;
}

export interface LoopContext {
  readonly runId: string;
  readonly config: RunConfig;
  readonly seed: number;
  /** The training env, fresh from construction (or about to be restored from `resume`). */
  readonly env: Env;
  /** A new env for one evaluation episode; its `seed` is recorded so the episode can be replayed. */
  readonly createEvalEnv: (seed: number) => Env;
  readonly agent: DqnAgent;
  readonly createReplay: (options: ReplayOptions) => ReplayBuffer;
  readonly control: LoopControl;
  readonly sink: LoopSink;
  readonly resume?: LoopCheckpoint;
}

export type LoopOutcome = 'finished' | 'stopped';
