/**
 * `createAleEnv`: the Gymnasium-style Env over ALE's StellaEnvironment. Like gym's AtariEnv it leaves
 * ALE's own frame skip at 1 and calls act() `frameskip` times per step, so sticky-action draws are per
 * frame and the reward is the unclipped sum (ale-facts §7). A {min,max} frame skip is drawn per step
 * from the env's own seeded RNG (shared/rng.ts), separate from ALE's sticky-action mt19937.
 */
import { Rng } from '../../shared/rng';
import { actionName, FULL_ACTION_SET } from '../../shared/actions';
import { StateReader, StateWriter } from '../emulator/state';
import { identifyRom, type RomIdentity } from './roms';
import { toGrayscale, toRgb } from './screen';
import { StellaEnvironment } from './stella-environment';
import { StepRewind } from './step-rewind';
import type { Env, EnvInfo, EnvOptions, FrameSkip, ResetResult, StepResult } from './types';
import { SCREEN_HEIGHT, SCREEN_WIDTH } from './types';

export interface AleEnvOptions extends EnvOptions {
  /** Used for identification by file-name stem when the md5 is unknown. */
  readonly fileName?: string;
  /** Receives warnings (e.g. file name matched, md5 did not). Default: console.warn. */
  readonly onWarning?: (message: string) => void;
  /** Compose pixels for every frame, even those no step returns (slower; for debugging). */
  readonly renderAllFrames?: boolean;
  /** Compile ROM code into JavaScript blocks (default true; identical results, for A/B timing). */
  readonly compileCode?: boolean;
}

/** Marks env states ("ALE1"). */
const ENV_STATE_MAGIC = 0x31454c41;

export class AleEnv implements Env {
  readonly gameId: string;
  readonly actionSet: readonly number[];
  readonly actionNames: readonly string[];
  readonly identity: RomIdentity;
  readonly ale: StellaEnvironment;
  private readonly frameskip: FrameSkip;
  private readonly skipRng: Rng;
  private readonly previous = new Uint8Array(SCREEN_WIDTH * SCREEN_HEIGHT);
  private readonly skipRendering: boolean;
  /** Render and return the second-to-last frame of each step (max-pooling). */
  private readonly keepPrevious: boolean;
  /** Consecutive regular frames (see Atari2600.lastFrameRegular) just emulated. */
  private regularRun = 0;
  private readonly rewind = new StepRewind();
  /**
   * The last step skipped rendering to its end without max-pooling, so the buffer of its second-to-last
   * frame was never drawn (see StepRewind).
   */
  private staleBuffer = false;
  /** True until the first step: the first reset() returns the observation loadROM produced. */
  private fresh = true;

  constructor(rom: Uint8Array, options: AleEnvOptions) {
    validateOptions(options);
    this.identity = identifyRom(rom, options.fileName);
    if (this.identity.warning) (options.onWarning ?? console.warn)(this.identity.warning);
    const rules = this.identity.game;
    this.gameId = rules.id;
    this.actionSet = options.fullActionSpace ? FULL_ACTION_SET : rules.minimalActions;
    this.actionNames = this.actionSet.map(actionName);
    this.frameskip = options.frameskip;
    this.skipRng = new Rng(options.seed);
    this.skipRendering = options.renderAllFrames !== true;
    this.keepPrevious = options.previousScreen !== false;
    this.ale = new StellaEnvironment(rom, rules, {
      repeatActionProbability: options.repeatActionProbability,
      maxEpisodeFrames: options.maxEpisodeFrames,
      mode: options.mode ?? rules.modes[0],
      difficulty: options.difficulty ?? 0,
      seed: options.seed,
      compileCode: options.compileCode,
    });
  }

  reset(): ResetResult {
    this.regularRun = 0;
    this.staleBuffer = false;
    if (!this.fresh) this.ale.reset();
    this.fresh = false;
    return { screen: this.screen(), info: this.info() };
  }

  step(actionIndex: number): StepResult {
    const action = this.actionSet[actionIndex];
    if (action === undefined) {
      throw new RangeError(`action index ${actionIndex} is out of range 0..${this.actionSet.length - 1}`);
    }
    this.fresh = false;
    const n = this.drawFrameskip();
    const ale = this.ale;
    let reward = 0;
    let frames = 0;
    const console2600 = ale.console;
    // Frames whose screen nobody sees (all but the last two) skip pixel composition while the game
    // draws regular full frames (each redraws every row, so skipped buffers never show). If a frame
    // of such a step is irregular, or the game ends on a skipped frame, the step is rewound to its
    // start and re-run with rendering, so every returned screen stays exact.
    const shown = this.keepPrevious ? 2 : 1;
    let skip = this.skipRendering && n > shown && this.regularRun >= 2;
    // The rewind point needs the screens only if rendering starts by frame 1. Otherwise the buffers are
    // untouched until a re-run can happen after frame 2 or later, by which time the re-run's frames 0
    // and 1 (regular, hence drawn in full) have redrawn both buffers.
    const snapshotScreens = n - shown <= 1;
    // After a skipping step without max-pooling, the buffer of its second-to-last frame was never
    // drawn. An irregular first frame now draws over it, and only re-running that step too redraws it.
    const staleBefore = this.staleBuffer;
    let rewindable = skip || staleBefore;
    if (rewindable) this.rewind.begin(ale, snapshotScreens);
    for (let i = 0; i < n; i++) {
      if (i === n - 1 && n > 1 && this.keepPrevious) this.previous.set(this.screen());
      const render = !skip || i >= n - shown;
      console2600.renderPixels = render;
      ale.drawSticky(action);
      if (rewindable) this.rewind.held(ale, i);
      const before = ale.episodeFrameNumber;
      reward += ale.stepFrame();
      frames += ale.episodeFrameNumber - before;
      const emulated = ale.episodeFrameNumber !== before;
      if (emulated) this.regularRun = console2600.lastFrameRegular ? this.regularRun + 1 : 0;
      const irregular = emulated && !console2600.lastFrameRegular;
      // staleBefore: the last step began a rewind point and ran to its end without a reset or load since.
      const fromPrevious = i === 0 && staleBefore && irregular;
      if (fromPrevious || (skip && (irregular || (!render && ale.isTerminal())))) {
        console2600.renderPixels = true;
        this.rewind.rerun(ale, i, fromPrevious);
        skip = false;
      }
      rewindable = skip;
    }
    this.staleBuffer = skip && shown === 1;
    console2600.renderPixels = true;
    const screen = this.screen();
    // One frame, or no max-pooling: the previous screen is the screen itself (no copy).
    const previousScreen = n === 1 || !this.keepPrevious ? screen : this.previous;
    const terminated = ale.state.terminal;
    return {
      screen,
      previousScreen,
      reward,
      terminated,
      truncated: !terminated && ale.isTruncated(),
      frames,
      info: this.info(),
    };
  }

  screen(): Uint8Array {
    return this.ale.console.screen();
  }

  /** The current screen as RGB triplets (210 x 160 x 3). */
  screenRgb(out?: Uint8Array<ArrayBuffer>): Uint8Array {
    return toRgb(this.screen(), out);
  }

  /** The current screen as ALE's grayscale (210 x 160). */
  screenGrayscale(out?: Uint8Array<ArrayBuffer>): Uint8Array {
    return toGrayscale(this.screen(), out);
  }

  ram(): Uint8Array {
    return this.ale.console.ram();
  }

  lives(): number {
    return this.ale.lives();
  }

  cloneState(): Uint8Array {
    const w = new StateWriter(160 * 1024);
    w.u32(ENV_STATE_MAGIC);
    w.bytes(new TextEncoder().encode(this.identity.md5));
    this.ale.saveState(w);
    for (const word of this.skipRng.getState()) w.u32(word);
    w.bool(this.fresh);
    w.bytes(this.previous);
    return w.finish();
  }

  /** Restores a cloneState() of this ROM; a corrupt or foreign state throws and changes nothing. */
  restoreState(state: Uint8Array): void {
    const r = new StateReader(state);
    if (state.length < 4 || r.u32() !== ENV_STATE_MAGIC) throw new Error('not an ALE env state');
    const md5 = new TextDecoder().decode(r.bytes());
    if (md5 !== this.identity.md5) {
      throw new Error(`env state is for ROM md5 ${md5}, not this ${this.gameId} ROM (${this.identity.md5})`);
    }
    const backup = this.cloneState();
    try {
      this.load(r);
      if (!r.done) throw new Error('save state has trailing bytes');
    } catch (error) {
      const b = new StateReader(backup);
      b.u32();
      b.bytes();
      this.load(b);
      throw new Error(`env state is corrupt: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  }

  private load(r: StateReader): void {
    this.ale.loadState(r);
    this.skipRng.setState([r.u32(), r.u32(), r.u32(), r.u32()]);
    this.fresh = r.bool();
    r.bytes(this.previous);
    this.regularRun = 0;
    this.staleBuffer = false;
  }

  private info(): EnvInfo {
    return {
      lives: this.ale.lives(),
      episodeFrameNumber: this.ale.episodeFrameNumber,
      frameNumber: this.ale.frameNumber,
    };
  }

  private drawFrameskip(): number {
    const f = this.frameskip;
    return typeof f === 'number' ? f : this.skipRng.intBetween(f.min, f.max);
  }
}

/** The env the trainer uses: identifies the ROM, builds the console and runs ALE's loadROM reset. */
export function createAleEnv(rom: Uint8Array, options: EnvOptions & { fileName?: string }): Env {
  return new AleEnv(rom, options);
}

function validateOptions(o: EnvOptions): void {
  const f = o.frameskip;
  if (typeof f === 'number') {
    if (!Number.isInteger(f) || f < 1) throw new RangeError(`frameskip must be an integer >= 1, not ${f}`);
  } else if (!f || !Number.isInteger(f.min) || !Number.isInteger(f.max) || f.min < 1 || f.max < f.min) {
    throw new RangeError(`frameskip range must be integers with 1 <= min <= max, not ${JSON.stringify(f)}`);
  }
  const p = o.repeatActionProbability;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`repeatActionProbability must be in [0, 1], not ${p}`);
  if (!(Number.isInteger(o.maxEpisodeFrames) && o.maxEpisodeFrames >= 0)) {
    throw new RangeError(`maxEpisodeFrames must be an integer >= 0, not ${o.maxEpisodeFrames}`);
  }
  if (!Number.isFinite(o.seed)) throw new RangeError(`seed must be a number, not ${o.seed}`);
}
