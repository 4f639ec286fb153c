/** What the backend needs from the layers below it (implemented by electron/runs, electron/trainer, the shells). */
import type { EpisodeRecord, PresetInfo, RunDetail, RunSummary } from '../../shared/ipc/contract';
import type { MetricRecord } from '../../shared/metrics';
import type { TrainerHost } from '../trainer/types';
import type { RomDir, RomIdentifier } from './rom-library';

/** The run folder operations behind the runs:* channels. */
export interface RunCatalog {
  list(): Promise<RunSummary[]>;
  get(runId: string): Promise<RunDetail>;
  metrics(runId: string): Promise<MetricRecord[]>;
  episodes(runId: string): Promise<EpisodeRecord[]>;
  rename(runId: string, name: string): Promise<RunSummary>;
  /** Moves the run to the trash; returns where it went. */
  trash(runId: string): Promise<{ trashed: string }>;
  restore(runId: string): Promise<RunSummary>;
  exportRun(runId: string): Promise<Uint8Array>;
  importRun(bytes: Uint8Array): Promise<RunSummary>;
}

/** What differs between the Electron app and `cli serve`. */
export interface ShellAdapter {
  readonly kind: 'electron' | 'web';
  readonly electronVersion?: string;
  /** A native "open ROM" dialog; returns the chosen file's path, or null when cancelled. Absent in web mode. */
  chooseRomFile?(): Promise<string | null>;
}

export interface StudioBackendOptions {
  readonly runsDir: string;
  /** Folders searched for ROMs, in order; or a resolver (e.g. one that also probes ale-py). */
  readonly romDirs: readonly RomDir[] | (() => Promise<readonly RomDir[]>);
  /** Where `roms:add` stores uploads. */
  readonly uploadDir?: string;
  readonly identifyRom: RomIdentifier;
  readonly trainer: TrainerHost;
  readonly runStore: RunCatalog;
  readonly presets: () => readonly PresetInfo[];
  readonly shell: ShellAdapter;
  /** Package name and version (defaults to package.json). */
  readonly app?: { readonly name: string; readonly version: string };
}
