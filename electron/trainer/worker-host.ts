/**
 * A TrainerHost whose loop runs on a worker thread, so the caller's event loop (web server, CLI) never
 * stalls. From sources (tsx) the worker first registers tsx's ESM loader (Node 20 does not carry the
 * parent's module hooks into workers) and then imports the .ts entry; from a build it loads the .js.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DisplayMode, NewRunRequest, TrainerStatus } from '../../shared/ipc/contract';
import type { TrainerChildOptions } from './child';
import type { LoadedRom } from './deps';
import { connectTrainerHost, type RemoteTrainerHost, type TrainerMessage, type TrainerPort } from './protocol';
import type { TrainerEvents, TrainerHost } from './types';

export interface WorkerTrainerHostOptions extends TrainerChildOptions {
  /** Supplies ROM bytes for a game id (asked for by the worker at start/resume). */
  readonly loadRom: (gameId: string) => Promise<LoadedRom>;
  /** Override the worker entry file. */
  readonly entry?: URL;
}

export function defaultWorkerEntry(): URL {
  const ts = new URL('./worker-entry.ts', import.meta.url);
  return existsSync(fileURLToPath(ts)) ? ts : new URL('./worker-entry.js', import.meta.url);
}

function spawnWorker(entry: URL, workerData: TrainerChildOptions): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}

export class WorkerTrainerHost implements TrainerHost {
  readonly worker: Worker;
  private readonly remote: RemoteTrainerHost;
  private exited = false;

  constructor(options: WorkerTrainerHostOptions) {
    const { loadRom, entry, ...childOptions } = options;
    this.worker = spawnWorker(entry ?? defaultWorkerEntry(), childOptions);
    const worker = this.worker;
    const port: TrainerPort = {
      post: (message) => worker.postMessage(message),
      onMessage(listener) {
        const handler = (message: TrainerMessage): void => listener(message);
        worker.on('message', handler);
        return () => worker.off('message', handler);
      },
    };
    this.remote = connectTrainerHost(port, loadRom);
    worker.on('error', (error) => this.remote.fail(`The trainer worker failed: ${error.message}`));
    worker.on('exit', (code) => {
      this.exited = true;
      if (code !== 0) this.remote.fail(`The trainer worker exited with code ${code}.`);
    });
  }

  get ready(): Promise<void> {
    return this.remote.ready;
  }

  status(): TrainerStatus {
    return this.remote.status();
  }
  start(request: NewRunRequest): Promise<TrainerStatus> {
    return this.remote.start(request);
  }
  resumeRun(runId: string): Promise<TrainerStatus> {
    return this.remote.resumeRun(runId);
  }
  pause(): Promise<TrainerStatus> {
    return this.remote.pause();
  }
  resume(): Promise<TrainerStatus> {
    return this.remote.resume();
  }
  stop(): Promise<TrainerStatus> {
    return this.remote.stop();
  }
  setDisplay(mode: DisplayMode, enabled: boolean): Promise<TrainerStatus> {
    return this.remote.setDisplay(mode, enabled);
  }
  on<E extends keyof TrainerEvents>(event: E, listener: TrainerEvents[E]): () => void {
    return this.remote.on(event, listener);
  }
  /** Stops any run (final checkpoint written), then ends the worker. */
  async dispose(): Promise<void> {
    if (!this.exited) {
      try {
        await this.remote.dispose();
      } finally {
        await this.worker.terminate();
      }
    }
  }
}
