/**
 * The on-disk run store. Layout of `<root>/<id>/`:
 *   config.json, meta.json           written atomically (temp + rename)
 *   metrics.jsonl, episodes.jsonl    append-only; a torn last line is ignored and cut on resume
 *   checkpoints/<step>/              state.json, weights.bin, env.bin[, replay.bin], staged under
 *                                    `<root>/.staging/` and renamed into place whole
 * Dot folders under the root (trash, staging) are never runs.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readdir, readFile, rename, rm, stat, truncate } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { EpisodeRecord, RunDetail, RunSummary } from '../../shared/ipc/contract';
import type { MetricRecord } from '../../shared/metrics';
import { validateRunConfig, type RunConfig } from '../../shared/run-config';
import {
  ioError,
  packTensors,
  parseJsonLines,
  readSlabs,
  unpackTensors,
  writeAndSync,
  writeFileAtomic,
  writePartsAndSync,
} from './files';
import {
  checkRunId,
  checkRunName,
  freshRunMeta,
  makeRunId,
  RunStoreError,
  summaryOf,
  type CheckpointInput,
  type LogPositions,
  type RunMeta,
  type RunStore,
  type StoredCheckpoint,
} from './types';

const KEEP_CHECKPOINTS = 2;
const ACTIVE_STATES = new Set(['starting', 'running', 'paused', 'stopping']);

/**
 * A run left 'running' by a trainer that died (kill -9, power loss) reads as 'stopped' with an
 * explanation; nothing is written, so a live trainer in another process is never disturbed.
 */
export function withLiveStatus(meta: RunMeta): RunMeta {
  if (!ACTIVE_STATES.has(meta.status) || meta.pid === undefined || meta.hostname !== hostname()) return meta;
  if (processAlive(meta.pid)) return meta;
  const from = meta.checkpoint === null ? 'the start' : `its checkpoint at step ${meta.checkpoint}`;
  return { ...meta, status: 'stopped', error: `Interrupted: its trainer ended without stopping it. Resume continues from ${from}.` };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}
const CHECKPOINT_FORMAT = 1;

export function createRunStore(root: string): RunStore {
  const queues = new Map<string, Promise<unknown>>();
  const dir = (runId: string): string => {
    checkRunId(runId);
    return join(root, runId);
  };
  /** Runs operations on one run in order (appends, checkpoints, meta updates). */
  const enqueue = <T>(runId: string, task: () => Promise<T>): Promise<T> => {
    const next = (queues.get(runId) ?? Promise.resolve()).then(task, task);
    queues.set(
      runId,
      next.catch(() => undefined),
    );
    return next;
  };

  const readJson = async <T>(runId: string, file: string): Promise<T> => {
    const path = join(dir(runId), file);
    if (!existsSync(dir(runId))) throw new RunStoreError('run-not-found', `Run '${runId}' does not exist.`);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      throw new RunStoreError('run-damaged', `Run '${runId}' is damaged: ${file} is missing or unreadable.`);
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new RunStoreError('run-damaged', `Run '${runId}' is damaged: ${file} is not valid JSON.`);
    }
  };

  const readMeta = async (runId: string): Promise<RunMeta> => {
    const meta = await readJson<RunMeta>(runId, 'meta.json');
    if (typeof meta !== 'object' || meta === null || meta.id !== runId || typeof meta.gameId !== 'string') {
      throw new RunStoreError('run-damaged', `Run '${runId}' is damaged: meta.json does not describe this run.`);
    }
    return meta;
  };

  const readConfig = async (runId: string): Promise<RunConfig> => {
    const raw = await readJson<unknown>(runId, 'config.json');
    try {
      return validateRunConfig(raw);
    } catch (error) {
      throw new RunStoreError('run-damaged', `Run '${runId}' is damaged: config.json ${(error as Error).message}`);
    }
  };

  const readLines = async <T>(runId: string, file: string): Promise<T[]> => {
    await readMeta(runId);
    const path = join(dir(runId), file);
    if (!existsSync(path)) return [];
    return parseJsonLines<T>(await readFile(path, 'utf8'), `Run '${runId}' ${file}`);
  };

  const append = (runId: string, file: string, records: readonly unknown[]): Promise<void> =>
    enqueue(runId, async () => {
      if (records.length === 0) return;
      const path = join(dir(runId), file);
      try {
        await appendFile(path, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
      } catch (error) {
        throw ioError(error, path);
      }
    });

  const updateMeta = (runId: string, patch: Partial<RunMeta>): Promise<RunMeta> =>
    enqueue(runId, async () => {
      const meta: RunMeta = { ...(await readMeta(runId)), ...patch, id: runId, updatedAt: new Date().toISOString() };
      await writeFileAtomic(join(dir(runId), 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
      return meta;
    });

  const fileSize = async (path: string): Promise<number> => (existsSync(path) ? (await stat(path)).size : 0);

  const checkpointSteps = async (runId: string): Promise<number[]> => {
    const cdir = join(dir(runId), 'checkpoints');
    if (!existsSync(cdir)) return [];
    const names = await readdir(cdir);
    return names.filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b);
  };

  const saveCheckpoint = (runId: string, input: CheckpointInput): Promise<StoredCheckpoint> =>
    enqueue(runId, async () => {
      const runDir = dir(runId);
      const logs: LogPositions = {
        metrics: await fileSize(join(runDir, 'metrics.jsonl')),
        episodes: await fileSize(join(runDir, 'episodes.jsonl')),
      };
      const savedAt = new Date().toISOString();
      const { index, blob } = packTensors(input.agent.tensors);
      const state = {
        format: CHECKPOINT_FORMAT,
        step: input.step,
        frames: input.frames,
        savedAt,
        logs,
        loop: input.loop,
        agent: { optimizerStep: input.agent.optimizerStep, tensors: index },
        replay: input.replay !== undefined,
      };
      const staging = join(root, '.staging', `${runId}-${input.step}-${randomBytes(4).toString('hex')}`);
      const target = join(runDir, 'checkpoints', String(input.step));
      try {
        await mkdir(staging, { recursive: true });
        await writeAndSync(join(staging, 'weights.bin'), blob);
        await writeAndSync(join(staging, 'env.bin'), input.env);
        if (input.replay) {
          const parts = input.replay instanceof Uint8Array ? [input.replay] : input.replay;
          await writePartsAndSync(join(staging, 'replay.bin'), parts);
        }
        // state.json last: a folder without it is incomplete and skipped.
        await writeAndSync(join(staging, 'state.json'), JSON.stringify(state));
        await mkdir(join(runDir, 'checkpoints'), { recursive: true });
        if (existsSync(target)) await rm(target, { recursive: true, force: true });
        await rename(staging, target);
      } catch (error) {
        await rm(staging, { recursive: true, force: true });
        throw ioError(error, target);
      }
      const steps = await checkpointSteps(runId);
      for (const old of steps.slice(0, Math.max(0, steps.length - KEEP_CHECKPOINTS))) {
        await rm(join(runDir, 'checkpoints', String(old)), { recursive: true, force: true });
      }
      return { ...input, logs, savedAt };
    });

  const loadCheckpoint = async (runId: string, step: number): Promise<StoredCheckpoint> => {
    const cdir = join(dir(runId), 'checkpoints', String(step));
    const label = `Run '${runId}' checkpoint ${step}`;
    let state: {
      format: number;
      step: number;
      frames: number;
      savedAt: string;
      logs: LogPositions;
      loop: Record<string, unknown>;
      agent: { optimizerStep: number; tensors: Array<{ name: string; shape: number[]; offset: number; length: number }> };
      replay: boolean;
    };
    try {
      state = JSON.parse(await readFile(join(cdir, 'state.json'), 'utf8'));
    } catch {
      throw new RunStoreError('run-damaged', `${label} is damaged: state.json is missing or not JSON.`);
    }
    if (state.format !== CHECKPOINT_FORMAT || state.step !== step) {
      throw new RunStoreError('run-damaged', `${label}: unsupported format or wrong step.`);
    }
    const read = async (file: string): Promise<Uint8Array> => {
      try {
        return new Uint8Array(await readFile(join(cdir, file)));
      } catch {
        throw new RunStoreError('run-damaged', `${label} is damaged: ${file} is missing.`);
      }
    };
    const readReplay = async (): Promise<Uint8Array | Uint8Array[]> => {
      try {
        return await readSlabs(join(cdir, 'replay.bin'));
      } catch {
        throw new RunStoreError('run-damaged', `${label} is damaged: replay.bin is missing or unreadable.`);
      }
    };
    const tensors = unpackTensors(state.agent.tensors, await read('weights.bin'), label);
    return {
      step: state.step,
      frames: state.frames,
      loop: state.loop,
      agent: { tensors, optimizerStep: state.agent.optimizerStep },
      env: await read('env.bin'),
      replay: state.replay ? await readReplay() : undefined,
      logs: state.logs,
      savedAt: state.savedAt,
    };
  };

  const latestCheckpoint = async (runId: string): Promise<StoredCheckpoint | null> => {
    await readMeta(runId);
    const steps = await checkpointSteps(runId);
    let firstError: unknown = null;
    for (const step of steps.reverse()) {
      try {
        return await loadCheckpoint(runId, step);
      } catch (error) {
        firstError ??= error;
      }
    }
    if (firstError) throw firstError;
    return null;
  };

  const summaryOrDamaged = async (runId: string): Promise<RunSummary> => {
    try {
      return summaryOf(withLiveStatus(await readMeta(runId)));
    } catch (error) {
      return {
        id: runId,
        name: runId,
        gameId: 'unknown',
        preset: 'unknown',
        status: 'failed',
        frames: 0,
        createdAt: '',
        lastEval: null,
        bestEval: null,
        damaged: (error as Error).message,
      };
    }
  };

  return {
    kind: 'disk',
    root,
    async list() {
      if (!existsSync(root)) return [];
      const entries = await readdir(root, { withFileTypes: true });
      const ids = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
      const out = await Promise.all(ids.filter((id) => /^[A-Za-z0-9]/.test(id)).map(summaryOrDamaged));
      return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
    },
    async get(runId): Promise<RunDetail> {
      const meta = withLiveStatus(await readMeta(runId));
      const config = await readConfig(runId);
      return { summary: summaryOf(meta), config: { ...config }, meta: { ...meta } };
    },
    metrics: (runId) => readLines<MetricRecord>(runId, 'metrics.jsonl'),
    episodes: (runId) => readLines<EpisodeRecord>(runId, 'episodes.jsonl'),
    async rename(runId, name) {
      return summaryOf(await updateMeta(runId, { name: checkRunName(name) }));
    },
    async create({ name, config, meta }) {
      validateRunConfig(config);
      await mkdir(root, { recursive: true });
      const now = new Date();
      const base = makeRunId(meta.gameId, meta.preset, now);
      let id = base;
      for (let n = 2; existsSync(join(root, id)); n++) id = `${base}-${n}`;
      const full = freshRunMeta(meta, id, name, now);
      // Build the folder beside the runs and rename it in, so a half-created run never shows up.
      const staging = join(root, '.staging', `${id}-${randomBytes(4).toString('hex')}`);
      try {
        await mkdir(join(staging, 'checkpoints'), { recursive: true });
        await writeAndSync(join(staging, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
        await writeAndSync(join(staging, 'meta.json'), `${JSON.stringify(full, null, 2)}\n`);
        await writeAndSync(join(staging, 'metrics.jsonl'), '');
        await writeAndSync(join(staging, 'episodes.jsonl'), '');
        await rename(staging, join(root, id));
      } catch (error) {
        await rm(staging, { recursive: true, force: true });
        throw ioError(error, join(root, id));
      }
      return full;
    },
    readConfig,
    readMeta,
    updateMeta,
    appendMetrics: (runId, records) => append(runId, 'metrics.jsonl', records),
    appendEpisodes: (runId, records) => append(runId, 'episodes.jsonl', records),
    saveCheckpoint,
    latestCheckpoint,
    rewindLogs: (runId, logs) =>
      enqueue(runId, async () => {
        for (const [file, size] of [
          ['metrics.jsonl', logs.metrics],
          ['episodes.jsonl', logs.episodes],
        ] as const) {
          const path = join(dir(runId), file);
          if ((await fileSize(path)) > size) await truncate(path, size);
        }
      }),
  };
}
