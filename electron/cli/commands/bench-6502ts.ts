/**
 * The reference benchmark: the npm package 6502.ts (a cycle-exact 2600 emulator) running the same ROM,
 * frames counted from its video output, joystick driven by the same kind of seeded random policy.
 * Used by `bench-emulator --compare-6502ts`.
 */
import { createRequire } from 'node:module';
import { Rng } from '../../../shared/rng';

interface Surface {
  getBuffer(): Uint32Array;
}
interface Switch {
  toggle(state: boolean): void;
}
interface Joystick {
  getUp(): Switch;
  getDown(): Switch;
  getLeft(): Switch;
  getRight(): Switch;
  getFire(): Switch;
}
interface Board {
  boot(): Board;
  tick(cycles: number): number;
  getVideoOutput(): {
    setSurfaceFactory(f: () => Surface): void;
    newFrame: { addHandler(h: (s: Surface) => void): void };
  };
  getJoystick0(): Joystick;
}

export interface ReferenceBenchResult {
  /** Frames per wall-clock second. */
  readonly fps: number;
  /** Frames per second of this process's CPU time (robust when other processes share the cores). */
  readonly cpuFps: number;
  readonly frames: number;
  readonly seconds: number;
}

/** CPU seconds (user + system) this process has used. */
export function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

export async function bench6502ts(
  rom: Uint8Array,
  frames: number,
  seed: number,
  warmup = 120,
): Promise<ReferenceBenchResult> {
  const require = createRequire(import.meta.url);
  const BoardClass = require('6502.ts/lib/machine/stella/Board').default as new (
    config: unknown,
    cart: unknown,
  ) => Board;
  const Config = require('6502.ts/lib/machine/stella/Config').default as { create(c: object): unknown };
  const Factory = require('6502.ts/lib/machine/stella/cartridge/CartridgeFactory').default as new () => {
    createCartridge(buf: Uint8Array): Promise<unknown>;
  };
  const SurfaceClass = require('6502.ts/lib/video/surface/ArrayBufferSurface').default as {
    createFromArrayBuffer(w: number, h: number, b: ArrayBuffer): Surface;
  };
  const cart = await new Factory().createCartridge(rom);
  const board = new BoardClass(Config.create({ enableAudio: false, randomSeed: seed }), cart);
  const video = board.getVideoOutput();
  video.setSurfaceFactory(() => SurfaceClass.createFromArrayBuffer(160, 228, new ArrayBuffer(160 * 228 * 4)));
  let seen = 0;
  video.newFrame.addHandler(() => seen++);
  board.boot();
  const joystick = board.getJoystick0();
  const rng = new Rng(seed);
  const buttons = [joystick.getUp(), joystick.getDown(), joystick.getLeft(), joystick.getRight(), joystick.getFire()];
  const run = (n: number): void => {
    const target = seen + n;
    // One NTSC frame is 262 x 228 colour clocks; the board ticks in colour clocks.
    while (seen < target) {
      const bits = rng.int(32);
      buttons.forEach((b, i) => b.toggle(((bits >> i) & 1) === 1));
      board.tick(262 * 228);
    }
  };
  run(warmup);
  const first = seen;
  const start = performance.now();
  const cpuStart = cpuSeconds();
  run(frames);
  const seconds = (performance.now() - start) / 1000;
  const cpu = cpuSeconds() - cpuStart;
  seen -= first;
  return { fps: seen / seconds, cpuFps: seen / cpu, frames: seen, seconds };
}
