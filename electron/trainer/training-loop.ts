/** Runs the loop family a run config names. Pure: runs unchanged in-process, in a worker, in tests. */
import { runNotebookTraining } from './loop/notebook-loop';
import { runReplayTraining } from './loop/replay-loop';
import type { LoopContext, LoopOutcome } from './loop/types';

export type { LoopCheckpoint, LoopContext, LoopControl, LoopOutcome, LoopProgress, LoopSink } from './loop/types';

export function runTraining(ctx: LoopContext): Promise<LoopOutcome> {
  const { config } = ctx;
  return config.algorithm === 'notebook' ? runNotebookTraining(ctx, config) : runReplayTraining(ctx, config);
}
