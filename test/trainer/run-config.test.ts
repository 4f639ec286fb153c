import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  configIssues,
  NATURE_PRESET,
  NOTEBOOK_FIXED_PRESET,
  NOTEBOOK_PRESET,
  PRESET_NAMES,
  PRESETS,
  presetConfig,
  resolveRunConfig,
  validateRunConfig,
} from '../../shared/run-config';

const fieldOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).field;
  }
  throw new Error('did not throw');
};

describe('run-config presets', () => {
  it('every preset is valid and selectable by name', () => {
    for (const name of PRESET_NAMES) {
      expect(configIssues(PRESETS[name].config)).toEqual([]);
      expect(presetConfig(name).preset).toBe(name);
    }
  });

  it('notebook reproduces the notebook (v0 env, 90x80, Adam 1e-3 MSE, 10k steps, drop 44, stride 4, 20x32)', () => {
    expect(NOTEBOOK_PRESET).toMatchObject({
      frameskip: { min: 2, max: 4 },
      repeatActionProbability: 0.25,
      fullActionSpace: false,
      preprocessing: 'notebook',
      network: 'notebook',
      frameStack: 1,
      learningRate: 1e-3,
      loss: 'mse',
      targetNetwork: false,
      gamma: 0.99,
      stepsPerIteration: 10_000,
      dropFirst: 44,
      mergeStride: 4,
      epsilonDecay: 0.995,
      trainBatches: 20,
      batchSize: 32,
      terminalTarget: 'zero',
      perSampleFit: true,
    });
  });

  it('notebook-fixed keeps network and preprocessing and fixes the flaws', () => {
    expect(NOTEBOOK_FIXED_PRESET).toMatchObject({
      algorithm: 'replay',
      network: 'notebook',
      preprocessing: 'notebook',
      targetNetwork: true,
    });
    expect('terminalTarget' in NOTEBOOK_FIXED_PRESET).toBe(false);
  });

  it('nature follows CleanRL dqn_atari', () => {
    expect(NATURE_PRESET).toMatchObject({
      frameskip: 4,
      repeatActionProbability: 0,
      maxPoolFrames: true,
      frameStack: 4,
      noopMax: 30,
      episodicLife: true,
      clipRewards: true,
      loss: 'huber',
      replayCapacity: 1_000_000,
      trainEvery: 4,
      learningStarts: 80_000,
      targetUpdateEvery: 1_000,
      learningRate: 1e-4,
      evalEpsilon: 0.05,
    });
  });
});

describe('run-config validation names the field', () => {
  it('rejects bad values', () => {
    expect(fieldOf(() => resolveRunConfig('nature', { learningRate: -1 }))).toBe('learningRate');
    expect(fieldOf(() => resolveRunConfig('nature', { batchSize: 2.5 }))).toBe('batchSize');
    expect(fieldOf(() => resolveRunConfig('nature', { network: 'resnet' }))).toBe('network');
    expect(fieldOf(() => resolveRunConfig('nature', { double: 'yes' }))).toBe('double');
    expect(fieldOf(() => resolveRunConfig('nature', { frameskip: { min: 4, max: 2 } }))).toBe('frameskip');
    expect(fieldOf(() => resolveRunConfig('nature', { stepsPerIteration: 5 }))).toBe('stepsPerIteration');
    expect(fieldOf(() => resolveRunConfig('notebook', { frameStack: 4 }))).toBe('frameStack');
    expect(fieldOf(() => resolveRunConfig('nature', { batchSize: 64, replayCapacity: 10 }))).toBe('batchSize');
    expect(fieldOf(() => resolveRunConfig('nope'))).toBe('preset');
    expect(fieldOf(() => resolveRunConfig('nature', { algorithm: 'notebook' }))).toBe('algorithm');
    const { gamma: _g, ...missing } = NATURE_PRESET;
    expect(fieldOf(() => validateRunConfig(missing))).toBe('gamma');
  });

  it('messages say what is wrong', () => {
    expect(() => resolveRunConfig('nature', { gamma: 2 })).toThrow('gamma: must be at least 0 and at most 1');
    expect(configIssues({ ...NATURE_PRESET, evalEpsilon: 'x', replayCapacity: 0 })).toEqual([
      { field: 'evalEpsilon', message: 'must be a number' },
      { field: 'replayCapacity', message: 'must be at least 2' },
    ]);
  });

  it('applies options: double, dueling, notebook network on nature', () => {
    const c = resolveRunConfig('nature', { double: true, dueling: true, network: 'notebook' });
    expect(c).toMatchObject({ double: true, dueling: true, network: 'notebook', preprocessing: 'nature' });
  });
});
