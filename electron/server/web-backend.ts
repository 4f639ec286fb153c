/**
 * The composition root of `cli serve`: the backend over a worker-thread trainer and the on-disk run store, with ROMs
 * from ALE_ROMS_DIR, --roms, the app ROM folder (~/.dqn-studio/roms, where uploads go) and ale-py.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createStudioBackend, type StudioBackend } from '../ipc/backend';
import { packageInfo } from '../cli/version';
import { createRunStore } from '../runs/run-store';
import { WorkerTrainerHost } from '../trainer/worker-host';

export interface WebBackendOptions {
  readonly runsDir: string;
  readonly romDirs: readonly string[];
  /** The app ROM folder, where uploads go (default ~/.dqn-studio/roms). */
  readonly appRomDir?: string;
  /** Synthetic env and agent instead of ALE + TensorFlow.js (demos, UI work). */
  readonly synthetic?: boolean;
}

export function defaultAppRomDir(): string {
  return join(homedir(), '.dqn-studio', 'roms');
}

export async function createWebBackend(options: WebBackendOptions): Promise<StudioBackend> {
  const runsDir = resolve(options.runsDir);
  const appRomDir = options.appRomDir ?? defaultAppRomDir();
  const store = createRunStore(runsDir);
  // The trainer loads ROMs through the backend's library (the same folders the UI lists).
  let backend: StudioBackend | null = null;
  const loadRom = async (gameId: string): Promise<{ bytes: Uint8Array; fileName: string }> => ({
    bytes: await backend!.invoke('roms:bytes', { gameId }),
    fileName: `${gameId}.bin`,
  });
  // Training runs on a worker thread: the server's event loop (HTTP, WebSocket) never waits for it.
  const trainer = new WorkerTrainerHost({
    runsDir,
    loadRom,
    synthetic: options.synthetic,
    versions: { app: packageInfo().version },
  });
  await trainer.ready;
  backend = createStudioBackend({
    runsDir,
    romDirs: [...options.romDirs.map((d) => ({ dir: resolve(d), source: 'path' })), appRomDir],
    uploadDir: appRomDir,
    trainer,
    runStore: store,
    shell: { kind: 'web' },
  });
  return backend;
}
