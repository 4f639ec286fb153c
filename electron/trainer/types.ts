/**
 * The `TrainerHost` seam: whoever runs training (in-process for tests, a worker thread for the CLI and
 * web mode, Electron's utilityProcess in the app) looks the same to the UI layers.
 */
import type { DisplayFrame, DisplayMode, NewRunRequest, TrainerStatus } from '../../shared/ipc/contract';
import type { MetricRecord } from '../../shared/metrics';

export interface TrainerEvents {
  status: (status: TrainerStatus) => void;
  metrics: (records: readonly MetricRecord[]) => void;
  frame: (frame: DisplayFrame) => void;
}

export interface TrainerHost {
  status(): TrainerStatus;
  /** Creates a run in the run store and starts training it. Rejects if a run is already active. */
  start(request: NewRunRequest): Promise<TrainerStatus>;
  /** Continues a saved run from its last checkpoint. */
  resumeRun(runId: string): Promise<TrainerStatus>;
  pause(): Promise<TrainerStatus>;
  resume(): Promise<TrainerStatus>;
  /** Stops after writing a final checkpoint; resolves when the run folder is complete. */
  stop(): Promise<TrainerStatus>;
  setDisplay(mode: DisplayMode, enabled: boolean): Promise<TrainerStatus>;
  on<E extends keyof TrainerEvents>(event: E, listener: TrainerEvents[E]): () => void;
  dispose(): Promise<void>;
}
