/**
 * Watching a checkpoint play: the run's own emulator, preprocessing and frame stack (the trainer's
 * AgentEnv with evaluation's wrappers: no life-loss resets, unclipped score) feed its online Q-network,
 * rebuilt here in TensorFlow.js from the checkpoint's tensors. The agent acts ε-greedily; a person can take
 * over at any step (keys are mapped onto the game's action set), and the agent carries on when they let go.
 */
import * as tf from '@tensorflow/tfjs';
import { createAleEnv } from '../../electron/ale/env';
import { createQNetwork, stacksTensor, type QNetwork } from '../../electron/agent/networks';
import { createPreprocessor } from '../../electron/preprocessing/preprocessor';
import { agentOptionsFor } from '../../electron/trainer/agent-options';
import { AgentEnv } from '../../electron/trainer/loop/agent-env';
import { envOptions } from '../../electron/trainer/loop/evaluate';
import type { PolicyWeights } from '../../shared/ipc/contract';
import { Rng } from '../../shared/rng';
import { validateRunConfig, type RunConfig } from '../../shared/run-config';
import { argMax } from './replay-keys';

/** The plain JS backend: it needs no GPU or wasm files, and one forward pass per step is all it does. */
export async function initPolicyBackend(): Promise<string> {
  if (tf.getBackend() === 'cpu') return 'cpu';
  const ok = await tf.setBackend('cpu');
  if (!ok) throw new Error("TensorFlow.js could not start its 'cpu' backend");
  await tf.ready();
  return tf.getBackend();
}

/** Loads checkpoint tensors into a fresh network; every parameter must be present with its shape. */
export function loadNetwork(config: RunConfig, actions: number, weights: PolicyWeights): QNetwork {
  const network = createQNetwork(agentOptionsFor(config, actions, 0).network, new Rng(0), 'online');
  const byName = new Map(weights.tensors.map((t) => [t.name, t]));
  try {
    for (const param of network.params) {
      const saved = byName.get(param.name);
      if (!saved) throw new Error(`the checkpoint has no tensor '${param.name}'`);
      if (saved.shape.join('x') !== param.variable.shape.join('x')) {
        throw new Error(
          `'${param.name}' is ${saved.shape.join('x')}, the network wants ${param.variable.shape.join('x')}`,
        );
      }
      const copy = new Uint8Array(saved.data); // aligned for the Float32Array view
      const values = new Float32Array(copy.buffer, 0, copy.byteLength / 4);
      tf.tidy(() => param.variable.assign(tf.tensor(values, [...saved.shape])));
    }
  } catch (error) {
    network.dispose();
    throw error;
  }
  return network;
}

export interface PolicyStep {
  readonly action: number;
  readonly qValues: Float32Array;
  /** Who chose the action. */
  readonly by: 'greedy' | 'random' | 'you';
}

/** A run's config checked, and its game's action set (what the network's outputs mean). */
export function prepareGame(
  rom: Uint8Array,
  rawConfig: Record<string, unknown>,
): { config: RunConfig; actionNames: readonly string[] } {
  const config = validateRunConfig(rawConfig);
  return { config, actionNames: createAleEnv(rom, envOptions(config, 0)).actionNames };
}

export class PolicyPlayer {
  private readonly env: AgentEnv;
  private readonly rng: Rng;
  readonly actionNames: readonly string[];
  screen: Uint8Array;
  score = 0;
  frames = 0;
  steps = 0;
  ended = false;
  last: PolicyStep | null = null;

  constructor(
    rom: Uint8Array,
    private readonly config: RunConfig,
    private readonly network: QNetwork,
    seed: number,
  ) {
    const raw = createAleEnv(rom, envOptions(config, seed));
    this.actionNames = raw.actionNames;
    this.rng = new Rng(seed ^ 0x91a7);
    const replay = this.config.algorithm === 'replay';
    this.env = new AgentEnv(
      raw,
      {
        noopMax: replay ? this.config.noopMax : 0,
        fireReset: replay && this.config.fireReset,
        episodicLife: false,
        clipRewards: false,
        frameStack: this.config.frameStack,
      },
      createPreprocessor(this.config),
      this.rng,
    );
    this.env.reset();
    this.frames = this.env.takeResetFrames();
    this.screen = raw.screen();
  }

  qValues(): Float32Array {
    const { network } = this;
    const spec = network.spec;
    return tf.tidy(() => {
      const x = stacksTensor(this.env.stack, 1, spec.channels, spec.inputHeight, spec.inputWidth);
      return Float32Array.from(network.apply(x).dataSync());
    });
  }

  /** One agent step: the person's action when given, else ε-greedy on the network's Q-values. */
  step(epsilon: number, human: number | null): PolicyStep | null {
    if (this.ended) return null;
    const qValues = this.qValues();
    let action: number;
    let by: PolicyStep['by'];
    if (human !== null) [action, by] = [human, 'you'];
    else if (this.rng.float() < epsilon) [action, by] = [this.rng.int(qValues.length), 'random'];
    else [action, by] = [argMax(qValues), 'greedy'];
    const result = this.env.step(action);
    this.steps++;
    this.frames += result.frames;
    this.screen = result.raw.screen;
    this.score = result.finished ? result.finished.score : this.env.currentScore;
    if (result.gameOver) this.ended = true;
    this.last = { action, qValues, by };
    return this.last;
  }
}
