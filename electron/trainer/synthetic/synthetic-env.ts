/**
 * A tiny deterministic stand-in for the ALE env (same `Env` seam), for tests and `--synthetic` CLI runs:
 * a paddle (RIGHT/LEFT) under a moving target; FIRE under the target scores. Lives drop on a seeded
 * schedule and the game ends at 0 lives. Sticky actions and {min,max} frame skip behave like ALE's.
 * Screens are palette-index bytes that depend on the state, so preprocessing sees real changes.
 */
import { ALE_ACTION, actionName } from '../../../shared/actions';
import { Rng } from '../../../shared/rng';
import { SCREEN_HEIGHT, SCREEN_WIDTH, type Env, type EnvInfo, type EnvOptions, type StepResult } from '../../ale/types';

const ACTIONS = [
  ALE_ACTION.NOOP,
  ALE_ACTION.FIRE,
  ALE_ACTION.RIGHT,
  ALE_ACTION.LEFT,
  ALE_ACTION.RIGHTFIRE,
  ALE_ACTION.LEFTFIRE,
];
const STATE_WORDS = 12;

export interface SyntheticEnvOptions extends Partial<EnvOptions> {
  /** Frames between life losses on average (default 400). */
  readonly lifeFrames?: number;
}

export function createSyntheticEnv(options: SyntheticEnvOptions = {}): Env {
  const frameskip = options.frameskip ?? 4;
  const sticky = options.repeatActionProbability ?? 0;
  const maxFrames = options.maxEpisodeFrames ?? 0;
  const lifeFrames = options.lifeFrames ?? 400;
  const actionSet = options.fullActionSpace ? ACTIONS : ACTIONS; // the synthetic game has one action set
  const rng = new Rng(options.seed ?? 0);
  let paddle = 80;
  let target = 0;
  let lives = 3;
  let over = false;
  let prevAction = 0;
  let episodeFrames = 0;
  let totalFrames = 0;
  const screenBuf = new Uint8Array(SCREEN_WIDTH * SCREEN_HEIGHT);
  const prevBuf = new Uint8Array(SCREEN_WIDTH * SCREEN_HEIGHT);

  const info = (): EnvInfo => ({ lives, episodeFrameNumber: episodeFrames, frameNumber: totalFrames });
  const render = (into: Uint8Array): void => {
    into.fill(0x80);
    const t = Math.floor(target);
    for (let r = 30; r < 40; r++)
      into.fill(0x46, r * SCREEN_WIDTH + Math.max(0, t - 6), r * SCREEN_WIDTH + Math.min(160, t + 6));
    for (let r = 180; r < 190; r++)
      into.fill(0x0e, r * SCREEN_WIDTH + Math.max(0, paddle - 4), r * SCREEN_WIDTH + Math.min(160, paddle + 4));
    for (let l = 0; l < lives; l++) into.fill(0x1e, 200 * SCREEN_WIDTH + 10 + l * 8, 200 * SCREEN_WIDTH + 14 + l * 8);
  };
  const frame = (action: number): number => {
    if (over || (maxFrames > 0 && episodeFrames >= maxFrames)) return 0;
    if (rng.float() >= sticky) prevAction = action;
    const name = actionName(prevAction);
    if (name.includes('RIGHT')) paddle = Math.min(156, paddle + 2);
    if (name.includes('LEFT')) paddle = Math.max(4, paddle - 2);
    target = (target + 1.5) % 160;
    let reward = 0;
    if (name.includes('FIRE') && Math.abs(paddle - target) < 8) reward = 10;
    if (rng.int(lifeFrames) === 0) lives -= 1;
    if (lives <= 0) over = true;
    episodeFrames++;
    totalFrames++;
    return reward;
  };

  const env: Env = {
    gameId: 'synthetic',
    actionSet,
    actionNames: actionSet.map(actionName),
    reset() {
      paddle = 80;
      target = rng.int(160);
      lives = 3;
      over = false;
      prevAction = 0;
      episodeFrames = 0;
      render(screenBuf);
      return { screen: screenBuf, info: info() };
    },
    step(actionIndex): StepResult {
      if (!Number.isInteger(actionIndex) || actionIndex < 0 || actionIndex >= actionSet.length) {
        throw new RangeError(`action index ${actionIndex} is outside 0..${actionSet.length - 1}`);
      }
      const skip = typeof frameskip === 'number' ? frameskip : rng.intBetween(frameskip.min, frameskip.max);
      let reward = 0;
      let frames = 0;
      for (let i = 0; i < skip; i++) {
        if (over || (maxFrames > 0 && episodeFrames >= maxFrames)) break;
        reward += frame(actionSet[actionIndex]);
        frames++;
        if (i < skip - 1) render(prevBuf);
      }
      render(screenBuf);
      const truncated = !over && maxFrames > 0 && episodeFrames >= maxFrames;
      return {
        screen: screenBuf,
        previousScreen: frames > 1 ? prevBuf : screenBuf,
        reward,
        terminated: over,
        truncated,
        frames,
        info: info(),
      };
    },
    screen: () => (render(screenBuf), screenBuf),
    ram: () => Uint8Array.from([paddle, Math.floor(target), lives, over ? 1 : 0]),
    lives: () => (over ? 0 : lives),
    cloneState() {
      const s = new Float64Array(STATE_WORDS);
      s.set([paddle, target, lives, over ? 1 : 0, prevAction, episodeFrames, totalFrames, ...rng.getState()]);
      return new Uint8Array(s.buffer);
    },
    restoreState(state) {
      const s = new Float64Array(new Uint8Array(state).buffer);
      if (s.length !== STATE_WORDS) throw new Error('synthetic env: bad state');
      [paddle, target, lives] = [s[0], s[1], s[2]];
      over = s[3] === 1;
      [prevAction, episodeFrames, totalFrames] = [s[4], s[5], s[6]];
      rng.setState([s[7], s[8], s[9], s[10]]);
    },
  };
  return env;
}
