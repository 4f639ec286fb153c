/**
 * Which axes the hyperparameter picture draws: numeric settings that vary across the runs (a setting
 * every run shares says nothing), the game and recipe when they vary, and the final score last.
 */
import { flattenConfig } from './compare-diff';
import type { ParallelDimension } from './charts/compare-chart';

export interface ParamRun {
  readonly id: string;
  readonly name: string;
  readonly gameId: string;
  readonly preset: string;
  readonly config: Record<string, unknown>;
  readonly score: number | null;
}

/** Settings that describe bookkeeping, not learning: never worth an axis. */
const IGNORED = /^(seed|logEvery|checkpointEvery|checkpointReplay|evalEpisodes|evalEvery|gameId|preset)$/;
const MAX_SETTINGS = 10;
const FALLBACK = ['learningRate', 'gamma', 'batchSize', 'frameStack', 'totalFrames'];

export function parallelDimensions(runs: readonly ParamRun[]): { dimensions: ParallelDimension[]; scoreIndex: number } {
  const flat = runs.map((r) => flattenConfig(r.config));
  const keys = new Set(flat.flatMap((f) => [...f.keys()]));
  const settings: (ParallelDimension & { fixed?: true })[] = [];
  for (const key of [...keys].sort()) {
    if (IGNORED.test(key)) continue;
    const raw = flat.map((f) => f.get(key));
    const numeric = raw.every((v) => v === undefined || typeof v === 'number' || typeof v === 'boolean');
    const present = raw.filter((v) => v !== undefined);
    if (!numeric || present.length === 0) continue;
    const values = raw.map((v) => (v === undefined ? null : Number(v)));
    const varies = new Set(values.filter((v) => v !== null)).size > 1;
    if (varies || FALLBACK.includes(key))
      settings.push({ key, label: key, values, ...(varies ? {} : { fixed: true }) });
  }
  // Only when nothing varies do the headline settings stand in, so the picture still has axes.
  const varying = settings.filter((s) => !('fixed' in s));
  const chosen = (varying.length > 0 ? varying : settings).map(({ key, label, values }) => ({ key, label, values }));
  const categorical = (key: 'gameId' | 'preset', label: string): ParallelDimension | null => {
    const values = runs.map((r) => r[key] || '?');
    const categories = [...new Set(values)].sort();
    return categories.length > 1 ? { key, label, values, categories } : null;
  };
  const dimensions = [
    categorical('gameId', 'game'),
    categorical('preset', 'recipe'),
    ...chosen.slice(0, MAX_SETTINGS),
  ].filter((d): d is ParallelDimension => d !== null);
  dimensions.push({ key: 'score', label: 'final score', values: runs.map((r) => r.score) });
  return { dimensions, scoreIndex: dimensions.length - 1 };
}
