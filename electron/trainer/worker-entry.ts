/** worker_threads entry: the trainer child on `parentPort`, configured by `workerData` (TrainerChildOptions). */
import { parentPort, workerData } from 'node:worker_threads';
import { runTrainerChild, type TrainerChildOptions } from './child';
import type { TrainerMessage, TrainerPort } from './protocol';

if (!parentPort) throw new Error('worker-entry must run in a worker thread');
const port = parentPort;
const trainerPort: TrainerPort = {
  post: (message) => port.postMessage(message),
  onMessage(listener) {
    const handler = (message: TrainerMessage): void => listener(message);
    port.on('message', handler);
    return () => port.off('message', handler);
  },
};
await runTrainerChild(trainerPort, workerData as TrainerChildOptions);
