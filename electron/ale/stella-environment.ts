/**
 * ALE's StellaEnvironment: the reset procedure (ale-facts §2), one-frame `act` with sticky actions and
 * truncation (§3), and the action -> joystick/paddle wiring (§6). Frame skip lives in env.ts.
 */
import { Atari2600, JOY } from '../emulator/atari-2600';
import type { StateReader, StateWriter } from '../emulator/state';
import { newGameState, type GameRules, type GameState } from './games/game';
import { Mt19937 } from './mt19937';

export const ALE_RESET = 40;
const NOOP = 0;
const PLAYER_B_NOOP = 18;

/** ALE loops until the mode is reached; a cap turns a ROM that never gets there into an error. */
const MAX_SELECT_PRESSES = 256;

export const PADDLE_DELTA = 23000;
export const PADDLE_MIN = 27450;
export const PADDLE_MAX = 790196;
export const PADDLE_DEFAULT = 408823;

/** Joystick direction bits and fire for ALE actions 0..17 (player B: subtract 18). */
const ACTION_DIRS = [0, 0, 1, 8, 4, 2, 9, 5, 10, 6, 1, 8, 4, 2, 9, 5, 10, 6];
const ACTION_FIRE = [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1];
/** bit 0 up, bit 1 down, bit 2 left, bit 3 right -> SWCHA left-jack bits. */
function joyBits(dirs: number): number {
  return (dirs & 1 ? JOY.UP : 0) | (dirs & 2 ? JOY.DOWN : 0) | (dirs & 4 ? JOY.LEFT : 0) | (dirs & 8 ? JOY.RIGHT : 0);
}

export interface StellaEnvironmentOptions {
  readonly repeatActionProbability: number;
  readonly maxEpisodeFrames: number;
  readonly mode: number;
  readonly difficulty: number;
  readonly seed: number;
  /** See ConsoleOptions.compileCode. */
  readonly compileCode?: boolean;
}

export class StellaEnvironment {
  readonly console: Atari2600;
  readonly state: GameState = newGameState();
  readonly rng: Mt19937;
  frameNumber = 0;
  episodeFrameNumber = 0;
  private playerA = NOOP;
  private playerB = PLAYER_B_NOOP;
  private strengthA = 1;
  private readonly usePaddles: boolean;
  private paddleA = PADDLE_DEFAULT;
  private paddleB = PADDLE_DEFAULT;

  constructor(
    rom: Uint8Array,
    readonly rules: GameRules,
    private readonly options: StellaEnvironmentOptions,
  ) {
    if (!rules.modes.includes(options.mode)) {
      throw new RangeError(`mode ${options.mode} is not valid for ${rules.id}; valid modes: ${rules.modes.join(', ')}`);
    }
    if (!rules.difficulties.includes(options.difficulty)) {
      throw new RangeError(
        `difficulty ${options.difficulty} is not valid for ${rules.id}; valid: ${rules.difficulties.join(', ')}`,
      );
    }
    this.rng = new Mt19937(options.seed);
    this.console = new Atari2600(rom, {
      yStart: rules.yStart,
      hmoveBlanks: rules.hmoveBlanks,
      controllers: rules.controllers,
      compileCode: options.compileCode,
    });
    this.usePaddles = (rules.controllers ?? 'joystick') !== 'joystick';
    this.reset();
  }

  /** ALE's reset_game (ale-facts §2). */
  reset(): void {
    this.episodeFrameNumber = 0;
    this.paddleA = this.paddleB = PADDLE_DEFAULT;
    this.console.systemReset();
    this.emulate(NOOP, PLAYER_B_NOOP, 60);
    this.softReset();
    this.rules.reset(this.state);
    const handler = this.rules.modeHandler;
    if (handler) {
      const mode = this.options.mode;
      for (let presses = 0; !handler.reached(this.console.ram(), mode); presses++) {
        if (presses >= MAX_SELECT_PRESSES) throw new Error(`${this.rules.id}: mode ${mode} not reached by SELECT`);
        this.pressSelect(handler.framesPerPress);
      }
      this.softReset();
    }
    this.softReset();
    for (const action of this.rules.startingActions) this.emulate(action, PLAYER_B_NOOP, 1);
  }

  /** Game over or truncated (ALE's isTerminal). */
  isTerminal(): boolean {
    return this.state.terminal || this.isTruncated();
  }

  isTruncated(): boolean {
    const max = this.options.maxEpisodeFrames;
    return max > 0 && this.episodeFrameNumber >= max;
  }

  lives(): number {
    return this.state.terminal ? 0 : this.state.lives;
  }

  /** One ALE act() with frame_skip 1: two sticky draws, then one frame unless terminal. */
  act(action: number, strength = 1): number {
    this.drawSticky(action, strength);
    return this.stepFrame();
  }

  /** The two per-frame sticky-action draws (always made, even when terminal). */
  drawSticky(action: number, strength = 1): void {
    const p = this.options.repeatActionProbability;
    if (this.rng.nextDouble() >= p) {
      this.playerA = action;
      this.strengthA = strength;
    }
    if (this.rng.nextDouble() >= p) this.playerB = PLAYER_B_NOOP;
  }

  /** One frame with the held actions (ALE's oneStepAct); returns its reward. */
  stepFrame(): number {
    if (this.isTerminal()) return 0;
    let a = this.playerA;
    if (!(a >= 0 && a < 18) && a !== ALE_RESET) a = NOOP;
    this.emulate(a, this.playerB, 1, this.strengthA);
    this.frameNumber++;
    this.episodeFrameNumber++;
    return this.state.reward;
  }

  /** The actions in effect after the sticky draws (player A, player B, paddle A strength). */
  get heldA(): number {
    return this.playerA;
  }

  get heldB(): number {
    return this.playerB;
  }

  get heldStrength(): number {
    return this.strengthA;
  }

  setHeld(a: number, b: number, strengthA: number): void {
    this.playerA = a;
    this.playerB = b;
    this.strengthA = strengthA;
  }

  private softReset(): void {
    this.emulate(ALE_RESET, PLAYER_B_NOOP, 4);
    this.playerA = NOOP;
    this.playerB = PLAYER_B_NOOP;
  }

  /** SELECT held for `frames` frames (rules not run), then one NOOP frame; counts as one frame. */
  private pressSelect(frames: number): void {
    const c = this.console;
    c.releaseInputs();
    this.applyDifficulty();
    c.setConsoleSwitches(false, true);
    for (let i = 0; i < frames; i++) c.runFrame();
    this.emulate(NOOP, PLAYER_B_NOOP, 1);
    this.frameNumber++;
    this.episodeFrameNumber++;
  }

  private applyDifficulty(): void {
    const d = this.options.difficulty;
    this.console.setDifficulty((d & 1) !== 0, (d & 2) !== 0);
  }

  /** Emulates `frames` frames with the given actions held, running the game rules after each. */
  private emulate(a: number, b: number, frames: number, strengthA = 1): void {
    const c = this.console;
    const ram = c.ram();
    for (let i = 0; i < frames; i++) {
      c.releaseInputs();
      this.applyDifficulty();
      if (a === ALE_RESET) c.setConsoleSwitches(true, false);
      if (this.usePaddles) this.applyPaddles(a, b - PLAYER_B_NOOP, strengthA);
      else {
        if (a < 18) c.setJoystick(0, joyBits(ACTION_DIRS[a]), ACTION_FIRE[a] === 1);
        const pb = b - PLAYER_B_NOOP;
        if (pb >= 0 && pb < 18) c.setJoystick(1, joyBits(ACTION_DIRS[pb]), ACTION_FIRE[pb] === 1);
      }
      c.runFrame();
      this.rules.step(ram, this.state);
    }
  }

  private applyPaddles(a: number, b: number, strengthA: number): void {
    this.paddleA = movePaddle(this.paddleA, a, strengthA);
    this.paddleB = movePaddle(this.paddleB, b, 1);
    this.console.setPaddle(0, this.paddleA, a >= 0 && a < 18 && ACTION_FIRE[a] === 1);
    this.console.setPaddle(1, this.paddleB, b >= 0 && b < 18 && ACTION_FIRE[b] === 1);
  }

  saveState(w: StateWriter): void {
    this.saveCore(w);
    this.rng.saveState(w);
  }

  loadState(r: StateReader): void {
    this.loadCore(r);
    this.rng.loadState(r);
  }

  /**
   * Everything but the env RNG: what emulating frames changes (used to re-run frames exactly).
   * `screens` as in Atari2600.saveTo.
   */
  saveCore(w: StateWriter, screens = true): void {
    this.console.saveTo(w, screens);
    const s = this.state;
    for (const v of [s.score, s.reward, s.lives, s.a, s.b]) w.f64(v);
    w.bool(s.terminal);
    w.f64(this.frameNumber);
    w.f64(this.episodeFrameNumber);
    w.u8(this.playerA);
    w.u8(this.playerB);
    w.f64(this.strengthA);
    w.i32(this.paddleA);
    w.i32(this.paddleB);
  }

  loadCore(r: StateReader, screens = true): void {
    this.console.loadFrom(r, screens);
    const s = this.state;
    s.score = r.f64();
    s.reward = r.f64();
    s.lives = r.f64();
    s.a = r.f64();
    s.b = r.f64();
    s.terminal = r.bool();
    this.frameNumber = r.f64();
    this.episodeFrameNumber = r.f64();
    this.playerA = r.u8();
    this.playerB = r.u8();
    this.strengthA = r.f64();
    this.paddleA = r.i32();
    this.paddleB = r.i32();
  }
}

/** RIGHT moves the paddle by -23000 x |strength|, LEFT by +23000, clamped to ALE's range. */
function movePaddle(position: number, action: number, strength: number): number {
  if (action < 0 || action >= 18) return position;
  const dirs = ACTION_DIRS[action];
  const delta = Math.trunc(PADDLE_DELTA * Math.abs(strength));
  let p = position;
  if (dirs & 8) p -= delta;
  else if (dirs & 4) p += delta;
  return Math.min(PADDLE_MAX, Math.max(PADDLE_MIN, p));
}
