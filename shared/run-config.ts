/**
 * Training recipes: one typed, documented config per preset, selectable by name, and a validator that
 * names the offending field. Pure (no Node imports): the renderer uses it for inline validation.
 *
 * Two loop families share the config shape: `notebook` (collect-then-fit iterations, as the seed
 * notebook does) and `replay` (the DeepMind/CleanRL online loop with a replay memory).
 * Frame counts are emulated ALE frames; step counts are agent decisions.
 */

export const PRESET_NAMES = ['notebook', 'notebook-fixed', 'nature'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export type FrameSkipConfig = number | { readonly min: number; readonly max: number };

export interface CommonConfig {
  readonly preset: PresetName;
  readonly algorithm: 'notebook' | 'replay';
  /** Frames per agent step: fixed, or uniform in [min, max] per step (gym v0: 2..4). */
  readonly frameskip: FrameSkipConfig;
  /** ALE sticky actions (gym v0/v5: 0.25, v4/NoFrameskip-v4: 0). */
  readonly repeatActionProbability: number;
  readonly fullActionSpace: boolean;
  /** ALE truncation, 0 = none (gym: 108,000). */
  readonly maxEpisodeFrames: number;
  /** 'notebook': RGB mean grey of [::2, ::2], rows 10:100 -> 90x80. 'nature': ALE luminance, INTER_AREA 84x84. */
  readonly preprocessing: 'notebook' | 'nature';
  /** Observation = max of the step's last two frames (DeepMind's flicker fix). */
  readonly maxPoolFrames: boolean;
  readonly frameStack: number;
  readonly network: 'notebook' | 'nature';
  readonly dueling: boolean;
  readonly double: boolean;
  readonly targetNetwork: boolean;
  readonly loss: 'mse' | 'huber';
  readonly learningRate: number;
  readonly adamEpsilon: number;
  readonly gamma: number;
  /** Gradient-norm clipping, 0 = none. */
  readonly maxGradNorm: number;
  readonly batchSize: number;
  /** Training budget in emulated frames. */
  readonly totalFrames: number;
  /** Evaluate every this many training frames (0 = only at the end). */
  readonly evalEvery: number;
  readonly evalEpisodes: number;
  readonly evalEpsilon: number;
  /** Checkpoint every this many training frames (the notebook family checkpoints at iteration ends). */
  readonly checkpointEvery: number;
  /** Save the replay memory in checkpoints (needed for an exact resume; large for big memories). */
  readonly checkpointReplay: boolean;
  /** A 'train' metric every this many agent steps (replay family). */
  readonly logEvery: number;
}

export interface NotebookConfig extends CommonConfig {
  readonly algorithm: 'notebook';
  /** Steps collected per iteration (the notebook's Memory maxsize). */
  readonly stepsPerIteration: number;
  /** Leading transitions discarded before merging (`experience_replay[44:]`). */
  readonly dropFirst: number;
  /** Merge transitions i and i+1 for i = 0, stride, 2*stride, ... */
  readonly mergeStride: number;
  /** ε = epsilonDecay ^ iteration. */
  readonly epsilonDecay: number;
  /** Minibatches fitted per iteration. */
  readonly trainBatches: number;
  /** 'zero': the notebook's target 0 on terminal transitions; 'reward': r. */
  readonly terminalTarget: 'zero' | 'reward';
  /** Fit one sample at a time (Keras fit per sample) instead of one batched step. */
  readonly perSampleFit: boolean;
}

export interface ReplayConfig extends CommonConfig {
  readonly algorithm: 'replay';
  readonly replayCapacity: number;
  /** Agent steps of pure exploration before the first update. */
  readonly learningStarts: number;
  /** One update every this many agent steps. */
  readonly trainEvery: number;
  /** Copy online -> target every this many agent steps. */
  readonly targetUpdateEvery: number;
  readonly epsilonStart: number;
  readonly epsilonEnd: number;
  /** Agent steps over which ε falls linearly from start to end. */
  readonly explorationSteps: number;
  /** Up to this many NOOP steps after each reset (0 = none). */
  readonly noopMax: number;
  /** A lost life ends the episode for learning (not for scoring). */
  readonly episodicLife: boolean;
  /** Press FIRE (then action 2) after a reset, as CleanRL's FireResetEnv does, when action 1 is FIRE. */
  readonly fireReset: boolean;
  readonly clipRewards: boolean;
}

export type RunConfig = NotebookConfig | ReplayConfig;

const COMMON_EVAL = { evalEpisodes: 5, evalEpsilon: 0.05, logEvery: 1000 } as const;

/**
 * `notebook`: the seed notebook reproduced faithfully. SpaceInvaders-v0 semantics (frame skip uniform in
 * {2,3,4}, sticky actions 0.25, minimal action set, 108,000-frame limit). Each iteration: env.reset(),
 * step(NOOP), collect 10,000 steps with ε = 0.995^iteration (resetting on done), drop the first 44, merge
 * pairs (i, i+1) for i = 0, 4, 8, …, then 20 minibatches of 32 drawn with replacement, each sample fitted
 * alone with Adam(1e-3) on MSE toward r + 0.99·max Q(s′) (0 on terminal transitions).
 * Known flaws, kept on purpose: no target network (targets come from the network being fitted); terminal
 * target 0 instead of r; per-sample fitting (640 Adam steps of batch 1, and later samples' targets see
 * earlier samples' updates); a tiny memory (~2,489 merged transitions) rebuilt from scratch every
 * iteration, so only the latest policy's data is ever replayed and 99.4% of collected steps are never
 * trained on; the merge drops steps i+2, i+3 and pairs states across episode boundaries; after a done the
 * next transition starts from the terminal frame, not the reset frame; env.reset() each iteration cuts
 * the running episode; unclipped rewards under MSE; ε decays per iteration (0.995^i reaches 0.1 only at
 * iteration 460); no frame stacking, so velocities are invisible. Keras' MSE averages over the 6 outputs;
 * here the loss is on the taken action only, a constant factor Adam normalises away.
 * Studio additions (not in the notebook): periodic evaluation (ε = 0.05, full games) and checkpoints at
 * iteration ends; the notebook never states a budget, so 3M frames (~100 iterations) is a default.
 */
export const NOTEBOOK_PRESET: NotebookConfig = {
  preset: 'notebook',
  algorithm: 'notebook',
  frameskip: { min: 2, max: 4 },
  repeatActionProbability: 0.25,
  fullActionSpace: false,
  maxEpisodeFrames: 108_000,
  preprocessing: 'notebook',
  maxPoolFrames: false,
  frameStack: 1,
  network: 'notebook',
  dueling: false,
  double: false,
  targetNetwork: false,
  loss: 'mse',
  learningRate: 1e-3,
  adamEpsilon: 1e-7,
  gamma: 0.99,
  maxGradNorm: 0,
  batchSize: 32,
  totalFrames: 3_000_000,
  evalEvery: 300_000,
  checkpointEvery: 30_000,
  checkpointReplay: false,
  ...COMMON_EVAL,
  stepsPerIteration: 10_000,
  dropFirst: 44,
  mergeStride: 4,
  epsilonDecay: 0.995,
  trainBatches: 20,
  terminalTarget: 'zero',
  perSampleFit: true,
};

function commonPart(config: NotebookConfig): CommonConfig {
  const {
    stepsPerIteration,
    dropFirst,
    mergeStride,
    epsilonDecay,
    trainBatches,
    terminalTarget,
    perSampleFit,
    ...rest
  } = config;
  void [stepsPerIteration, dropFirst, mergeStride, epsilonDecay, trainBatches, terminalTarget, perSampleFit];
  return rest;
}

/**
 * `notebook-fixed`: the notebook's network, preprocessing and v0 environment with its flaws fixed: a
 * persistent 100k-transition replay memory filled online, batched minibatch updates (one per 4 steps
 * after a 20k-step warm-up), a target network synced every 2,000 steps, target r on terminal
 * transitions, a linear ε schedule, Huber loss (rewards stay unclipped, so Huber keeps big score jumps
 * from dominating), Adam at 2.5e-4 (1e-3 diverges once targets stop moving with every fit).
 */
export const NOTEBOOK_FIXED_PRESET: ReplayConfig = {
  ...commonPart(NOTEBOOK_PRESET),
  preset: 'notebook-fixed',
  algorithm: 'replay',
  targetNetwork: true,
  loss: 'huber',
  learningRate: 2.5e-4,
  checkpointEvery: 250_000,
  checkpointReplay: true,
  replayCapacity: 100_000,
  learningStarts: 20_000,
  trainEvery: 4,
  targetUpdateEvery: 2_000,
  epsilonStart: 1,
  epsilonEnd: 0.05,
  explorationSteps: 250_000,
  noopMax: 0,
  episodicLife: false,
  fireReset: false,
  clipRewards: false,
};

/**
 * `nature`: Mnih et al. 2015 as CleanRL's dqn_atari.py implements it (NoFrameskip-v4: no sticky actions,
 * skip 4 with a max over the last two frames, up to 30 no-op starts, FireReset, life loss terminal for
 * learning, rewards clipped to [-1, 1], 84x84 grey, a stack of 4, replay 1M, batch 32, γ 0.99, target
 * sync every 1,000 steps, one update per 4 steps after 80k steps, ε 1 -> 0.01 over 1M steps).
 * Deviations from the paper: Adam (lr 1e-4, eps 1e-8) instead of RMSProp (lr 2.5e-4); ε ends at 0.01 not
 * 0.1; target sync every 1,000 steps (4,000 frames) instead of 10,000 updates; warm-up 80k steps instead of
 * 50k; grey is ALE's luminance of the max-pooled palette frames (the paper took the max over RGB, then Y);
 * FireReset is CleanRL's, not the paper's. Deviation from CleanRL: Huber loss (the paper's error clipping)
 * where CleanRL uses MSE. Options: `double` (van Hasselt 2016), `dueling` (Wang 2016), `network`.
 * Evaluation: ε = 0.05, full games (no life-loss termination), unclipped score.
 */
export const NATURE_PRESET: ReplayConfig = {
  preset: 'nature',
  algorithm: 'replay',
  frameskip: 4,
  repeatActionProbability: 0,
  fullActionSpace: false,
  maxEpisodeFrames: 108_000,
  preprocessing: 'nature',
  maxPoolFrames: true,
  frameStack: 4,
  network: 'nature',
  dueling: false,
  double: false,
  targetNetwork: true,
  loss: 'huber',
  learningRate: 1e-4,
  adamEpsilon: 1e-8,
  gamma: 0.99,
  maxGradNorm: 0,
  batchSize: 32,
  totalFrames: 40_000_000,
  evalEvery: 1_000_000,
  checkpointEvery: 250_000,
  checkpointReplay: false,
  ...COMMON_EVAL,
  evalEpisodes: 10,
  replayCapacity: 1_000_000,
  learningStarts: 80_000,
  trainEvery: 4,
  targetUpdateEvery: 1_000,
  epsilonStart: 1,
  epsilonEnd: 0.01,
  explorationSteps: 1_000_000,
  noopMax: 30,
  episodicLife: true,
  fireReset: true,
  clipRewards: true,
};

export const PRESETS: Readonly<Record<PresetName, { title: string; description: string; config: RunConfig }>> = {
  notebook: {
    title: 'Notebook (faithful)',
    description: 'The seed notebook as written, flaws included: 90x80 grey, small CNN, per-iteration memory.',
    config: NOTEBOOK_PRESET,
  },
  'notebook-fixed': {
    title: 'Notebook, fixed',
    description: 'Same network and preprocessing; replay memory, target network, batched updates.',
    config: NOTEBOOK_FIXED_PRESET,
  },
  nature: {
    title: 'Nature DQN (CleanRL)',
    description: 'Mnih et al. 2015 via CleanRL: 84x84x4, Huber, target network, 1M replay. Double/dueling options.',
    config: NATURE_PRESET,
  },
};

/** The presets as the UI lists them (PresetInfo in shared/ipc/contract.ts). */
export function presetList(): Array<{
  name: PresetName;
  title: string;
  description: string;
  config: Record<string, unknown>;
}> {
  return PRESET_NAMES.map((name) => ({ name, ...PRESETS[name], config: { ...PRESETS[name].config } }));
}

export function isPresetName(value: unknown): value is PresetName {
  return typeof value === 'string' && (PRESET_NAMES as readonly string[]).includes(value);
}

export function presetConfig(name: string): RunConfig {
  if (!isPresetName(name)) {
    throw new ConfigError('preset', `unknown preset '${name}' (choose one of ${PRESET_NAMES.join(', ')})`);
  }
  return PRESETS[name].config;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'invalid-config';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export interface ConfigIssue {
  readonly field: string;
  readonly message: string;
}

type FieldRule =
  | { kind: 'int' | 'number'; min: number; max: number; minExclusive?: boolean }
  | { kind: 'bool' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'frameskip' };

const int = (min: number, max = Number.MAX_SAFE_INTEGER): FieldRule => ({ kind: 'int', min, max });
const num = (min: number, max: number, minExclusive = false): FieldRule => ({ kind: 'number', min, max, minExclusive });
const bool: FieldRule = { kind: 'bool' };
const oneOf = (...values: string[]): FieldRule => ({ kind: 'enum', values });

const COMMON_RULES: Record<keyof CommonConfig, FieldRule> = {
  preset: oneOf(...PRESET_NAMES),
  algorithm: oneOf('notebook', 'replay'),
  frameskip: { kind: 'frameskip' },
  repeatActionProbability: num(0, 1),
  fullActionSpace: bool,
  maxEpisodeFrames: int(0),
  preprocessing: oneOf('notebook', 'nature'),
  maxPoolFrames: bool,
  frameStack: int(1, 16),
  network: oneOf('notebook', 'nature'),
  dueling: bool,
  double: bool,
  targetNetwork: bool,
  loss: oneOf('mse', 'huber'),
  learningRate: num(0, 1, true),
  adamEpsilon: num(0, 1, true),
  gamma: num(0, 1),
  maxGradNorm: num(0, 1e9),
  batchSize: int(1, 4096),
  totalFrames: int(1),
  evalEvery: int(0),
  evalEpisodes: int(0, 1000),
  evalEpsilon: num(0, 1),
  checkpointEvery: int(1),
  checkpointReplay: bool,
  logEvery: int(1),
};

const NOTEBOOK_RULES: Record<Exclude<keyof NotebookConfig, keyof CommonConfig>, FieldRule> = {
  stepsPerIteration: int(2),
  dropFirst: int(0),
  mergeStride: int(1),
  epsilonDecay: num(0, 1),
  trainBatches: int(0),
  terminalTarget: oneOf('zero', 'reward'),
  perSampleFit: bool,
};

const REPLAY_RULES: Record<Exclude<keyof ReplayConfig, keyof CommonConfig>, FieldRule> = {
  replayCapacity: int(2),
  learningStarts: int(0),
  trainEvery: int(1),
  targetUpdateEvery: int(1),
  epsilonStart: num(0, 1),
  epsilonEnd: num(0, 1),
  explorationSteps: int(1),
  noopMax: int(0, 1000),
  episodicLife: bool,
  fireReset: bool,
  clipRewards: bool,
};

function checkField(field: string, rule: FieldRule, value: unknown): string | null {
  switch (rule.kind) {
    case 'bool':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'enum':
      return typeof value === 'string' && rule.values.includes(value)
        ? null
        : `must be one of ${rule.values.join(', ')}`;
    case 'frameskip': {
      if (typeof value === 'number') return checkField(field, int(1, 64), value);
      if (value === null || typeof value !== 'object') return 'must be a whole number or {"min", "max"}';
      const { min, max } = value as { min?: unknown; max?: unknown };
      const bad = checkField(field, int(1, 64), min) ?? checkField(field, int(1, 64), max);
      if (bad) return `min and max ${bad}`;
      return (min as number) <= (max as number) ? null : 'min must not exceed max';
    }
    default: {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (rule.kind === 'int' && !Number.isInteger(value)) return 'must be a whole number';
      const low = rule.minExclusive ? value <= rule.min : value < rule.min;
      if (low || value > rule.max) {
        const lo = rule.minExclusive ? `greater than ${rule.min}` : `at least ${rule.min}`;
        return rule.max >= Number.MAX_SAFE_INTEGER ? `must be ${lo}` : `must be ${lo} and at most ${rule.max}`;
      }
      return null;
    }
  }
}

/** Every problem with a config object, field by field (empty when valid). */
export function configIssues(value: unknown): ConfigIssue[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [{ field: 'config', message: 'must be an object' }];
  }
  const record = value as Record<string, unknown>;
  const rules: Record<string, FieldRule> = {
    ...COMMON_RULES,
    ...(record.algorithm === 'notebook' ? NOTEBOOK_RULES : REPLAY_RULES),
  };
  const issues: ConfigIssue[] = [];
  for (const [field, rule] of Object.entries(rules)) {
    if (!(field in record)) issues.push({ field, message: 'is missing' });
    else {
      const message = checkField(field, rule, record[field]);
      if (message) issues.push({ field, message });
    }
  }
  for (const field of Object.keys(record)) {
    if (!(field in rules)) issues.push({ field, message: 'is not a setting of this recipe' });
  }
  issues.push(...crossFieldIssues(record, issues));
  return issues;
}

function crossFieldIssues(c: Record<string, unknown>, found: readonly ConfigIssue[]): ConfigIssue[] {
  if (found.length > 0) return [];
  const out: ConfigIssue[] = [];
  if (c.algorithm === 'notebook' && c.frameStack !== 1) {
    out.push({ field: 'frameStack', message: 'must be 1 for the notebook loop (it stores single frames)' });
  }
  if (c.algorithm === 'notebook' && (c.dropFirst as number) + 2 > (c.stepsPerIteration as number)) {
    out.push({ field: 'dropFirst', message: 'must leave at least two steps of each iteration to merge' });
  }
  if (c.algorithm === 'replay' && (c.batchSize as number) > (c.replayCapacity as number)) {
    out.push({ field: 'batchSize', message: 'must not exceed replayCapacity' });
  }
  return out;
}

/** Validates a whole config; throws a ConfigError naming the first bad field. */
export function validateRunConfig(value: unknown): RunConfig {
  const [first] = configIssues(value);
  if (first) throw new ConfigError(first.field, first.message);
  return value as RunConfig;
}

/** A preset with overrides applied (by field name) and validated. */
export function resolveRunConfig(preset: string, overrides: Record<string, unknown> = {}): RunConfig {
  const base = presetConfig(preset);
  if ('preset' in overrides && overrides.preset !== preset) {
    throw new ConfigError('preset', 'cannot be overridden (choose the preset itself)');
  }
  if ('algorithm' in overrides && overrides.algorithm !== base.algorithm) {
    throw new ConfigError('algorithm', `is fixed by the preset '${preset}' (${base.algorithm})`);
  }
  return validateRunConfig({ ...base, ...overrides });
}

/** Agent steps per emulated frame is not fixed; this is the mean frames per step, for ETAs and budgets. */
export function meanFrameskip(frameskip: FrameSkipConfig): number {
  return typeof frameskip === 'number' ? frameskip : (frameskip.min + frameskip.max) / 2;
}

/** The observation plane size a preprocessing produces. */
export function observationShape(config: Pick<CommonConfig, 'preprocessing'>): { height: number; width: number } {
  return config.preprocessing === 'notebook' ? { height: 90, width: 80 } : { height: 84, width: 84 };
}
