/**
 * Entry of the trainer's utilityProcess: the trainer child (run store, ALE, TensorFlow.js) served on
 * `process.parentPort`. Options arrive as one JSON argument (TrainerChildOptions).
 */
import { runTrainerChild, type TrainerChildOptions } from '../trainer/child';
import type { TrainerMessage, TrainerPort } from '../trainer/protocol';

interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  off(event: 'message', listener: (event: { data: unknown }) => void): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!parentPort) throw new Error('trainer-process must run in an Electron utility process');
const port = parentPort;
const options = JSON.parse(process.argv[process.argv.length - 1] ?? '{}') as TrainerChildOptions;

const trainerPort: TrainerPort = {
  post: (message) => port.postMessage(message),
  onMessage(listener) {
    const handler = (event: { data: unknown }): void => listener(event.data as TrainerMessage);
    port.on('message', handler);
    return () => port.off('message', handler);
  },
};

await runTrainerChild(trainerPort, options);
