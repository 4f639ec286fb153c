/**
 * The "new run" form: game, recipe, the recipe's main hyperparameters (prefilled from the preset), seed
 * and frame budget. Validation is shared/run-config.ts's, so the form names the same fields the trainer
 * would refuse; server-side errors with a `field` land next to that field too.
 */
import type { NewRunRequest, PresetInfo, RomInfo } from '../../../shared/ipc/contract';
import { configIssues } from '../../../shared/run-config';

export interface FieldSpec {
  readonly key: string;
  readonly label: string;
  readonly kind: 'number' | 'bool';
  readonly hint?: string;
}

const COMMON_FIELDS: readonly FieldSpec[] = [
  { key: 'learningRate', label: 'Learning rate', kind: 'number' },
  { key: 'gamma', label: 'Discount γ', kind: 'number' },
  { key: 'batchSize', label: 'Batch size', kind: 'number' },
];

const REPLAY_FIELDS: readonly FieldSpec[] = [
  { key: 'replayCapacity', label: 'Replay capacity', kind: 'number', hint: 'transitions' },
  { key: 'learningStarts', label: 'Learning starts', kind: 'number', hint: 'agent steps' },
  { key: 'targetUpdateEvery', label: 'Target sync every', kind: 'number', hint: 'agent steps' },
  { key: 'epsilonEnd', label: 'Final ε', kind: 'number' },
  { key: 'explorationSteps', label: 'ε decay steps', kind: 'number' },
  { key: 'double', label: 'Double DQN', kind: 'bool' },
  { key: 'dueling', label: 'Dueling heads', kind: 'bool' },
];

const NOTEBOOK_FIELDS: readonly FieldSpec[] = [
  { key: 'stepsPerIteration', label: 'Steps per iteration', kind: 'number' },
  { key: 'epsilonDecay', label: 'ε decay per iteration', kind: 'number' },
  { key: 'trainBatches', label: 'Batches per iteration', kind: 'number' },
];

export function fieldsFor(preset: PresetInfo | undefined): readonly FieldSpec[] {
  if (!preset) return [];
  const extra = preset.config.algorithm === 'notebook' ? NOTEBOOK_FIELDS : REPLAY_FIELDS;
  return [...COMMON_FIELDS, ...extra].filter((f) => f.key in preset.config);
}

export class NewRunForm {
  gameId = $state('');
  preset = $state('');
  /** Text as typed (numbers) or booleans, by config field. */
  values = $state<Record<string, string | boolean>>({});
  seed = $state('1');
  frames = $state('');
  name = $state('');
  /** Errors the backend reported for a field (cleared when the field changes). */
  serverErrors = $state<Record<string, string>>({});

  presetInfo(presets: readonly PresetInfo[]): PresetInfo | undefined {
    return presets.find((p) => p.name === this.preset);
  }

  /** Picks defaults when the lists arrive (Space Invaders and the notebook recipe when present). */
  adopt(roms: readonly RomInfo[], presets: readonly PresetInfo[]): void {
    if (!roms.some((r) => r.gameId === this.gameId) && roms.length) {
      this.gameId = (roms.find((r) => r.gameId === 'space_invaders') ?? roms[0]).gameId;
    }
    if (!presets.some((p) => p.name === this.preset) && presets.length) {
      this.choosePreset(presets, (presets.find((p) => p.name === 'notebook') ?? presets[0]).name);
    }
  }

  choosePreset(presets: readonly PresetInfo[], name: string): void {
    this.preset = name;
    const info = presets.find((p) => p.name === name);
    const values: Record<string, string | boolean> = {};
    for (const f of fieldsFor(info)) {
      const v = info?.config[f.key];
      values[f.key] = typeof v === 'boolean' ? v : String(v);
    }
    this.values = values;
    this.frames = info ? String(info.config.totalFrames ?? '') : '';
    this.serverErrors = {};
  }

  private overrides(presets: readonly PresetInfo[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of fieldsFor(this.presetInfo(presets))) {
      const raw = this.values[f.key];
      out[f.key] = f.kind === 'bool' ? raw === true : raw === '' ? Number.NaN : Number(raw);
    }
    return out;
  }

  /** Field -> message for everything wrong right now. */
  issues(presets: readonly PresetInfo[]): Record<string, string> {
    const out: Record<string, string> = {};
    const info = this.presetInfo(presets);
    if (!this.gameId) out.gameId = 'Choose a game (add its ROM first).';
    if (!info) {
      out.preset = 'Choose a recipe.';
      return out;
    }
    const frames = this.frames.trim() === '' ? Number.NaN : Number(this.frames);
    const config = { ...info.config, ...this.overrides(presets), totalFrames: frames };
    for (const issue of configIssues(config)) {
      const key = issue.field === 'totalFrames' ? 'frames' : issue.field;
      out[key] ??= `${labelOf(issue.field)} ${issue.message}.`;
    }
    const seed = Number(this.seed);
    if (this.seed.trim() === '' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      out.seed = 'Seed must be a whole number from 0 to 4294967295.';
    }
    return { ...out, ...this.serverErrors };
  }

  /** Replay memory size (frames are stored once, uint8), or null for recipes without one. */
  replayBytes(presets: readonly PresetInfo[]): number | null {
    const info = this.presetInfo(presets);
    if (!info || !('replayCapacity' in info.config)) return null;
    const capacity = Number(this.values.replayCapacity);
    if (!Number.isFinite(capacity) || capacity <= 0) return null;
    const [h, w] = info.config.preprocessing === 'nature' ? [84, 84] : [90, 80];
    return capacity * h * w;
  }

  request(presets: readonly PresetInfo[]): NewRunRequest {
    const name = this.name.trim();
    return {
      gameId: this.gameId,
      preset: this.preset,
      overrides: this.overrides(presets),
      seed: Number(this.seed),
      frames: Number(this.frames),
      ...(name ? { name } : {}),
    };
  }

  setServerError(field: string | undefined, message: string): void {
    if (field) this.serverErrors = { ...this.serverErrors, [field === 'totalFrames' ? 'frames' : field]: message };
  }

  clearServerError(field: string): void {
    if (!(field in this.serverErrors)) return;
    const next = { ...this.serverErrors };
    delete next[field];
    this.serverErrors = next;
  }
}

const LABELS: Record<string, string> = {
  totalFrames: 'Frame budget',
  ...Object.fromEntries([...COMMON_FIELDS, ...REPLAY_FIELDS, ...NOTEBOOK_FIELDS].map((f) => [f.key, f.label])),
};

function labelOf(field: string): string {
  return LABELS[field] ?? field;
}
