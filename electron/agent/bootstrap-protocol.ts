/**
 * What the agent's thread and its bootstrap worker share. Requests travel as messages (ordered, so a
 * weights upload always lands before the forward pass that needs it); the answer comes back through
 * shared memory, because the agent's thread blocks in Atomics.wait for it and cannot take messages then.
 */
import type { NetworkSpec } from './types';

/** Int32 slots of the control buffer. */
export const READY = 0;
export const STATUS = 1;
export const CONTROL_SLOTS = 2;

/** READY values. */
export const STARTING = 0;
export const STARTED = 1;
export const FAILED = -1;

/** STATUS values. */
export const IDLE = 0;
export const BUSY = 1;
export const DONE = 2;
export const ERROR = 3;

export interface BootstrapWorkerData {
  readonly spec: NetworkSpec;
  /** The backend the agent's thread runs on; the worker must compute with the same one. */
  readonly backend: string;
  readonly wasmDir?: string;
  readonly control: SharedArrayBuffer;
  /** Float32: every parameter of the bootstrap network, in QNetwork.params order. */
  readonly weights: SharedArrayBuffer;
}

export interface BootstrapRequest {
  readonly type: 'forward';
  readonly size: number;
  /** Load the weights buffer into the network first (it changed since the last request). */
  readonly loadWeights: boolean;
  /** Uint8 [size, C, H, W] next states, and Float32 [size, actions] for the answer. */
  readonly states: SharedArrayBuffer;
  readonly result: SharedArrayBuffer;
}

export type BootstrapReply =
  { readonly type: 'ready'; readonly detail: string } | { readonly type: 'failed'; readonly message: string };
