/**
 * The reference benchmark: the npm package 6502.ts (a cycle-exact 2600 emulator) running the same ROM,
 * frames counted from its video output, joystick driven by the same kind of seeded random policy.
 * Used by `bench-emulator --compare-6502ts`, interleaved with our runs.
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

/** Frames run and the time they took. */
export interface TimedRun {
  readonly frames: number;
  /** Wall-clock seconds. */
  readonly seconds: number;
  /** CPU seconds of this process (robust when other processes share the cores). */
  readonly cpuSeconds: number;
}

/** CPU seconds (user + system) this process has used. */
export function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** A booted 6502.ts console on a ROM, run in timed chunks (so runs can interleave with ours). */
export class Reference6502ts {
  private seen = 0;

  private constructor(
    private readonly board: Board,
    private readonly buttons: Switch[],
    private readonly rng: Rng,
  ) {}

  static async create(rom: Uint8Array, seed: number): Promise<Reference6502ts> {
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
    board.boot();
    const j = board.getJoystick0();
    const ref = new Reference6502ts(
      board,
      [j.getUp(), j.getDown(), j.getLeft(), j.getRight(), j.getFire()],
      new Rng(seed),
    );
    video.newFrame.addHandler(() => ref.seen++);
    return ref;
  }

  /** Runs at least `frames` video frames with random joystick input. */
  run(frames: number): TimedRun {
    const first = this.seen;
    const target = first + frames;
    const start = performance.now();
    const cpuStart = cpuSeconds();
    while (this.seen < target) {
      const bits = this.rng.int(32);
      this.buttons.forEach((b, i) => b.toggle(((bits >> i) & 1) === 1));
      // One NTSC frame is 262 x 228 colour clocks; the board ticks in colour clocks.
      this.board.tick(262 * 228);
    }
    return {
      frames: this.seen - first,
      seconds: (performance.now() - start) / 1000,
      cpuSeconds: cpuSeconds() - cpuStart,
    };
  }
}
