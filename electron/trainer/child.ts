/**
 * The trainer's child side, shared by the worker_threads entry and Electron's utility process: a disk
 * run store, the real (or synthetic) deps with ROMs fetched from the parent, an InProcessTrainerHost,
 * all served over a TrainerPort.
 */
import type { BackendName } from '../agent/types';
import { createRunStore } from '../runs/run-store';
import { loadRealDeps, syntheticDeps } from './deps';
import { InProcessTrainerHost } from './in-process-host';
import { remoteRomLoader, serveTrainerHost, type TrainerPort } from './protocol';

export interface TrainerChildOptions {
  readonly runsDir: string;
  /** Synthetic env and pure-JS agent instead of ALE + TensorFlow.js (tests, demos). */
  readonly synthetic?: boolean;
  readonly backend?: BackendName | 'auto';
  readonly versions?: Readonly<Record<string, string>>;
}

export async function runTrainerChild(port: TrainerPort, options: TrainerChildOptions): Promise<InProcessTrainerHost> {
  const store = createRunStore(options.runsDir);
  const base = { store, loadRom: remoteRomLoader(port), backend: options.backend, versions: options.versions };
  const deps = options.synthetic ? await syntheticDeps(base) : await loadRealDeps(base);
  const host = new InProcessTrainerHost(deps);
  serveTrainerHost(host, port);
  return host;
}
