/**
 * The app's TrainerHost: training runs in an Electron utilityProcess (a separate OS process, so neither
 * the main process nor the window ever waits on a training step), speaking the same message protocol as
 * the worker-thread host used by the CLI and web mode.
 */
import { utilityProcess, type UtilityProcess } from 'electron';
import type { TrainerChildOptions } from '../trainer/child';
import type { LoadedRom } from '../trainer/deps';
import { utilityProcessPort } from '../trainer/ports';
import { connectTrainerHost, type RemoteTrainerHost } from '../trainer/protocol';
import type { TrainerHost } from '../trainer/types';

export interface UtilityTrainerHostOptions extends TrainerChildOptions {
  readonly entry: string;
  readonly loadRom: (gameId: string) => Promise<LoadedRom>;
}

export interface UtilityTrainerHost extends TrainerHost {
  readonly ready: Promise<void>;
}

export function startUtilityTrainerHost(options: UtilityTrainerHostOptions): UtilityTrainerHost {
  const { entry, loadRom, ...childOptions } = options;
  const child: UtilityProcess = utilityProcess.fork(entry, [JSON.stringify(childOptions)], {
    serviceName: 'DQN Studio trainer',
    stdio: 'inherit',
  });
  const remote: RemoteTrainerHost = connectTrainerHost(utilityProcessPort(child), loadRom);
  let exited = false;
  child.on('exit', (code) => {
    exited = true;
    if (code !== 0) remote.fail(`The trainer process exited with code ${code}.`);
  });
  return {
    ...remote,
    async dispose(): Promise<void> {
      if (exited) return;
      try {
        await remote.dispose(); // stops a running run after its final checkpoint
      } finally {
        child.kill();
      }
    },
  };
}
