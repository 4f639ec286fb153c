import { describe, expect, it } from 'vitest';
import type { MetricRecord } from '../../shared/metrics';
import { configDiff, flattenConfig, formatConfigValue, numericSettings } from '../../renderer/lib/compare-diff';
import { curve, finalScore, metricsCsv, runStats } from '../../renderer/lib/compare-series';
import { downsample, smoothEma } from '../../renderer/lib/compare-smoothing';

describe('config diff', () => {
  const a = {
    preset: 'nature',
    learningRate: 0.00025,
    gamma: 0.99,
    replay: { capacity: 1e6, minSize: 50000 },
    seed: 1,
  };
  const b = { preset: 'nature', learningRate: 0.0001, gamma: 0.99, replay: { capacity: 1e6, minSize: 10000 }, seed: 2 };

  it('flattens nested settings to dotted keys', () => {
    expect([...flattenConfig(a).keys()]).toEqual([
      'preset',
      'learningRate',
      'gamma',
      'replay.capacity',
      'replay.minSize',
      'seed',
    ]);
    expect(flattenConfig({ layers: [32, 64], off: undefined }).get('layers')).toBe('[32,64]');
  });

  it('lists only the settings that differ', () => {
    expect(configDiff([a, b])).toEqual([
      { key: 'learningRate', values: [0.00025, 0.0001] },
      { key: 'replay.minSize', values: [50000, 10000] },
      { key: 'seed', values: [1, 2] },
    ]);
    expect(configDiff([a, a])).toEqual([]);
    expect(configDiff([a])).toEqual([]);
  });

  it('treats a missing setting as a difference', () => {
    expect(configDiff([{ x: 1 }, { x: 1, doubleDqn: true }, { x: 1 }])).toEqual([
      { key: 'doubleDqn', values: [undefined, true, undefined] },
    ]);
  });

  it('formats values for people', () => {
    expect(formatConfigValue(0.00025)).toBe('2.50e-4');
    expect(formatConfigValue(1000000)).toBe('1,000,000');
    expect(formatConfigValue(0.99)).toBe('0.99');
    expect(formatConfigValue(undefined)).toBe('—');
    expect(formatConfigValue(false)).toBe('false');
  });

  it('collects numeric settings per run', () => {
    const m = numericSettings([a, { gamma: 0.9, dueling: true }]);
    expect(m.get('gamma')).toEqual([0.99, 0.9]);
    expect(m.get('learningRate')?.[1]).toBeNaN();
  });
});

describe('smoothing', () => {
  const pts = [0, 1, 2, 3, 4].map((i) => [i * 10, i % 2 ? 10 : 0] as const);

  it('leaves the curve alone at weight 0', () => {
    expect(smoothEma(pts, 0)).toEqual(pts.map(([x, y]) => [x, y]));
  });

  it('is debiased: a constant curve stays constant', () => {
    const flat = [1, 2, 3].map((x) => [x, 5] as const);
    for (const [, y] of smoothEma(flat, 0.9)) expect(y).toBeCloseTo(5, 10);
  });

  it('follows the EMA recurrence', () => {
    const s = smoothEma(pts, 0.5);
    expect(s[0]).toEqual([0, 0]);
    // last = 0*0.5 + 0.5*10 = 5, debias 1-0.25 = 0.75 -> 6.667
    expect(s[1][1]).toBeCloseTo(5 / 0.75, 10);
    expect(s.map(([x]) => x)).toEqual([0, 10, 20, 30, 40]);
  });

  it('skips non-finite values', () => {
    expect(
      smoothEma(
        [
          [0, 1],
          [1, NaN],
          [2, 3],
        ],
        0,
      ),
    ).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('downsamples by bucket means', () => {
    const many = Array.from({ length: 1000 }, (_, i) => [i, i] as const);
    const d = downsample(many, 100);
    expect(d).toHaveLength(100);
    expect(d[0]).toEqual([4.5, 4.5]);
    expect(downsample(pts, 100)).toHaveLength(5);
  });
});

describe('series and stats', () => {
  const records: MetricRecord[] = [
    { kind: 'episode', frames: 400, steps: 100, wallTime: 2, episode: 1, return: 3, length: 100 },
    { kind: 'train', frames: 500, steps: 125, wallTime: 2.5, loss: 0.1, meanQ: 0.2, epsilon: 0.9, fps: 200 },
    { kind: 'episode', frames: 800, steps: 200, wallTime: 4, episode: 2, return: 7, length: 100 },
    { kind: 'eval', frames: 1000, steps: 250, wallTime: 5, episodes: 2, mean: 6, median: 6, min: 5, max: 7 },
  ];

  it('extracts curves on any axis', () => {
    expect(curve(records, 'episode', 'frames')).toEqual([
      [400, 3],
      [800, 7],
    ]);
    expect(curve(records, 'eval', 'wallTime')).toEqual([[5, 6]]);
    expect(curve(records, 'episode', 'steps')).toEqual([
      [100, 3],
      [200, 7],
    ]);
  });

  it('summarises a run', () => {
    const s = runStats(records);
    expect(s).toMatchObject({
      episodes: 2,
      frames: 1000,
      bestEpisode: 7,
      recentMean: 5,
      lastEval: 6,
      bestEval: 6,
      fps: 200,
    });
    expect(finalScore(s)).toBe(6);
    expect(finalScore(runStats(records.slice(0, 3)))).toBe(5);
    expect(runStats([]).bestEpisode).toBeNull();
  });

  it('writes CSV with a header of all columns', () => {
    const csv = metricsCsv(records).split('\n');
    expect(csv[0]).toBe(
      'kind,frames,steps,wallTime,episode,return,length,loss,meanQ,epsilon,fps,episodes,mean,median,min,max',
    );
    expect(csv[1]).toBe('episode,400,100,2,1,3,100,,,,,,,,,');
    expect(metricsCsv([{ note: 'a,"b"' } as unknown as MetricRecord])).toBe('note\n"a,""b"""\n');
  });
});
