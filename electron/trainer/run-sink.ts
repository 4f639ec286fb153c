/**
 * Where loop output goes: run-folder writes (queued in order; the first write error stops the run) and
 * callbacks for the host's events. Checkpoints wait for every queued append so the log positions they
 * record are exact.
 */
import type { DisplayFrame } from '../../shared/ipc/contract';
import type { MetricRecord } from '../../shared/metrics';
import type { RunStore } from '../runs/types';
import type { LoopProgress, LoopSink } from './loop/types';

export interface RunSinkOptions {
  readonly store: RunStore;
  readonly runId: string;
  readonly lastEval: number | null;
  readonly bestEval: number | null;
  /** Called once, on the first failed write (the host stops the loop). */
  readonly onWriteError: (error: Error) => void;
  readonly onMetrics: (records: readonly MetricRecord[]) => void;
  readonly onFrame: (frame: DisplayFrame) => void;
  readonly onProgress: (progress: LoopProgress) => void;
  /** Episodes counted so far (for meta.json at checkpoints). */
  readonly episodes: () => number;
}

export interface RunSink {
  readonly sink: LoopSink;
  /** Waits for queued writes; throws the first write error. */
  settle(): Promise<void>;
  readonly writeError: Error | null;
  evals(): { lastEval: number | null; bestEval: number | null };
}

export function createRunSink(o: RunSinkOptions): RunSink {
  let writes: Promise<unknown> = Promise.resolve();
  let writeError: Error | null = null;
  let { lastEval, bestEval } = o;
  const track = (p: Promise<unknown>): void => {
    writes = writes
      .then(() => p)
      .catch((error: Error) => {
        if (writeError) return;
        writeError = error;
        o.onWriteError(error);
      });
  };
  const settle = async (): Promise<void> => {
    await writes;
    if (writeError) throw writeError;
  };
  const sink: LoopSink = {
    metrics(records) {
      track(o.store.appendMetrics(o.runId, records));
      for (const r of records) {
        if (r.kind !== 'eval') continue;
        lastEval = r.mean;
        bestEval = bestEval === null ? r.mean : Math.max(bestEval, r.mean);
      }
      o.onMetrics(records);
    },
    episodes: (records) => track(o.store.appendEpisodes(o.runId, records)),
    frame: o.onFrame,
    progress: o.onProgress,
    async checkpoint(c) {
      await settle();
      await o.store.saveCheckpoint(o.runId, c);
      await o.store.updateMeta(o.runId, {
        frames: c.frames,
        steps: c.step,
        episodes: o.episodes(),
        checkpoint: c.step,
        lastEval,
        bestEval,
      });
    },
  };
  return {
    sink,
    settle,
    get writeError() {
      return writeError;
    },
    evals: () => ({ lastEval, bestEval }),
  };
}
