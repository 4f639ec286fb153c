import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/ipc/contract';
import { parallelDimensions } from '../../renderer/lib/compare-params';
import { canResume, filterRuns, formatScore, sortRuns } from '../../renderer/lib/runs-table';

const run = (id: string, extra: Partial<RunSummary> = {}): RunSummary => ({
  id,
  name: id,
  gameId: 'pong',
  preset: 'nature',
  status: 'stopped',
  frames: 0,
  createdAt: '2026-01-01T00:00:00Z',
  lastEval: null,
  bestEval: null,
  ...extra,
});

describe('runs table', () => {
  const runs = [
    run('a', { name: 'Alpha', bestEval: 10, frames: 300, createdAt: '2026-01-02T00:00:00Z' }),
    run('b', { name: 'beta', gameId: 'breakout', bestEval: null, frames: 100 }),
    run('c', { name: 'Gamma run', bestEval: 25, frames: 200, status: 'finished', preset: 'notebook' }),
    run('d', { name: 'd', damaged: 'meta.json is missing', status: 'damaged', createdAt: '' }),
  ];

  it('sorts numbers and text, missing values last either way', () => {
    expect(sortRuns(runs, 'bestEval', -1).map((r) => r.id)).toEqual(['c', 'a', 'b', 'd']);
    expect(sortRuns(runs, 'bestEval', 1).map((r) => r.id)).toEqual(['a', 'c', 'b', 'd']);
    expect(sortRuns(runs, 'name', 1).map((r) => r.id)).toEqual(['a', 'b', 'd', 'c']);
    expect(sortRuns(runs, 'createdAt', -1).map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('filters by words, game, status and brush', () => {
    const none = { text: '', gameId: '', status: '', only: null };
    expect(filterRuns(runs, { ...none, text: 'gamma NOTEBOOK' }).map((r) => r.id)).toEqual(['c']);
    expect(filterRuns(runs, { ...none, gameId: 'breakout' }).map((r) => r.id)).toEqual(['b']);
    expect(filterRuns(runs, { ...none, status: 'damaged' }).map((r) => r.id)).toEqual(['d']);
    expect(filterRuns(runs, { ...none, only: ['a', 'd'] }).map((r) => r.id)).toEqual(['a', 'd']);
  });

  it('offers resume for unfinished runs that are not training', () => {
    expect(canResume(runs[0])).toBe(true);
    expect(canResume(runs[0], 'a')).toBe(false);
    expect(canResume(runs[2])).toBe(false);
    expect(canResume(runs[3])).toBe(false);
    expect(formatScore(12.345)).toBe('12.3');
    expect(formatScore(null)).toBe('—');
  });
});

describe('parallel coordinates axes', () => {
  const base = { gameId: 'pong', preset: 'nature' };
  it('keeps varying numeric settings and the score, drops bookkeeping', () => {
    const { dimensions, scoreIndex } = parallelDimensions([
      { ...base, id: 'a', name: 'A', config: { learningRate: 1e-4, gamma: 0.99, seed: 1, double: false }, score: 3 },
      { ...base, id: 'b', name: 'B', config: { learningRate: 2.5e-4, gamma: 0.99, seed: 2, double: true }, score: 7 },
    ]);
    expect(dimensions.map((d) => d.key)).toEqual(['double', 'learningRate', 'score']);
    expect(dimensions[scoreIndex].values).toEqual([3, 7]);
    expect(dimensions[0].values).toEqual([0, 1]);
  });

  it('falls back to headline settings when nothing varies, and adds category axes', () => {
    const same = { learningRate: 1e-4, gamma: 0.99 };
    const one = parallelDimensions([{ ...base, id: 'a', name: 'A', config: same, score: null }]);
    expect(one.dimensions.map((d) => d.key)).toEqual(['gamma', 'learningRate', 'score']);
    const mixed = parallelDimensions([
      { ...base, id: 'a', name: 'A', config: same, score: 1 },
      { ...base, gameId: 'breakout', id: 'b', name: 'B', config: same, score: 2 },
    ]);
    expect(mixed.dimensions[0]).toMatchObject({ key: 'gameId', categories: ['breakout', 'pong'] });
  });
});
