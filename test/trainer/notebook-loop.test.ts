import { describe, expect, it } from 'vitest';
import type { ActResult, AgentSnapshot, Batch, DqnAgent } from '../../electron/agent/types';
import type { Env, StepResult } from '../../electron/ale/types';
import { notebookFrame } from '../../electron/preprocessing/frames';
import {
  mergeNotebookMemory,
  runNotebookTraining,
  toBatch,
  type NotebookTransition,
} from '../../electron/trainer/loop/notebook-loop';
import { RunControl } from '../../electron/trainer/run-control';
import { resolveRunConfig, type NotebookConfig } from '../../shared/run-config';
import type { Rng } from '../../shared/rng';
import { createReplayBuffer } from '../../electron/replay/replay-buffer';

const t = (v: number, reward = 0, done = false): NotebookTransition => ({
  state: Uint8Array.of(v, 0),
  action: v,
  next: Uint8Array.of(v + 1, 0),
  reward,
  done,
});

describe('notebook memory merge (preprocess_experience_replay)', () => {
  it('drops the first ones and merges i, i+1 for i = 0, stride, ...', () => {
    const memory = [t(9), t(9), t(1, 1), t(2, 2, true), t(3), t(4), t(5, 5), t(0, 6), t(7)];
    const merged = mergeNotebookMemory(memory, 2, 4);
    // kept = t1..t7 (7 items), pairs at i = 0 (t1,t2) and i = 4 (t5,t0); i = 8 is past len - 1.
    expect(merged).toEqual([
      { state: Uint8Array.of(2, 0), action: 2, next: Uint8Array.of(3, 0), reward: 3, done: true },
      { state: Uint8Array.of(5, 0), action: 0, next: Uint8Array.of(6, 0), reward: 11, done: false },
    ]);
    // 10,000 steps -> 9,956 kept -> ceil(9,955 / 4) = 2,489 merged transitions.
    expect(
      mergeNotebookMemory(
        Array.from({ length: 10_000 }, () => t(0)),
        44,
        4,
      ),
    ).toHaveLength(2489);
  });

  it('uses target 0 on terminal samples (reward 0, done 1)', () => {
    const batch = toBatch([t(1, 5, true), t(2, 7)], 'zero');
    expect([...batch.rewards]).toEqual([0, 7]);
    expect([...batch.dones]).toEqual([1, 0]);
    expect([...toBatch([t(1, 5, true)], 'reward').rewards]).toEqual([5]);
  });
});

/** An env that logs every call; the screen encodes the step count; the game ends every 7th step. */
function scriptedEnv(log: string[]): Env {
  let n = 0;
  const screen = new Uint8Array(210 * 160);
  const draw = (): Uint8Array => screen.fill((n * 2) & 0xfe);
  return {
    gameId: 'scripted',
    actionSet: [0, 1, 3, 4, 11, 12],
    actionNames: ['NOOP', 'FIRE', 'RIGHT', 'LEFT', 'RIGHTFIRE', 'LEFTFIRE'],
    reset() {
      log.push('reset');
      return { screen: draw(), info: { lives: 3, episodeFrameNumber: 0, frameNumber: n } };
    },
    step(a): StepResult {
      n++;
      log.push(`step(${a})`);
      return {
        screen: draw(),
        previousScreen: screen,
        reward: n % 3,
        terminated: n % 7 === 0,
        truncated: false,
        frames: 3,
        info: { lives: 3, episodeFrameNumber: n, frameNumber: n },
      };
    },
    screen: draw,
    ram: () => new Uint8Array(128),
    lives: () => 3,
    cloneState: () => Uint8Array.of(n),
    restoreState: (s) => void (n = s[0]),
  };
}

function recordingAgent(log: string[], observations: Uint8Array[], batches: Batch[], epsilons: number[]): DqnAgent {
  return {
    options: {} as DqnAgent['options'],
    act(observation: Uint8Array, epsilon: number, _rng: Rng): ActResult {
      log.push('act');
      observations.push(Uint8Array.from(observation));
      epsilons.push(epsilon);
      return { action: 1, qValues: new Float32Array(6), greedy: true };
    },
    qValues: () => new Float32Array(6),
    update(batch) {
      batches.push(batch);
      return { loss: 1, meanQ: 2 };
    },
    syncTarget() {},
    snapshot: (): AgentSnapshot => ({ tensors: [], optimizerStep: 0 }),
    restore() {},
    dispose() {},
  };
}

describe('notebook loop order', () => {
  it('reset, step(0), collect with ε = 0.995^i keeping the terminal frame as the next state, then per-sample fits', async () => {
    const log: string[] = [];
    const observations: Uint8Array[] = [];
    const batches: Batch[] = [];
    const epsilons: number[] = [];
    const config = resolveRunConfig('notebook', {
      stepsPerIteration: 60,
      dropFirst: 4,
      totalFrames: 360,
      evalEpisodes: 0,
    }) as NotebookConfig;
    const env = scriptedEnv(log);
    const sinkMetrics: unknown[] = [];
    const outcome = await runNotebookTraining(
      {
        runId: 'r',
        config,
        seed: 1,
        env,
        createEvalEnv: () => scriptedEnv([]),
        agent: recordingAgent(log, observations, batches, epsilons),
        createReplay: createReplayBuffer,
        control: new RunControl({ mode: 'turbo', enabled: false }),
        sink: {
          metrics: (r) => sinkMetrics.push(...r),
          episodes() {},
          frame() {},
          progress() {},
          checkpoint: async () => {},
        },
      },
      config,
    );
    expect(outcome).toBe('finished');
    // 360 frames at 3 per step: iteration 1 = step(0) + 60 steps (183 frames), iteration 2 stops at the budget.
    expect(log.slice(0, 4)).toEqual(['reset', 'step(0)', 'act', 'step(1)']);
    // Step 7 is terminal: the env is reset, but the next observation is still the terminal screen.
    const i = log.indexOf('reset', 1);
    expect(log.slice(i - 2, i + 2)).toEqual(['act', 'step(1)', 'reset', 'act']);
    expect(observations[6]).toEqual(notebookFrame(new Uint8Array(210 * 160).fill(14)));
    expect(epsilons[0]).toBe(1);
    expect(epsilons[60]).toBeCloseTo(0.995);
    // 20 minibatches of 32, fitted one sample at a time, per iteration.
    expect(batches.length).toBe(2 * 20 * 32);
    expect(batches.every((b) => b.size === 1)).toBe(true);
    expect(batches.some((b) => b.dones[0] === 1 && b.rewards[0] === 0)).toBe(true);
    expect(sinkMetrics.filter((m) => (m as { kind: string }).kind === 'train')).toHaveLength(2);
  });
});
