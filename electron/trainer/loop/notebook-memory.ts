/**
 * The notebook loop's per-iteration memory as checkpoint bytes, so a stop mid-iteration resumes exactly
 * where it was instead of discarding the collected steps. Transitions chain (each state is the previous
 * next state), so the bytes hold the frame chain once: [magic, count, plane] (uint32), count + 1 frames,
 * count actions (uint8), count rewards (float32), count dones (uint8). Frames go out as parts (no copy).
 */
import { PartsReader } from '../../replay/snapshot';
import type { ReplayBytes } from '../../replay/types';
import type { NotebookTransition } from './notebook-loop';

const MAGIC = 0x444e424d; // 'DNBM'

/** `state` is the current observation: the chain's last frame (the only one when memory is empty). */
export function encodeNotebookMemory(memory: readonly NotebookTransition[], state: Uint8Array): Uint8Array[] {
  const count = memory.length;
  const head = new Uint32Array([MAGIC, count, state.length]);
  const tail = new Uint8Array(count * 6);
  const view = new DataView(tail.buffer);
  memory.forEach((t, i) => {
    tail[i] = t.action;
    view.setFloat32(count + 4 * i, t.reward, true);
    tail[5 * count + i] = t.done ? 1 : 0;
  });
  const frames = count > 0 ? [memory[0].state, ...memory.map((t) => t.next)] : [state];
  return [new Uint8Array(head.buffer), ...frames, tail];
}

export function decodeNotebookMemory(bytes: ReplayBytes): { memory: NotebookTransition[]; state: Uint8Array } {
  const fail = (why: string): never => {
    throw new Error(`notebook checkpoint memory: ${why}`);
  };
  const reader = new PartsReader(bytes, fail);
  const head = new DataView(reader.take(12).buffer);
  if (head.getUint32(0, true) !== MAGIC) fail('not a notebook memory');
  const [count, plane] = [head.getUint32(4, true), head.getUint32(8, true)];
  if (reader.remaining !== (count + 1) * plane + count * 6) fail('length does not match its header');
  const frames = Array.from({ length: count + 1 }, () => reader.take(plane));
  const tail = reader.take(count * 6);
  const view = new DataView(tail.buffer);
  const memory = Array.from({ length: count }, (_, i) => ({
    state: frames[i],
    action: tail[i],
    next: frames[i + 1],
    reward: view.getFloat32(count + 4 * i, true),
    done: tail[5 * count + i] === 1,
  }));
  return { memory, state: frames[count] };
}
