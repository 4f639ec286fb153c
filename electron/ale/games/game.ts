/**
 * The `GameRules` seam: one small pure module per game (ale-facts §1). Rules read console RAM once per
 * emulated frame and update a plain `GameState` (score, reward, terminal, lives, two spare latches), so
 * the whole env state can be saved and restored as numbers.
 */
import type { ControllerLayout } from '../../emulator/atari-2600';

export interface GameState {
  score: number;
  /** This frame's reward. */
  reward: number;
  terminal: boolean;
  lives: number;
  /** Game-specific latches (Breakout's "started", Q*bert's last lives byte). */
  a: number;
  b: number;
}

/** How ALE selects a game mode: press SELECT until `reached(ram, mode)`, each press held `framesPerPress`. */
export interface ModeHandler {
  readonly framesPerPress: number;
  reached(ram: Uint8Array, mode: number): boolean;
}

export interface GameRules {
  /** ALE's ROM id, e.g. 'space_invaders'. */
  readonly id: string;
  readonly name: string;
  readonly md5: string;
  /** Minimal action set, ALE action ids in ascending order. */
  readonly minimalActions: readonly number[];
  /** Actions emulated for one frame each at the end of reset. */
  readonly startingActions: readonly number[];
  /** Valid modes, default first. */
  readonly modes: readonly number[];
  readonly difficulties: readonly number[];
  readonly modeHandler?: ModeHandler;
  readonly controllers?: ControllerLayout;
  /** Stella properties ALE applies for this cart. */
  readonly yStart?: number;
  readonly hmoveBlanks?: boolean;
  /** Game state after ALE's settings reset. */
  reset(state: GameState): void;
  /** Runs once per emulated frame. */
  step(ram: Uint8Array, state: GameState): void;
}

/** `readRam(addr)`: RAM byte at $80 + (addr & 0x7F). */
export function ramAt(ram: Uint8Array, address: number): number {
  return ram[address & 0x7f];
}

/** A BCD byte (nibbles A-F count as 10-15, as ALE does not check them). */
export function bcd(value: number): number {
  return (value & 0x0f) + 10 * (value >> 4);
}

/** ALE's getDecimalScore: lower byte = units/tens, then hundreds/thousands, then ten-thousands/... */
export function decimalScore(ram: Uint8Array, lo: number, mid = -1, hi = -1): number {
  let score = bcd(ramAt(ram, lo));
  if (mid >= 0) score += 100 * bcd(ramAt(ram, mid));
  if (hi >= 0) score += 10000 * bcd(ramAt(ram, hi));
  return score;
}

export function newGameState(): GameState {
  return { score: 0, reward: 0, terminal: false, lives: 0, a: 0, b: 0 };
}

/** Resets the common fields; games then set their initial lives and latches. */
export function clearState(state: GameState, lives: number): void {
  state.score = 0;
  state.reward = 0;
  state.terminal = false;
  state.lives = lives;
  state.a = 0;
  state.b = 0;
}

/** The usual reward rule: score - previous score, previous updated every frame. */
export function scoreReward(state: GameState, score: number): void {
  state.reward = score - state.score;
  state.score = score;
}

/** A mode handler that compares one RAM byte with the mode number. */
export function modeByte(address: number, framesPerPress: number): ModeHandler {
  return { framesPerPress, reached: (ram, mode) => ramAt(ram, address) === mode };
}

export function range(from: number, to: number, step = 1): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}
