/**
 * Entry of the trainer's utilityProcess: the trainer child (run store, ALE, TensorFlow.js) served on
 * `process.parentPort`. Options arrive as one JSON argument (TrainerChildOptions).
 */
import { runTrainerChild, type TrainerChildOptions } from '../trainer/child';
import { utilityParentPort } from '../trainer/ports';

type ParentPort = Parameters<typeof utilityParentPort>[0];

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('trainer-process must run in an Electron utility process');
const options = JSON.parse(process.argv[process.argv.length - 1] ?? '{}') as TrainerChildOptions;

await runTrainerChild(utilityParentPort(parentPort), options);
