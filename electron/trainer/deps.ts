/**
 * What the trainer is built from. `loadRealDeps` wires the ALE env, the TensorFlow.js agent and the
 * frame replay; `syntheticDeps` swaps in the synthetic env and pure-JS agent (tests, `--synthetic`).
 */
import type { AgentOptions, BackendInfo, BackendName, DqnAgent } from '../agent/types';
import type { Env, EnvOptions } from '../ale/types';
import type { ReplayBuffer, ReplayOptions } from '../replay/types';
import type { RunStore } from '../runs/types';
import { createSyntheticAgent } from './synthetic/synthetic-agent';
import { createSyntheticEnv } from './synthetic/synthetic-env';

export interface LoadedRom {
  readonly bytes: Uint8Array;
  readonly fileName?: string;
}

export interface TrainerDeps {
  readonly store: RunStore;
  /** The ROM for a game id (the UI's ROM library, or the CLI's --rom). */
  readonly loadRom: (gameId: string) => Promise<LoadedRom>;
  readonly createEnv: (rom: Uint8Array, options: EnvOptions & { fileName?: string }) => Env;
  readonly createAgent: (options: AgentOptions) => DqnAgent;
  readonly createReplay: (options: ReplayOptions) => ReplayBuffer;
  readonly initBackend: (preference?: BackendName | 'auto') => Promise<BackendInfo>;
  readonly md5: (bytes: Uint8Array) => string;
  readonly backend?: BackendName | 'auto';
  /** Recorded in meta.json (app version, ...); node and tfjs are added. */
  readonly versions?: Readonly<Record<string, string>>;
}

export type DepsBase = Pick<TrainerDeps, 'store' | 'loadRom' | 'backend' | 'versions'>;

export async function loadRealDeps(base: DepsBase): Promise<TrainerDeps> {
  const [{ createAleEnv }, { createDqnAgent }, { createReplayBuffer }, { initBackend }, { md5Hex }] = await Promise.all(
    [
      import('../ale/env'),
      import('../agent/dqn-agent'),
      import('../replay/replay-buffer'),
      import('../agent/backend'),
      import('../ale/md5'),
    ],
  );
  return {
    ...base,
    createEnv: createAleEnv,
    createAgent: createDqnAgent,
    createReplay: createReplayBuffer,
    initBackend,
    md5: md5Hex,
  };
}

export async function syntheticDeps(base: Partial<DepsBase> & Pick<DepsBase, 'store'>): Promise<TrainerDeps> {
  const { createReplayBuffer } = await import('../replay/replay-buffer');
  return {
    loadRom: async () => ({ bytes: new Uint8Array(4096), fileName: 'synthetic.bin' }),
    ...base,
    createEnv: (_rom, options) => createSyntheticEnv(options),
    createAgent: createSyntheticAgent,
    createReplay: createReplayBuffer,
    initBackend: async () => ({ name: 'cpu', detail: 'synthetic (pure JS, no TensorFlow)', tfjsVersion: 'none' }),
    md5: () => '00000000000000000000000000000000',
  };
}
