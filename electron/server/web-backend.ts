/**
 * The composition root of `cli serve`: the backend over the trainer and the on-disk run store, with ROMs
 * from ALE_ROMS_DIR, --roms, the app ROM folder (~/.dqn-studio/roms, where uploads go) and ale-py.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createStudioBackend, type StudioBackend } from '../ipc/backend';
import { packageInfo } from '../cli/version';
import { createRunStore } from '../runs/run-store';
import { loadRealDeps } from '../trainer/deps';
import { InProcessTrainerHost } from '../trainer/in-process-host';

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
  const store = createRunStore(runsDir);
  // The trainer loads ROMs through the backend's library (the same folders the UI lists).
  let backend: StudioBackend | null = null;
  const loadRom = async (gameId: string): Promise<{ bytes: Uint8Array; fileName: string }> => ({
    bytes: await backend!.invoke('roms:bytes', { gameId }),
    fileName: `${gameId}.bin`,
  });
  const deps = await loadRealDeps({ store, loadRom, versions: { app: packageInfo().version } });
  const trainer = new InProcessTrainerHost(deps);
  backend = createStudioBackend({
    runsDir,
    romDirs: [...options.romDirs.map((d) => ({ dir: resolve(d), source: 'path' })), appRomDir],
    uploadDir: appRomDir,
    trainer,
    runStore: store,
    shell: { kind: 'web' },
  });
  const inner = backend;
  return {
    ...inner,
    async dispose() {
      // Stop a running run cleanly (final checkpoint) before the process exits.
      if (['running', 'paused', 'starting'].includes(trainer.status().state)) await trainer.stop().catch(() => {});
      await trainer.dispose();
      await inner.dispose();
    },
  };
}
