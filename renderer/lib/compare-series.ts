/**
 * Turns a run's metric records into the curves and summary numbers the compare view shows.
 */
import type { EvalMetric, EpisodeMetric, MetricRecord } from '../../shared/metrics';
import type { Point } from './compare-smoothing';

export type CurveMetric = 'episode' | 'eval';
export type CurveAxis = 'frames' | 'steps' | 'wallTime';

export const AXIS_LABELS: Record<CurveAxis, string> = {
  frames: 'Emulated frames',
  steps: 'Agent steps',
  wallTime: 'Wall time (s)',
};
export const METRIC_LABELS: Record<CurveMetric, string> = {
  episode: 'Episode return',
  eval: 'Evaluation return (mean)',
};

export function curve(records: readonly MetricRecord[], metric: CurveMetric, axis: CurveAxis): Point[] {
  const out: Point[] = [];
  for (const r of records) {
    if (metric === 'episode' && r.kind === 'episode') out.push([r[axis], r.return]);
    else if (metric === 'eval' && r.kind === 'eval') out.push([r[axis], r.mean]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

export interface RunStats {
  readonly episodes: number;
  readonly frames: number;
  readonly steps: number;
  readonly wallTime: number;
  readonly bestEpisode: number | null;
  /** Mean return of the last (up to) 100 training episodes. */
  readonly recentMean: number | null;
  readonly evals: number;
  readonly lastEval: number | null;
  readonly bestEval: number | null;
  /** Emulated frames per second of wall time over the whole run. */
  readonly fps: number | null;
}

export function runStats(records: readonly MetricRecord[]): RunStats {
  const episodes = records.filter((r): r is EpisodeMetric => r.kind === 'episode');
  const evals = records.filter((r): r is EvalMetric => r.kind === 'eval');
  let frames = 0;
  let steps = 0;
  let wallTime = 0;
  for (const r of records) {
    frames = Math.max(frames, r.frames);
    steps = Math.max(steps, r.steps);
    wallTime = Math.max(wallTime, r.wallTime);
  }
  const recent = episodes.slice(-100);
  return {
    episodes: episodes.length,
    frames,
    steps,
    wallTime,
    bestEpisode: episodes.length ? Math.max(...episodes.map((e) => e.return)) : null,
    recentMean: recent.length ? recent.reduce((s, e) => s + e.return, 0) / recent.length : null,
    evals: evals.length,
    lastEval: evals.length ? evals[evals.length - 1].mean : null,
    bestEval: evals.length ? Math.max(...evals.map((e) => e.mean)) : null,
    fps: wallTime > 0 ? frames / wallTime : null,
  };
}

/** The score a run is judged by in the hyperparameter picture: last evaluation, else recent episodes. */
export function finalScore(stats: RunStats): number | null {
  return stats.lastEval ?? stats.recentMean;
}

/** Metrics as CSV (one row per record, union of columns), for spreadsheets. */
export function metricsCsv(records: readonly MetricRecord[]): string {
  const columns: string[] = [];
  for (const r of records) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
  const cell = (v: unknown): string => {
    if (v === undefined || v === null) return '';
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [columns.join(',')];
  for (const r of records) lines.push(columns.map((c) => cell((r as unknown as Record<string, unknown>)[c])).join(','));
  return lines.join('\n') + '\n';
}
