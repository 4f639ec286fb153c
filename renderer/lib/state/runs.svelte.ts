/**
 * State of the Runs view: the run list with its sort, filters and selection, per-run caches (details,
 * metrics, episodes) shared by the table, the hyperparameter picture and the compare view, and the
 * library actions (rename, delete with undo, restore, export, import, resume).
 */
import { SvelteSet } from 'svelte/reactivity';
import type { EpisodeRecord, RunDetail, RunSummary, StudioApi, TrainerStatus } from '../../../shared/ipc/contract';
import type { MetricRecord } from '../../../shared/metrics';
import { downloadBlob, safeFileName } from '../runs-download';
import { archiveSizeError, fetchRunArchive, fitsOneMessage, formatMiB, uploadRunArchive } from '../runs-upload';
import { WebSocketStudio } from '../studio-client';
import { filterRuns, sortRuns, unique, type SortDir, type SortKey } from '../runs-table';

export interface RunData {
  readonly detail: RunDetail;
  readonly metrics: readonly MetricRecord[];
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class RunsState {
  runs = $state<RunSummary[]>([]);
  loading = $state(false);
  loaded = $state(false);
  error = $state<string | null>(null);
  /** A short message after an action ("Renamed", "Imported …"). */
  notice = $state<{ text: string; undo?: () => void } | null>(null);

  text = $state('');
  gameId = $state('');
  status = $state('');
  sortKey = $state<SortKey>('createdAt');
  sortDir = $state<SortDir>(-1);
  /** Ids kept by the hyperparameter brush (null = no brush). */
  brushed = $state<string[] | null>(null);
  readonly selected = new SvelteSet<string>();
  view = $state<'library' | 'compare'>('library');
  /** The run the trainer is working on (from trainer:status), which cannot be resumed or deleted. */
  activeRunId = $state<string | null>(null);
  /** Ids shown in the compare view (frozen when it opened). */
  compared = $state<string[]>([]);

  // Plain caches of promises: nothing renders from them directly, so they need not be reactive.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly dataCache = new Map<string, { frames: number; status: string; data: Promise<RunData> }>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly episodeCache = new Map<string, Promise<EpisodeRecord[]>>();
  private noticeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly api: StudioApi) {}

  readonly visible = $derived(
    sortRuns(
      filterRuns(this.runs, { text: this.text, gameId: this.gameId, status: this.status, only: this.brushed }),
      this.sortKey,
      this.sortDir,
    ),
  );
  readonly games = $derived(unique(this.runs.map((r) => r.gameId).filter(Boolean)));
  readonly statuses = $derived(unique(this.runs.map((r) => (r.damaged ? 'damaged' : r.status))));
  readonly selectedRuns = $derived(this.runs.filter((r) => this.selected.has(r.id) && !r.damaged));

  async refresh(): Promise<void> {
    this.loading = true;
    try {
      this.runs = await this.api.invoke('runs:list', undefined);
      this.error = null;
      const ids = this.runs.map((r) => r.id);
      for (const id of [...this.selected]) if (!ids.includes(id)) this.selected.delete(id);
    } catch (error) {
      this.error = `Could not list runs: ${message(error)}`;
    } finally {
      this.loading = false;
      this.loaded = true;
    }
  }

  sortBy(key: SortKey): void {
    if (this.sortKey === key) this.sortDir = this.sortDir === 1 ? -1 : 1;
    else {
      this.sortKey = key;
      this.sortDir = key === 'name' || key === 'gameId' || key === 'preset' || key === 'status' ? 1 : -1;
    }
  }

  toggle(id: string, on: boolean): void {
    if (on) this.selected.add(id);
    else this.selected.delete(id);
  }

  /** Config and metrics of a run, cached until its frame count or status changes. */
  data(run: RunSummary): Promise<RunData> {
    const hit = this.dataCache.get(run.id);
    if (hit && hit.frames === run.frames && hit.status === run.status) return hit.data;
    const data = Promise.all([
      this.api.invoke('runs:get', { runId: run.id }),
      this.api.invoke('runs:metrics', { runId: run.id }),
    ]).then(([detail, metrics]) => ({ detail, metrics }));
    data.catch(() => this.dataCache.delete(run.id));
    this.dataCache.set(run.id, { frames: run.frames, status: run.status, data });
    return data;
  }

  episodes(runId: string): Promise<EpisodeRecord[]> {
    let hit = this.episodeCache.get(runId);
    if (!hit) {
      hit = this.api.invoke('runs:episodes', { runId });
      hit.catch(() => this.episodeCache.delete(runId));
      this.episodeCache.set(runId, hit);
    }
    return hit;
  }

  openCompare(): void {
    if (this.selectedRuns.length === 0) return;
    this.compared = this.selectedRuns.map((r) => r.id);
    this.view = 'compare';
  }

  say(text: string, undo?: () => void): void {
    this.notice = undo ? { text, undo } : { text };
    if (this.noticeTimer) clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => (this.notice = null), undo ? 12_000 : 4_000);
  }

  private async act(what: string, work: () => Promise<void>): Promise<boolean> {
    try {
      await work();
      this.error = null;
      return true;
    } catch (error) {
      this.error = `${what} failed: ${message(error)}`;
      return false;
    }
  }

  rename(id: string, name: string): Promise<boolean> {
    return this.act('Rename', async () => {
      const summary = await this.api.invoke('runs:rename', { runId: id, name });
      this.runs = this.runs.map((r) => (r.id === id ? summary : r));
    });
  }

  remove(run: RunSummary): Promise<boolean> {
    return this.act('Delete', async () => {
      await this.api.invoke('runs:delete', { runId: run.id });
      this.selected.delete(run.id);
      this.runs = this.runs.filter((r) => r.id !== run.id);
      this.say(`Deleted “${run.name}”. It can be restored until the app quits.`, () => void this.restore(run));
    });
  }

  restore(run: RunSummary): Promise<boolean> {
    return this.act('Restore', async () => {
      await this.api.invoke('runs:restore', { runId: run.id });
      this.notice = null;
      await this.refresh();
      this.say(`Restored “${run.name}”.`);
    });
  }

  exportRun(run: RunSummary): Promise<boolean> {
    return this.act('Export', async () => {
      const name = `${safeFileName(run.name || run.id)}.dqnrun.zip`;
      // Web mode: over HTTP, as a large zip would not fit one WebSocket message (see runs-upload.ts).
      const blob =
        this.api instanceof WebSocketStudio
          ? await fetchRunArchive(run.id)
          : new Blob([(await this.api.invoke('runs:export', { runId: run.id })) as Uint8Array<ArrayBuffer>]);
      downloadBlob(name, blob);
      this.say(`Exported “${run.name}” (${formatMiB(blob.size)}).`);
    });
  }

  importFile(file: File): Promise<boolean> {
    return this.act(`Import of ${file.name}`, async () => {
      const tooBig = archiveSizeError(file.size);
      if (tooBig) throw new Error(tooBig);
      let summary: RunSummary;
      if (this.api instanceof WebSocketStudio && !fitsOneMessage(file.size)) {
        // Too big for one WebSocket message: over HTTP to the same import handler.
        this.say(`Uploading ${file.name} (${formatMiB(file.size)})…`);
        summary = await uploadRunArchive(file);
      } else {
        summary = await this.api.invoke('runs:import', { bytes: new Uint8Array(await file.arrayBuffer()) });
      }
      await this.refresh();
      this.say(`Imported “${summary.name}” as ${summary.id}.`);
    });
  }

  trainerStatus(status: TrainerStatus): void {
    const active = ['starting', 'running', 'paused', 'stopping'].includes(status.state);
    this.activeRunId = active ? status.runId : null;
  }

  resume(run: RunSummary): Promise<boolean> {
    return this.act('Resume', async () => {
      await this.api.invoke('trainer:resume-run', { runId: run.id });
      this.say(`Resumed “${run.name}”: follow it in the Train tab.`);
      await this.refresh();
    });
  }
}
