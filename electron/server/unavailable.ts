/** Stand-ins used when a layer is missing, so the shell still starts and says clearly what is absent. */
import type { TrainerStatus } from '../../shared/ipc/contract';
import { StudioFailure } from '../ipc/errors';
import type { TrainerHost } from '../trainer/types';

export const IDLE_STATUS: TrainerStatus = {
  state: 'idle',
  runId: null,
  frames: 0,
  steps: 0,
  episodes: 0,
  frameBudget: 0,
  elapsed: 0,
  eta: null,
  fps: 0,
  display: 'turbo',
};

export function unavailableTrainer(reason: string): TrainerHost {
  const fail = async (): Promise<never> => {
    throw new StudioFailure('trainer-unavailable', reason);
  };
  return {
    status: () => IDLE_STATUS,
    start: fail,
    resumeRun: fail,
    pause: fail,
    resume: fail,
    stop: fail,
    setDisplay: fail,
    on: () => () => {},
    dispose: async () => {},
  };
}
