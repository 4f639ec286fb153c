/**
 * The run store seam: where a training run's config, metadata, metrics, evaluation episodes and
 * checkpoints live. Two implementations: on disk (`runs/<id>/`) and in memory (tests, previews).
 * The read side matches electron/ipc/types.ts `RunCatalog` (list/get/metrics/episodes/rename).
 */
import type { AgentSnapshot } from '../agent/types';
import type { ReplayBytes } from '../replay/types';
import type { EpisodeRecord, RunDetail, RunState, RunSummary } from '../../shared/ipc/contract';
import type { MetricRecord } from '../../shared/metrics';
import type { RunConfig } from '../../shared/run-config';

export interface RunMeta {
  readonly id: string;
  readonly name: string;
  readonly gameId: string;
  readonly preset: string;
  readonly romMd5: string;
  readonly romFile?: string;
  /** tf backend actually in use, e.g. 'wasm'. */
  readonly backend: string;
  readonly backendDetail?: string;
  /** app, node, tfjs, ... */
  readonly versions: Readonly<Record<string, string>>;
  readonly seed: number;
  readonly status: RunState;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly frames: number;
  readonly steps: number;
  readonly episodes: number;
  readonly frameBudget: number;
  readonly lastEval: number | null;
  readonly bestEval: number | null;
  /** Step of the newest checkpoint, or null. */
  readonly checkpoint: number | null;
  readonly error?: string;
  /** The process training this run while status is starting/running/paused/stopping (crash detection). */
  readonly pid?: number;
  readonly hostname?: string;
}

export type NewRunMeta = Omit<
  RunMeta,
  'id' | 'name' | 'status' | 'createdAt' | 'updatedAt' | 'frames' | 'steps' | 'episodes' | 'lastEval' | 'bestEval' | 'checkpoint'
>;

/** Where the logs stood when a checkpoint was taken (opaque: bytes on disk, records in memory). */
export interface LogPositions {
  readonly metrics: number;
  readonly episodes: number;
}

export interface CheckpointInput {
  /** Agent steps at the checkpoint (the folder name). */
  readonly step: number;
  readonly frames: number;
  /** The training loop's own state (counters, RNG states, schedules): plain JSON. */
  readonly loop: Record<string, unknown>;
  readonly agent: AgentSnapshot;
  /** Env.cloneState() of the training env. */
  readonly env: Uint8Array;
  /**
   * ReplayBuffer.serialize(), when the config keeps the replay in checkpoints: parts written one after
   * another (a 1M-frame memory is 7 GB, more than one typed array holds); read back whole or in slabs.
   */
  readonly replay?: ReplayBytes;
}

export interface StoredCheckpoint extends CheckpointInput {
  readonly logs: LogPositions;
  readonly savedAt: string;
}

export class RunStoreError extends Error {
  override readonly name = 'RunStoreError';
  constructor(
    readonly code: 'run-not-found' | 'run-damaged' | 'run-exists' | 'invalid-name' | 'disk-full' | 'io',
    message: string,
  ) {
    super(message);
  }
}

export interface RunStore {
  readonly kind: 'disk' | 'memory';
  /** The runs folder (disk store only). */
  readonly root?: string;
  list(): Promise<RunSummary[]>;
  get(runId: string): Promise<RunDetail>;
  metrics(runId: string): Promise<MetricRecord[]>;
  episodes(runId: string): Promise<EpisodeRecord[]>;
  rename(runId: string, name: string): Promise<RunSummary>;

  create(input: { readonly name?: string; readonly config: RunConfig; readonly meta: NewRunMeta }): Promise<RunMeta>;
  readConfig(runId: string): Promise<RunConfig>;
  readMeta(runId: string): Promise<RunMeta>;
  updateMeta(runId: string, patch: Partial<Omit<RunMeta, 'id' | 'createdAt'>>): Promise<RunMeta>;
  appendMetrics(runId: string, records: readonly MetricRecord[]): Promise<void>;
  appendEpisodes(runId: string, records: readonly EpisodeRecord[]): Promise<void>;
  /** Waits for queued appends, then saves atomically with the log positions; keeps the newest two. */
  saveCheckpoint(runId: string, checkpoint: CheckpointInput): Promise<StoredCheckpoint>;
  /** The newest readable checkpoint (falls back past damaged ones), or null when there is none. */
  latestCheckpoint(runId: string): Promise<StoredCheckpoint | null>;
  /** Cuts the logs back to a checkpoint's positions (what was logged after it will be logged again). */
  rewindLogs(runId: string, logs: LogPositions): Promise<void>;
}

export function summaryOf(meta: RunMeta): RunSummary {
  return {
    id: meta.id,
    name: meta.name,
    gameId: meta.gameId,
    preset: meta.preset,
    status: meta.status,
    frames: meta.frames,
    createdAt: meta.createdAt,
    lastEval: meta.lastEval,
    bestEval: meta.bestEval,
  };
}

/** A readable, folder-safe id: 20261202-061500-space_invaders-nature. */
export function makeRunId(gameId: string, preset: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${gameId}-${preset}`.replace(/[^A-Za-z0-9_.-]/g, '_');
}

export const RUN_ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/;

export function checkRunId(runId: string): void {
  if (!RUN_ID_RE.test(runId)) throw new RunStoreError('run-not-found', `'${runId}' is not a run id.`);
}

/** The meta.json of a run just created: its counters at zero, named after its game and preset by default. */
export function freshRunMeta(meta: NewRunMeta, id: string, name: string | undefined, now: Date): RunMeta {
  return {
    ...meta,
    id,
    name: checkRunName(name ?? `${meta.gameId} · ${meta.preset}`),
    status: 'starting',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    frames: 0,
    steps: 0,
    episodes: 0,
    lastEval: null,
    bestEval: null,
    checkpoint: null,
  };
}

export function checkRunName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 120) throw new RunStoreError('invalid-name', 'A run name needs 1 to 120 characters.');
  return trimmed;
}
