/**
 * The `DqnAgent` seam between the training loop and TensorFlow.js. Observations cross it as uint8
 * planes (channels-first stacks, height x width each), so the loop never touches tensors.
 */
import type { Rng } from '../../shared/rng';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface BackendInfo {
  /** What tf.getBackend() reports after initialisation ('tensorflow', 'wasm', 'cpu'). */
  readonly name: BackendName;
  /** e.g. 'tfjs-node-gpu (CUDA)', 'tfjs-node (CPU)', 'wasm (SIMD, 1 thread)', 'cpu (pure JS)'. */
  readonly detail: string;
  readonly tfjsVersion: string;
}

export type NetworkKind = 'notebook' | 'nature';

export interface NetworkSpec {
  readonly kind: NetworkKind;
  readonly inputHeight: number;
  readonly inputWidth: number;
  /** Stacked frames (input channels). */
  readonly channels: number;
  readonly actions: number;
  readonly dueling: boolean;
}

export interface AgentOptions {
  readonly network: NetworkSpec;
  readonly learningRate: number;
  /** Adam epsilon (CleanRL/PyTorch default 1e-8; Keras 1e-7). */
  readonly adamEpsilon: number;
  readonly gamma: number;
  readonly loss: 'huber' | 'mse';
  readonly double: boolean;
  /** false: no target network (the notebook); targets use the online network. */
  readonly targetNetwork: boolean;
  /** Gradient-norm clipping, or 0 for none. */
  readonly maxGradNorm: number;
  /** Seeds weight initialisation. */
  readonly seed: number;
  /**
   * Where the TD targets' next-state forward pass runs: 'worker' (default; a second thread on wasm in
   * Node, in parallel with the online pass) or 'inline'. Both give identical results.
   */
  readonly bootstrapThread?: 'worker' | 'inline';
}

/** A minibatch, laid out for one tensor each: states are [batch, channels, height, width] uint8. */
export interface Batch {
  readonly size: number;
  readonly states: Uint8Array;
  readonly actions: Int32Array;
  readonly rewards: Float32Array;
  readonly nextStates: Uint8Array;
  /** 1 where the transition ended the episode for learning (no bootstrap), else 0. */
  readonly dones: Float32Array;
}

export interface UpdateResult {
  readonly loss: number;
  readonly meanQ: number;
}

export interface ActResult {
  readonly action: number;
  /** Q-values of all actions for this observation (computed even when the action was random). */
  readonly qValues: Float32Array;
  readonly greedy: boolean;
}

/** Weights and optimizer state as named raw arrays, for checkpoints. */
export interface AgentSnapshot {
  readonly tensors: ReadonlyArray<{
    readonly name: string;
    readonly shape: readonly number[];
    readonly data: Float32Array;
  }>;
  readonly optimizerStep: number;
}

export interface DqnAgent {
  readonly options: AgentOptions;
  /** ε-greedy on one observation (channels x height x width uint8, scaled to [0,1] inside). */
  act(observation: Uint8Array, epsilon: number, rng: Rng): ActResult;
  /** Q-values for one observation. */
  qValues(observation: Uint8Array): Float32Array;
  /** One gradient step on a batch; returns the loss and the mean Q of the taken actions. */
  update(batch: Batch): UpdateResult;
  /**
   * Resolves once the bootstrap thread serves updates ('worker') or never will ('inline'); until then
   * updates compute everything in-thread, with the same results.
   */
  whenBootstrapReady?(): Promise<'worker' | 'inline'>;
  /** Copies the online weights into the target network (no-op without one). */
  syncTarget(): void;
  snapshot(): AgentSnapshot;
  restore(snapshot: AgentSnapshot): void;
  dispose(): void;
}
