/**
 * The composition root of `cli serve`: the backend over a worker-thread trainer and the on-disk run store,
 * with ROMs from ALE_ROMS_DIR, --roms, the app ROM folder (~/.dqn-studio/roms, where uploads go) and ale-py.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createStudioBackend, type StudioBackend } from '../ipc/backend';
import { createRunStore } from '../runs/run-store';
import { unavailableTrainer } from './unavailable';

export interface WebBackendOptions {
  readonly runsDir: string;
  readonly romDirs: readonly string[];
  /** The app ROM folder, where uploads go (default ~/.dqn-studio/roms). */
  readonly appRomDir?: string;
}

export function defaultAppRomDir(): string {
  return join(homedir(), '.dqn-studio', 'roms');
}

export async function createWebBackend(options: WebBackendOptions): Promise<StudioBackend> {
  const runsDir = resolve(options.runsDir);
  const appRomDir = options.appRomDir ?? defaultAppRomDir();
  return createStudioBackend({
    runsDir,
    romDirs: [...options.romDirs.map((d) => ({ dir: resolve(d), source: 'path' })), appRomDir],
    uploadDir: appRomDir,
    trainer: unavailableTrainer('The trainer is not built into this version yet.'),
    runStore: createRunStore(runsDir),
    shell: { kind: 'web' },
  });
}
