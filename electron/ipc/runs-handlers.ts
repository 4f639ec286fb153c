/**
 * The runs:* channels over a run store: reading goes to the store, while trash, restore, export and
 * import are folder operations done here (electron/runs/trash.ts, run-archive.ts). Listing never fails
 * because of one bad folder: a folder the store cannot read is listed with `damaged` set.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EpisodeRecord, RunDetail, RunSummary } from '../../shared/ipc/contract';
import type { MetricRecord } from '../../shared/metrics';
import { diagnoseRunFolder, exportRunFolder, importRunArchive, RUN_ID_PATTERN } from '../runs/run-archive';
import { readPolicyWeights } from '../runs/policy-weights';
import { emptyTrash, restoreRun, trashRun } from '../runs/trash';
import type { Handlers } from './backend';
import { StudioFailure } from './errors';
import { runHandlers } from './handlers';
import type { RunCatalog } from './types';

/** What is needed from the run store (electron/runs): reading runs, and renaming when it can. */
export interface RunStoreReader {
  list(): Promise<readonly RunSummary[]>;
  get(runId: string): Promise<RunDetail>;
  metrics(runId: string): Promise<readonly MetricRecord[]>;
  episodes(runId: string): Promise<readonly EpisodeRecord[]>;
  rename?(runId: string, name: string): Promise<RunSummary | unknown>;
}

export interface RunsHandlersOptions {
  readonly runStore: RunStoreReader;
  readonly runsDir: string;
  /** The run the trainer is writing to, which must not be deleted or overwritten. */
  readonly activeRunId?: () => string | null;
  /** Called after a change (rename, delete, restore, import), e.g. to emit `runs:changed`. */
  readonly onChanged?: () => void;
}

export type RunsChannel =
  | 'runs:list'
  | 'runs:get'
  | 'runs:metrics'
  | 'runs:episodes'
  | 'runs:rename'
  | 'runs:delete'
  | 'runs:restore'
  | 'runs:export'
  | 'runs:import'
  | 'runs:policy';

export type RunsHandlers = Pick<Handlers, RunsChannel> & {
  /** Empties the trash: call when the app quits (deleted runs are recoverable until then). */
  dispose(): Promise<void>;
};

/** Handlers for every runs:* channel, with request checking (see handlers.ts). */
export function createRunsHandlers(options: RunsHandlersOptions): RunsHandlers {
  const inner = runHandlers(createRunCatalog(options), options.onChanged ?? (() => {}));
  // Request checks throw synchronously in handlers.ts: make every handler reject instead.
  const wrapped = Object.fromEntries(
    Object.entries(inner).map(([channel, handler]) => [
      channel,
      async (req: unknown) => (handler as (r: unknown) => Promise<unknown>)(req),
    ]),
  ) as Pick<Handlers, RunsChannel>;
  return { ...wrapped, dispose: () => emptyTrash(options.runsDir) };
}

/** The same operations as a RunCatalog, for `createStudioBackend({ runStore })`. */
export function createRunCatalog(options: RunsHandlersOptions): RunCatalog {
  const { runStore, runsDir } = options;
  const folder = (runId: string): string => join(runsDir, runId);
  const summaryOf = async (runId: string): Promise<RunSummary> => {
    try {
      return (await runStore.get(runId)).summary;
    } catch (error) {
      return damagedSummary(runId, (await diagnoseRunFolder(folder(runId))) ?? messageOf(error));
    }
  };
  const refuseActive = (runId: string, what: string): void => {
    if (options.activeRunId?.() === runId) {
      throw new StudioFailure('run-active', `Run '${runId}' is training: stop it before you ${what} it.`, 'runId');
    }
  };

  return {
    async list() {
      const folders = await runFolders(runsDir);
      let listed: readonly RunSummary[] = [];
      try {
        listed = await runStore.list();
      } catch {
        // The store gave up on the whole folder: read the runs one by one below.
      }
      const byId = new Map(listed.filter((s) => !s.id.startsWith('.')).map((s) => [s.id, s]));
      for (const id of folders) if (!byId.has(id)) byId.set(id, await summaryOf(id));
      return [...byId.values()].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
    },
    async get(runId) {
      return runStore.get(runId);
    },
    async metrics(runId) {
      return [...(await runStore.metrics(runId))];
    },
    async episodes(runId) {
      return [...(await runStore.episodes(runId))];
    },
    async rename(runId, name) {
      if (!existsSync(folder(runId))) throw new StudioFailure('run-not-found', `Run '${runId}' does not exist.`);
      if (runStore.rename) await runStore.rename(runId, name);
      else await renameInMeta(folder(runId), name);
      return summaryOf(runId);
    },
    async trash(runId) {
      refuseActive(runId, 'delete');
      return { trashed: await trashRun(runsDir, runId) };
    },
    async restore(runId) {
      await restoreRun(runsDir, runId);
      return summaryOf(runId);
    },
    async exportRun(runId) {
      if (!existsSync(folder(runId))) throw new StudioFailure('run-not-found', `Run '${runId}' does not exist.`);
      return exportRunFolder(folder(runId), runId);
    },
    async importRun(bytes) {
      return summaryOf(await importRunArchive(runsDir, bytes));
    },
    async policy(runId) {
      if (!existsSync(folder(runId))) throw new StudioFailure('run-not-found', `Run '${runId}' does not exist.`);
      return readPolicyWeights(folder(runId), runId);
    },
  };
}

/** Folder names under runsDir that could be runs (dot folders are the trash and import staging). */
async function runFolders(runsDir: string): Promise<string[]> {
  try {
    const entries = await readdir(runsDir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && RUN_ID_PATTERN.test(e.name)).map((e) => e.name);
  } catch {
    return [];
  }
}

function damagedSummary(runId: string, reason: string): RunSummary {
  return {
    id: runId,
    name: runId,
    gameId: '',
    preset: '',
    status: 'damaged',
    frames: 0,
    createdAt: '',
    lastEval: null,
    bestEval: null,
    damaged: reason,
  };
}

/** Fallback rename for stores without one: rewrite meta.json atomically (temp file + rename). */
async function renameInMeta(runDir: string, name: string): Promise<void> {
  const path = join(runDir, 'meta.json');
  const meta = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, JSON.stringify({ ...meta, name }, null, 2));
  await rename(temp, path);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
