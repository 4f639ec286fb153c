/** What the backend needs from the layers below it (implemented by electron/runs, electron/trainer, the shells). */
import type { EpisodeRecord, PolicyWeights, PresetInfo, RunDetail, RunSummary } from '../../shared/ipc/contract';
import type { MetricRecord } from '../../shared/metrics';
import type { TrainerHost } from '../trainer/types';
import type { RomDir, RomIdentifier } from './rom-library';
import type { RunStoreReader } from './runs-handlers';

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
  /** The newest checkpoint's online network (electron/runs/policy-weights.ts). */
  policy(runId: string): Promise<PolicyWeights>;
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
  /**
   * ROM folders, in search order. A plain path is an app ROM folder (source 'app'; the first one also
   * receives uploads). ALE_ROMS_DIR is searched before them and an installed ale-py's roms folder after.
   */
  readonly romDirs: readonly (string | RomDir)[];
  /** Where `roms:add` stores uploads (default: the first plain romDirs path). */
  readonly uploadDir?: string;
  /** Search ALE_ROMS_DIR and ale-py too (default true; tests turn it off). */
  readonly discoverRoms?: boolean;
  readonly trainer: TrainerHost;
  /** The run store (electron/runs), or a ready RunCatalog. */
  readonly runStore: RunStoreReader | RunCatalog;
  readonly shell: ShellAdapter;
  /** Defaults: electron/ale/roms.ts (md5 only) and shared/run-config.ts's presets. */
  readonly identifyRom?: RomIdentifier;
  readonly presets?: () => readonly PresetInfo[];
  /** Package name and version (defaults to package.json). */
  readonly app?: { readonly name: string; readonly version: string };
}
