/**
 * The composition root of `cli serve`: the backend with a worker-thread trainer, the on-disk run store
 * and ROM discovery (ALE_ROMS_DIR, --roms, the app ROM folder, ale-py).
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createStudioBackend, type StudioBackend } from '../ipc/backend';
import { romDirResolver } from '../ipc/rom-dirs';
import type { RomIdentifier } from '../ipc/rom-library';
import type { PresetInfo } from '../../shared/ipc/contract';
import { PRESET_NAMES, PRESETS } from '../../shared/run-config';
import { unavailableRuns, unavailableTrainer } from './unavailable';

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
  const identifyRom: RomIdentifier = () => null;
  const presets = (): PresetInfo[] =>
    PRESET_NAMES.map((name) => ({ name, ...PRESETS[name], config: { ...PRESETS[name].config } }));
  return createStudioBackend({
    runsDir,
    romDirs: romDirResolver({ extra: options.romDirs.map((d) => resolve(d)), appDir: appRomDir }),
    uploadDir: appRomDir,
    identifyRom,
    trainer: unavailableTrainer('The trainer is not built into this version yet.'),
    runStore: unavailableRuns('The run store is not built into this version yet.'),
    presets,
    shell: { kind: 'web' },
  });
}
