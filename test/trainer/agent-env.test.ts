import { describe, expect, it } from 'vitest';
import type { Env, StepResult } from '../../electron/ale/types';
import { createPreprocessor } from '../../electron/preprocessing/preprocessor';
import { AgentEnv } from '../../electron/trainer/loop/agent-env';
import { linearEpsilon } from '../../electron/trainer/loop/replay-loop';
import { NATURE_PRESET } from '../../shared/run-config';
import { Rng } from '../../shared/rng';

/** Lives drop at steps 5 and 9; game over at step 12; rewards 0, 3, -2, 0, ... */
function livesEnv(log: number[]): Env {
  let n = 0;
  const screen = new Uint8Array(210 * 160);
  const lives = (): number => (n >= 12 ? 0 : n >= 9 ? 1 : n >= 5 ? 2 : 3);
  return {
    gameId: 'lives',
    actionSet: [0, 1, 3, 4],
    actionNames: ['NOOP', 'FIRE', 'RIGHT', 'LEFT'],
    reset() {
      n = 0;
      log.push(-1);
      return { screen, info: { lives: 3, episodeFrameNumber: 0, frameNumber: 0 } };
    },
    step(a): StepResult {
      n++;
      log.push(a);
      screen.fill((n * 2) & 0xfe);
      return {
        screen,
        previousScreen: screen,
        reward: [0, 3, -2][n % 3],
        terminated: n >= 12,
        truncated: false,
        frames: 4,
        info: { lives: lives(), episodeFrameNumber: n * 4, frameNumber: n * 4 },
      };
    },
    screen: () => screen,
    ram: () => new Uint8Array(128),
    lives,
    cloneState: () => Uint8Array.of(n),
    restoreState: (s) => void (n = s[0]),
  };
}

const pre = createPreprocessor(NATURE_PRESET);

describe('AgentEnv (CleanRL wrapper chain)', () => {
  it('no-op starts draw 1..noopMax NOOPs, then FIRE and action 2', () => {
    const counts = new Set<number>();
    for (let seed = 0; seed < 200; seed++) {
      const log: number[] = [];
      const env = new AgentEnv(
        livesEnv(log),
        { noopMax: 3, fireReset: true, episodicLife: true, clipRewards: true, frameStack: 4 },
        pre,
        new Rng(seed),
      );
      env.reset();
      expect(log[0]).toBe(-1);
      expect(log.slice(-2)).toEqual([1, 2]);
      const noops = log.length - 3;
      expect(log.slice(1, 1 + noops).every((a) => a === 0)).toBe(true);
      counts.add(noops);
      expect(env.takeResetFrames()).toBe((noops + 2) * 4);
    }
    expect([...counts].sort()).toEqual([1, 2, 3]);
  });

  it('a lost life is done for learning without resetting the game; score is unclipped over the real episode', () => {
    const log: number[] = [];
    const env = new AgentEnv(
      livesEnv(log),
      { noopMax: 0, fireReset: false, episodicLife: true, clipRewards: true, frameStack: 4 },
      pre,
      new Rng(1),
    );
    env.reset();
    const dones: number[] = [];
    let finished;
    const rewards: number[] = [];
    for (let i = 0; i < 20 && !finished; i++) {
      const s = env.step(3);
      rewards.push(s.reward);
      if (s.done) dones.push(i + 1);
      finished = s.finished;
      if (s.done || s.gameOver) env.reset();
    }
    // Env steps: agent 1-5 (life lost at 5), a no-op, agent 6-8 (life lost at env step 9), a no-op, agent 9-10 (game over).
    expect(dones).toEqual([5, 8, 10]);
    // Only the initial reset and the one after game over: lost lives never reset the game.
    expect(log.filter((a) => a === -1)).toHaveLength(2);
    expect(log.indexOf(-1, 1)).toBe(log.length - 1);
    expect(rewards.every((r) => r >= -1 && r <= 1)).toBe(true);
    // Raw rewards over 12 env steps: n % 3 = 1 -> 3, 2 -> -2: (3 - 2) * 4 = 4.
    expect(finished).toEqual({ score: 4, frames: 48, steps: 10 });
  });

  it('stacks the last four frames, oldest first, and fills the stack on reset', () => {
    const env = new AgentEnv(
      livesEnv([]),
      { noopMax: 0, fireReset: false, episodicLife: false, clipRewards: false, frameStack: 4 },
      pre,
      new Rng(1),
    );
    const first = env.reset();
    const plane = 84 * 84;
    for (let c = 0; c < 4; c++) expect(env.stack.subarray(c * plane, (c + 1) * plane)).toEqual(first);
    const s1 = env.step(0).frame;
    const s2 = env.step(0).frame;
    expect(env.stack.subarray(2 * plane, 3 * plane)).toEqual(s1);
    expect(env.stack.subarray(3 * plane)).toEqual(s2);
    const saved = env.saveState();
    const other = new AgentEnv(
      livesEnv([]),
      { noopMax: 0, fireReset: false, episodicLife: false, clipRewards: false, frameStack: 4 },
      pre,
      new Rng(1),
    );
    other.loadState(JSON.parse(JSON.stringify(saved)));
    expect(other.stack).toEqual(env.stack);
  });

  it('linear ε schedule', () => {
    const c = { ...NATURE_PRESET, epsilonStart: 1, epsilonEnd: 0.01, explorationSteps: 100 };
    expect(linearEpsilon(c, 0)).toBe(1);
    expect(linearEpsilon(c, 50)).toBeCloseTo(0.505);
    expect(linearEpsilon(c, 100)).toBeCloseTo(0.01);
    expect(linearEpsilon(c, 10_000)).toBeCloseTo(0.01);
  });
});
