/**
 * The greedy policy of a run's newest checkpoint, for watching it play: only the online network's tensors,
 * read from state.json and weights.bin. The replay memory (replay.bin, possibly gigabytes), the target
 * network and the optimizer moments are left on disk: acting needs none of them.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PolicyWeights } from '../../shared/ipc/contract';
import { unpackTensors } from './files';
import { RunStoreError } from './types';

interface CheckpointState {
  readonly step: number;
  readonly frames: number;
  readonly agent: { tensors: Array<{ name: string; shape: number[]; offset: number; length: number }> };
}

/** Newest checkpoint first; an unreadable one falls back to the one before (as resume does). */
export async function readPolicyWeights(runDir: string, runId: string): Promise<PolicyWeights> {
  const cdir = join(runDir, 'checkpoints');
  const steps = existsSync(cdir)
    ? (await readdir(cdir)).filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => b - a)
    : [];
  if (steps.length === 0) {
    throw new RunStoreError('run-not-found', `Run '${runId}' has no checkpoint yet: one is saved while it trains.`);
  }
  let firstError: unknown = null;
  for (const step of steps) {
    try {
      return await readOne(join(cdir, String(step)), `Run '${runId}' checkpoint ${step}`);
    } catch (error) {
      firstError ??= error;
    }
  }
  throw firstError;
}

async function readOne(dir: string, label: string): Promise<PolicyWeights> {
  let state: CheckpointState;
  try {
    state = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as CheckpointState;
  } catch {
    throw new RunStoreError('run-damaged', `${label} is damaged: state.json is missing or not JSON.`);
  }
  const online = state.agent?.tensors?.filter((t) => t.name.startsWith('online/')) ?? [];
  if (online.length === 0) throw new RunStoreError('run-damaged', `${label} holds no online network.`);
  let blob: Uint8Array;
  try {
    blob = new Uint8Array(await readFile(join(dir, 'weights.bin')));
  } catch {
    throw new RunStoreError('run-damaged', `${label} is damaged: weights.bin is missing.`);
  }
  const tensors = unpackTensors(online, blob, label).map((t) => ({
    name: t.name,
    shape: t.shape,
    // Raw little-endian float32 bytes: Uint8Array is what both IPC shells carry.
    data: new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength),
  }));
  return { step: state.step, frames: state.frames, tensors };
}
