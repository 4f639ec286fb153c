/**
 * TrainerPort adapters for Electron's utilityProcess, typed structurally so this module does not import
 * Electron. Parent (main process): `connectTrainerHost(utilityProcessPort(child), loadRom)`.
 * Child (the utility process entry): `runTrainerChild(utilityParentPort(process.parentPort), options)`.
 */
import type { TrainerMessage, TrainerPort } from './protocol';

interface UtilityProcessLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  off(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

export function utilityProcessPort(child: UtilityProcessLike): TrainerPort {
  return {
    post: (message) => child.postMessage(message),
    onMessage(listener) {
      const handler = (message: unknown): void => listener(message as TrainerMessage);
      child.on('message', handler);
      return () => void child.off('message', handler);
    },
  };
}

export function utilityParentPort(parentPort: ParentPortLike): TrainerPort {
  return {
    post: (message) => parentPort.postMessage(message),
    onMessage(listener) {
      const handler = (event: { data: unknown }): void => listener(event.data as TrainerMessage);
      parentPort.on('message', handler);
      return () => void parentPort.off('message', handler);
    },
  };
}
