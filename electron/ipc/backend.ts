/**
 * The studio backend: every InvokeMap channel and the EventMap relay, with no Electron imports, so the
 * Electron main (ipcMain/webContents.send) and `cli serve` (WebSocket bridge) are thin adapters over it.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type {
  EventChannel,
  EventMap,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  PresetInfo,
  StudioApi,
  StudioError,
} from '../../shared/ipc/contract';
import { isInvokeChannel } from '../../shared/ipc/contract';
import { PRESET_NAMES, PRESETS } from '../../shared/run-config';
import { emptyTrash } from '../runs/trash';
import type { TrainerHost } from '../trainer/types';
import { packageInfo } from '../cli/version';
import { gateDisplay } from './display-gate';
import { StudioEvents } from './emitter';
import { requireString, StudioFailure, toStudioError } from './errors';
import { runHandlers, trainerHandlers } from './handlers';
import { findAlePyRomDir, romDirResolver } from './rom-dirs';
import { aleRomIdentifier } from './rom-identify';
import { RomLibrary, type RomDir } from './rom-library';
import { createRunCatalog } from './runs-handlers';
import type { RunCatalog, StudioBackendOptions } from './types';

export type Handlers = {
  [C in InvokeChannel]: (req: InvokeRequest<C>) => Promise<InvokeResponse<C>>;
};

export type InvokeOutcome<C extends InvokeChannel> =
  { readonly ok: true; readonly res: InvokeResponse<C> } | { readonly ok: false; readonly error: StudioError };

export interface StudioBackend extends StudioApi {
  /** Like invoke, but never throws: adapters send the outcome as is (errors already plain objects). */
  invokeSafe<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeOutcome<C>>;
  /** True when some listener is subscribed (the bridge skips encoding frames nobody watches). */
  hasListeners(channel: EventChannel): boolean;
  /** Disposes the trainer (a running run stops with a final checkpoint), then empties the runs trash. */
  dispose(): Promise<void>;
}

export function createStudioBackend(options: StudioBackendOptions): StudioBackend {
  const events = new StudioEvents();
  const explicit: RomDir[] = options.romDirs.map((d) => (typeof d === 'string' ? { dir: d, source: 'app' } : d));
  const uploadDir = options.uploadDir ?? explicit.find((d) => d.source === 'app')?.dir;
  const discover = options.discoverRoms !== false;
  // Start the (cached) ale-py probe now, so the first roms:list does not wait for python3.
  if (discover) void findAlePyRomDir();
  const roms = new RomLibrary(
    romDirResolver({ explicit: explicit.filter((d) => d.dir !== uploadDir), env: discover, alePy: discover }),
    options.identifyRom ?? aleRomIdentifier,
    uploadDir,
  );
  const presets = options.presets ?? defaultPresets;
  // The trainer builds turbo frames only while some window or socket subscribes to them.
  const display = gateDisplay(options.trainer, () => events.has('trainer:frame'));
  events.watchListeners('trainer:frame', () => display.demandChanged());
  const runStore: RunCatalog = isRunCatalog(options.runStore)
    ? options.runStore
    : createRunCatalog({
        runStore: options.runStore,
        runsDir: options.runsDir,
        activeRunId: () => activeRunId(options.trainer),
      });
  const handlers: Handlers = {
    'app:version': async () => {
      const app = options.app ?? packageInfo();
      const base = { name: app.name, version: app.version, shell: options.shell.kind, node: process.versions.node };
      return options.shell.electronVersion ? { ...base, electron: options.shell.electronVersion } : base;
    },
    'roms:list': () => roms.list(),
    'roms:add': async (req) => {
      const r = req as { name?: unknown; bytes?: unknown } | undefined;
      if (!(r?.bytes instanceof Uint8Array)) throw new StudioFailure('bad-request', 'No ROM bytes were sent.', 'bytes');
      const name = typeof r.name === 'string' && r.name ? basename(r.name) : 'ROM';
      const info = await roms.add(name, r.bytes);
      return info;
    },
    'roms:choose': async () => {
      if (!options.shell.chooseRomFile) return null;
      const path = await options.shell.chooseRomFile();
      if (!path) return null;
      return roms.add(basename(path), new Uint8Array(await readFile(path)));
    },
    'roms:bytes': async (req) => roms.bytes(requireString(req, 'gameId')),
    'presets:list': async () => [...presets()],
    ...trainerHandlers(display.trainer, roms),
    'trainer:frames': async () => {
      // Reached only when a shell forwards it: the shells keep frame subscriptions per window or socket.
      throw new StudioFailure('bad-request', "'trainer:frames' is answered by the window's connection.");
    },
    ...runHandlers(runStore, () => events.emit('runs:changed', undefined)),
  };

  const unsubscribers = [
    options.trainer.on('status', (status) => {
      events.emit('trainer:status', status);
      if (status.state === 'stopped' || status.state === 'finished' || status.state === 'failed') {
        events.emit('runs:changed', undefined);
      }
    }),
    options.trainer.on('metrics', (records) => events.emit('trainer:metrics', records)),
    options.trainer.on('frame', (frame) => {
      if (events.has('trainer:frame')) events.emit('trainer:frame', frame);
    }),
  ];

  async function invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>> {
    if (!isInvokeChannel(channel)) throw new StudioFailure('unknown-channel', `Unknown channel '${String(channel)}'.`);
    try {
      return await (handlers[channel] as (req: InvokeRequest<C>) => Promise<InvokeResponse<C>>)(request);
    } catch (error) {
      const e = toStudioError(error);
      throw new StudioFailure(e.code, e.message, e.field);
    }
  }

  return {
    invoke,
    async invokeSafe(channel, request) {
      try {
        return { ok: true, res: await invoke(channel, request) };
      } catch (error) {
        return { ok: false, error: toStudioError(error) };
      }
    },
    on<C extends EventChannel>(channel: C, listener: (payload: EventMap[C]) => void) {
      return events.on(channel, listener);
    },
    hasListeners: (channel) => events.has(channel),
    async dispose() {
      // The shells quit through here: a running run stops with its final checkpoint first.
      await options.trainer.dispose().catch((error: unknown) => console.error('trainer dispose failed:', error));
      for (const off of unsubscribers) off();
      events.clear();
      // Deleted runs stay restorable until the studio closes (electron/runs/trash.ts).
      await emptyTrash(options.runsDir).catch(() => {});
    },
  };
}

export function defaultPresets(): PresetInfo[] {
  return PRESET_NAMES.map((name) => {
    const { title, description, config } = PRESETS[name];
    return { name, title, description, config: { ...config } };
  });
}

function isRunCatalog(store: unknown): store is RunCatalog {
  return typeof (store as RunCatalog).trash === 'function' && typeof (store as RunCatalog).exportRun === 'function';
}

const ACTIVE_STATES = new Set(['starting', 'running', 'paused', 'stopping']);

function activeRunId(trainer: TrainerHost): string | null {
  const status = trainer.status();
  return ACTIVE_STATES.has(status.state) ? status.runId : null;
}
