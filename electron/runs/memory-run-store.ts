/** The in-memory run store: same behaviour as the disk store, nothing persisted (tests, previews). */
import type { EpisodeRecord } from '../../shared/ipc/contract';
import type { MetricRecord } from '../../shared/metrics';
import { validateRunConfig, type RunConfig } from '../../shared/run-config';
import {
  checkRunName,
  freshRunMeta,
  makeRunId,
  RunStoreError,
  summaryOf,
  type CheckpointInput,
  type RunMeta,
  type RunStore,
  type StoredCheckpoint,
} from './types';

interface MemoryRun {
  meta: RunMeta;
  config: RunConfig;
  metrics: MetricRecord[];
  episodes: EpisodeRecord[];
  checkpoints: StoredCheckpoint[];
}

const clone = <T>(value: T): T => structuredClone(value);

export function createMemoryRunStore(): RunStore {
  const runs = new Map<string, MemoryRun>();
  const run = (runId: string): MemoryRun => {
    const found = runs.get(runId);
    if (!found) throw new RunStoreError('run-not-found', `Run '${runId}' does not exist.`);
    return found;
  };
  const updateMeta = async (runId: string, patch: Partial<RunMeta>): Promise<RunMeta> => {
    const r = run(runId);
    r.meta = { ...r.meta, ...clone(patch), id: runId, updatedAt: new Date().toISOString() };
    return clone(r.meta);
  };
  return {
    kind: 'memory',
    async list() {
      return [...runs.values()].map((r) => summaryOf(r.meta)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
    async get(runId) {
      const r = run(runId);
      return { summary: summaryOf(r.meta), config: clone({ ...r.config }), meta: clone({ ...r.meta }) };
    },
    metrics: async (runId) => clone(run(runId).metrics),
    episodes: async (runId) => clone(run(runId).episodes),
    async rename(runId, name) {
      return summaryOf(await updateMeta(runId, { name: checkRunName(name) }));
    },
    async create({ name, config, meta }) {
      validateRunConfig(config);
      const now = new Date();
      const base = makeRunId(meta.gameId, meta.preset, now);
      let id = base;
      for (let n = 2; runs.has(id); n++) id = `${base}-${n}`;
      const full = freshRunMeta(clone(meta), id, name, now);
      runs.set(id, { meta: full, config: clone(config), metrics: [], episodes: [], checkpoints: [] });
      return clone(full);
    },
    readConfig: async (runId) => clone(run(runId).config),
    readMeta: async (runId) => clone(run(runId).meta),
    updateMeta,
    async appendMetrics(runId, records) {
      run(runId).metrics.push(...clone(records));
    },
    async appendEpisodes(runId, records) {
      run(runId).episodes.push(...clone(records));
    },
    async saveCheckpoint(runId, input: CheckpointInput) {
      const r = run(runId);
      const stored: StoredCheckpoint = {
        ...clone(input),
        logs: { metrics: r.metrics.length, episodes: r.episodes.length },
        savedAt: new Date().toISOString(),
      };
      r.checkpoints = [...r.checkpoints.filter((c) => c.step !== input.step), stored].slice(-2);
      return clone(stored);
    },
    async latestCheckpoint(runId) {
      const last = run(runId).checkpoints.at(-1);
      return last ? clone(last) : null;
    },
    async rewindLogs(runId, logs) {
      const r = run(runId);
      r.metrics.length = Math.min(r.metrics.length, logs.metrics);
      r.episodes.length = Math.min(r.episodes.length, logs.episodes);
    },
  };
}
