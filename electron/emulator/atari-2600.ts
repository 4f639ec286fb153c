/**
 * The console: 6507 + TIA + RIOT + cartridge on one 13-bit bus, wired the way the Stella core inside
 * ALE wires them (ale-facts §4, §5, §8). It owns the emulator RNG (mt19937 seeded 4753849), the
 * power-on sequence (60 frames, NTSC/PAL detection, reset) and the controller/switch inputs; the
 * ALE rules (resets, actions, rewards) live in electron/ale.
 */
import { Mt19937 } from '../ale/mt19937';
import type { Bus, WriteHandler } from './bus';
import type { PeekBus } from './cpu/poll-loop';
import type { Cartridge } from './cartridge/cartridge';
import { createCartridge } from './cartridge/detect';
import { Cpu6507 } from './cpu/cpu-6507';
import { Riot } from './riot/riot';
import { StateReader, StateWriter } from './state';
import { MAX_RESISTANCE, Tia } from './tia/tia';

/** Stella's `system_random_seed`, fixed in ALE. */
export const EMULATOR_RNG_SEED = 4753849;

/**
 * Which controllers are plugged in. 'joystick': both jacks joysticks. 'paddles': left jack paddles,
 * right jack a joystick (Breakout). 'paddles-swapped': both jacks paddles, left pair swapped (Pong).
 */
export type ControllerLayout = 'joystick' | 'paddles' | 'paddles-swapped';

export interface ConsoleOptions {
  /** Display.YStart (34; Q*bert 40). */
  readonly yStart?: number;
  /** Display.Height (210). */
  readonly height?: number;
  /** Emulation.HmoveBlanks (true; Ms. Pac-Man false). */
  readonly hmoveBlanks?: boolean;
  readonly controllers?: ControllerLayout;
  /** Cartridge.Type override (ALE auto-detects). */
  readonly cartType?: string;
  /** Run ROM code compiled into JavaScript blocks where possible (default true; same results). */
  readonly compileCode?: boolean;
}

/** Joystick bits as SWCHA uses them for the left jack (the right jack is the low nibble). */
export const JOY = { RIGHT: 0x80, LEFT: 0x40, DOWN: 0x20, UP: 0x10 } as const;

export class Atari2600 implements Bus, PeekBus {
  readonly cart: Cartridge;
  readonly cpu: Cpu6507;
  readonly tia: Tia;
  readonly riot: Riot;
  readonly rng = new Mt19937(EMULATOR_RNG_SEED);
  readonly controllers: ControllerLayout;
  /** True when power-on detected a PAL frame rate (>285 scanlines). */
  pal = false;
  /** Frames run since power-on (every runFrame call, partial frames included). */
  frames = 0;
  /**
   * The last frame completed within the instruction cap and its beam passed the bottom of the display
   * window, so it redrew every row. Only then may the next frames skip pixel rendering exactly: a
   * skipped frame leaves its buffer stale, which is harmless as long as frames keep redrawing all rows.
   */
  lastFrameRegular = false;
  private readonly windowBottom: number;

  private readonly tiaHook: boolean;
  /** The RIOT's RAM (a view of `memory`), held directly for the bus. */
  private readonly riotRam: Uint8Array;
  /**
   * The CPU's fast memory (Cpu6507.mapMemory): RIOT RAM at 0, then the cart's ROM image. The data-bus
   * latch lives in the CPU (cpu.dataBus); the slow paths below keep it as every access would.
   */
  private readonly memory: Uint8Array;
  private readonly readMap = new Int32Array(64).fill(-1);
  private readonly writeMap = new Int32Array(64).fill(-1);
  /** The cart's mapVersion the read map was last built for. */
  private cartMapVersion = -1;

  // Inputs, rebuilt into register values at every frame start.
  private joystick = [0, 0];
  private joystickFire = [false, false];
  private paddleResistance = [0, 0];
  private paddleFire = [false, false];
  private resetSwitch = false;
  private selectSwitch = false;
  private leftDifficultyA = false;
  private rightDifficultyA = false;

  constructor(rom: Uint8Array, options: ConsoleOptions = {}) {
    this.cart = createCartridge(rom, options.cartType);
    this.tiaHook = this.cart.hooksTiaPage;
    this.memory = new Uint8Array(ROM_BASE + this.cart.image.length);
    this.memory.set(this.cart.image, ROM_BASE);
    this.riotRam = this.memory.subarray(0, 128);
    this.windowBottom = (options.yStart ?? 34) + (options.height ?? 210);
    this.controllers = options.controllers ?? 'joystick';
    this.cpu = new Cpu6507(this, { compile: options.compileCode });
    // RIOT construction draws 128 RAM bytes and one timer value from the emulator RNG.
    this.riot = new Riot(this.cpu, this.rng, this.riotRam);
    this.mapRam();
    this.syncCartMap();
    this.cpu.mapMemory(this.memory, this.readMap, this.writeMap);
    this.tia = new Tia(this.cpu, {
      yStart: options.yStart ?? 34,
      height: options.height ?? 210,
      hmoveBlanks: options.hmoveBlanks ?? true,
      // The TIA zeroes the cycle counter at each frame start; the RIOT keeps its timer relative.
      onCyclesReset: () => this.riot.systemCyclesReset(),
    });
    this.powerOn();
  }

  // ---- Bus ---------------------------------------------------------------------------------------

  /**
   * Every access the CPU's memory map does not take (TIA, RIOT I/O, cart hotspots and RAM), and any
   * access from outside the CPU. Like every access it leaves its value on the data bus.
   */
  read(address: number): number {
    const cpu = this.cpu;
    let v: number;
    if (address & 0x1000) {
      v = this.cart.read(address);
      if (this.cart.mapVersion !== this.cartMapVersion) this.syncCartMap();
    } else if (address & 0x80) v = address & 0x200 ? this.riot.read(address) : this.riotRam[address & 0x7f];
    else if (this.tiaHook && (address & 0x1fff) < 0x40) v = this.cart.readTiaPage(address);
    else v = this.tia.read(address, cpu.dataBus);
    cpu.dataBus = v;
    return v;
  }

  write(address: number, value: number): void {
    this.cpu.dataBus = value;
    if (address & 0x1000) {
      this.cart.write(address, value);
      if (this.cart.mapVersion !== this.cartMapVersion) this.syncCartMap();
    } else if (address & 0x80) {
      if (address & 0x200) this.riot.write(address, value);
      else this.riotRam[address & 0x7f] = value;
    } else {
      if (this.tiaHook && (address & 0x1fff) < 0x40) {
        this.cart.writeTiaPage(address, value);
        if (this.cart.mapVersion !== this.cartMapVersion) this.syncCartMap();
      }
      this.tia.write(address, value);
    }
  }

  private readonly tiaWriters: (WriteHandler | undefined)[] = [];

  /**
   * Bus.writeHandler: TIA registers get the TIA's own handler (Tia.writerFor). The data-bus latch is the
   * caller's to keep (compiled code holds it in a local); the TIA never reads it on a write. Carts that
   * watch the TIA page, and everything else, take `write`.
   */
  writeHandler(address: number): WriteHandler | null {
    if (address & 0x1080 || this.tiaHook) return null;
    const reg = address & 0x3f;
    let handler = this.tiaWriters[reg];
    if (handler === undefined) handler = this.tiaWriters[reg] = this.tia.writerFor(reg);
    return handler;
  }

  /** RIOT RAM regions of the map: A12 = 0, A9 = 0, A7 = 1 (the stack page's upper half included). */
  private mapRam(): void {
    for (let r = 0; r < 32; r++) {
      if ((r & 5) === 1) this.readMap[r] = this.writeMap[r] = 0;
    }
  }

  /** Cart regions of the read map (A12 = 1), after a bank switch. Cart writes always go slow. */
  private syncCartMap(): void {
    const cart = this.cart;
    this.cartMapVersion = cart.mapVersion;
    for (let r = 0; r < 32; r++) {
      const offset = cart.regionOffset(r);
      this.readMap[32 + r] = offset < 0 ? -1 : ROM_BASE + offset;
    }
  }

  /**
   * PeekBus (the CPU's poll-loop fast-forward): plain ROM bytes, and the RIOT timer while a read of it
   * has no side effects. Everything else answers -1.
   */
  peek(address: number, cycles: number): number {
    if (address & 0x1000) {
      const offset = this.readMap[(address >> 7) & 63];
      if (offset < 0) return -1;
      return this.memory[offset + (address & 127)];
    }
    if ((address & 0x280) !== 0x280) return -1;
    return this.riot.peekTimer(address, cycles);
  }

  // ---- System ------------------------------------------------------------------------------------

  /** Stella's System::reset: cycles to 0, then RIOT, TIA, cart, CPU. */
  systemReset(): void {
    this.cpu.cycles = 0;
    this.riot.reset(this.rng);
    this.tia.reset();
    this.tia.setMaxScanlines(this.pal ? 342 : 290);
    this.cart.reset(this.rng);
    this.syncCartMap();
    this.cpu.reset();
  }

  /** Power-on as ALE's loadROM does it: reset, 60 frames with no input, NTSC/PAL detection, reset. */
  private powerOn(): void {
    this.systemReset();
    let palFrames = 0;
    for (let i = 0; i < 60; i++) {
      this.runFrame();
      if (i >= 30 && this.tia.scanlinesLastFrame > 285) palFrames++;
    }
    this.pal = palFrames >= 15;
    this.systemReset();
  }

  /** Runs one ALE frame (up to VSYNC end, the scanline limit, or 25,000 instructions). */
  runFrame(): void {
    this.applyInputs();
    const before = this.cpu.instructions;
    this.tia.runFrame();
    this.frames++;
    this.lastFrameRegular =
      this.cpu.instructions - before < INSTRUCTION_CAP && this.tia.scanlinesLastFrame >= this.windowBottom;
  }

  /** False: frames run without composing pixels (timing, collisions and RAM stay exact). */
  set renderPixels(on: boolean) {
    this.tia.renderPixels = on;
  }

  get renderPixels(): boolean {
    return this.tia.renderPixels;
  }

  /** The current frame buffer as palette indices (TIA colour & 0xFE), height x 160, row-major. */
  screen(): Uint8Array {
    return this.tia.screen();
  }

  /** The 128 bytes of RIOT RAM ($80-$FF). Live view: copy what you keep. */
  ram(): Uint8Array {
    return this.riot.ram;
  }

  // ---- Inputs ------------------------------------------------------------------------------------

  /** Releases every held input (joysticks, fire buttons, RESET/SELECT); paddle positions and difficulty stay. */
  releaseInputs(): void {
    this.joystick[0] = this.joystick[1] = 0;
    this.joystickFire[0] = this.joystickFire[1] = false;
    this.paddleFire[0] = this.paddleFire[1] = false;
    this.resetSwitch = this.selectSwitch = false;
  }

  /** Joystick of player 0 (left jack) or 1: `directions` is an OR of JOY bits. */
  setJoystick(player: 0 | 1, directions: number, fire: boolean): void {
    this.joystick[player] = directions & 0xf0;
    this.joystickFire[player] = fire;
  }

  /** Paddle of player 0 or 1 (ALE's left-jack pair): Stella resistance (0 = unplugged event). */
  setPaddle(player: 0 | 1, resistance: number, fire: boolean): void {
    this.paddleResistance[player] = resistance;
    this.paddleFire[player] = fire;
  }

  setConsoleSwitches(reset: boolean, select: boolean): void {
    this.resetSwitch = reset;
    this.selectSwitch = select;
  }

  /** Difficulty switches: true = A (SWCHB bit 6 left / P0, bit 7 right / P1). */
  setDifficulty(leftA: boolean, rightA: boolean): void {
    this.leftDifficultyA = leftA;
    this.rightDifficultyA = rightA;
  }

  private applyInputs(): void {
    const tia = this.tia;
    let swcha = 0xff;
    if (this.controllers === 'joystick') {
      swcha &= ~(this.joystick[0] | (this.joystick[1] >> 4));
      tia.setFireButton(4, this.joystickFire[0]);
      tia.setFireButton(5, this.joystickFire[1]);
      for (let i = 0; i < 4; i++) tia.setPaddleResistance(i as 0 | 1 | 2 | 3, MAX_RESISTANCE);
    } else {
      const swapped = this.controllers === 'paddles-swapped';
      // Paddle fire buttons sit on SWCHA bits 7 (paddle 0) and 6 (paddle 1), active low.
      if (this.paddleFire[0]) swcha &= swapped ? ~0x40 : ~0x80;
      if (this.paddleFire[1]) swcha &= swapped ? ~0x80 : ~0x40;
      tia.setFireButton(4, false);
      tia.setFireButton(5, false);
      tia.setPaddleResistance(swapped ? 1 : 0, this.paddleResistance[0]);
      tia.setPaddleResistance(swapped ? 0 : 1, this.paddleResistance[1]);
      // Right jack: Breakout's joystick (analog pins at maximum), Pong's paddles (never driven: 0).
      const right = swapped ? 0 : MAX_RESISTANCE;
      tia.setPaddleResistance(2, right);
      tia.setPaddleResistance(3, right);
    }
    this.riot.swcha = swcha & 0xff;
    this.riot.swchb =
      0x3c |
      (this.selectSwitch ? 0 : 0x02) |
      (this.resetSwitch ? 0 : 0x01) |
      (this.leftDifficultyA ? 0x40 : 0) |
      (this.rightDifficultyA ? 0x80 : 0);
  }

  // ---- Save states -------------------------------------------------------------------------------

  saveState(): Uint8Array {
    const w = new StateWriter(STATE_CAPACITY);
    this.saveTo(w);
    return w.finish();
  }

  loadState(state: Uint8Array): void {
    this.loadFrom(new StateReader(state));
  }

  /**
   * Appends the whole console state to `w`. `screens` false leaves out the frame buffers' contents:
   * only for rewinding to a point since which nothing was drawn into them (see TiaVideo.saveVideo).
   */
  saveTo(w: StateWriter, screens = true): void {
    w.u8(STATE_VERSION);
    this.cpu.saveState(w);
    this.tia.saveState(w, screens);
    this.riot.saveState(w);
    this.cart.saveState(w);
    this.rng.saveState(w);
    w.u8(this.cpu.dataBus);
    w.bool(this.pal);
    w.f64(this.frames);
    for (let p = 0; p < 2; p++) {
      w.u8(this.joystick[p]);
      w.bool(this.joystickFire[p]);
      w.i32(this.paddleResistance[p]);
      w.bool(this.paddleFire[p]);
    }
    w.bool(this.resetSwitch);
    w.bool(this.selectSwitch);
    w.bool(this.leftDifficultyA);
    w.bool(this.rightDifficultyA);
  }

  /** `screens` must match the saveTo call that wrote the state. */
  loadFrom(r: StateReader, screens = true): void {
    if (r.u8() !== STATE_VERSION) throw new Error('console save state has an unknown version');
    this.cpu.loadState(r);
    this.tia.loadState(r, screens);
    this.riot.loadState(r);
    this.cart.loadState(r);
    this.syncCartMap();
    this.rng.loadState(r);
    this.cpu.dataBus = r.u8();
    this.pal = r.bool();
    this.frames = r.f64();
    for (let p = 0; p < 2; p++) {
      this.joystick[p] = r.u8();
      this.joystickFire[p] = r.bool();
      this.paddleResistance[p] = r.i32();
      this.paddleFire[p] = r.bool();
    }
    this.resetSwitch = r.bool();
    this.selectSwitch = r.bool();
    this.leftDifficultyA = r.bool();
    this.rightDifficultyA = r.bool();
  }
}

const STATE_VERSION = 1;
/** Where the cart's ROM image starts in the CPU's fast memory (after the 128 bytes of RIOT RAM). */
const ROM_BASE = 128;
/** Bytes a console state takes, about (two 300-row frame buffers dominate). */
const STATE_CAPACITY = 128 * 1024;
/** ALE's per-frame instruction cap (a frame that hits it is partial). */
const INSTRUCTION_CAP = 25000;
