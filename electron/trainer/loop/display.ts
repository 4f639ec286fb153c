/** Builds the DisplayFrame the UI shows: screen, the agent's observation and its Q-values. */
import type { DisplayFrame } from '../../../shared/ipc/contract';

export function displayFrame(input: {
  runId: string;
  frames: number;
  steps: number;
  screen: Uint8Array;
  observation: Uint8Array;
  height: number;
  width: number;
  channels: number;
  qValues: Float32Array;
  actionNames: readonly string[];
  action: number;
  epsilon: number;
}): DisplayFrame {
  return {
    runId: input.runId,
    frames: input.frames,
    steps: input.steps,
    // Copies: the env and the loop reuse their buffers, and frames may cross a thread.
    screen: Uint8Array.from(input.screen),
    observation: {
      width: input.width,
      height: input.height,
      channels: input.channels,
      data: Uint8Array.from(input.observation),
    },
    qValues: Array.from(input.qValues),
    actionNames: input.actionNames,
    action: input.action,
    epsilon: input.epsilon,
  };
}
