/**
 * Metric records a training run emits: streamed live to the UI and appended to `metrics.jsonl`.
 * Every record carries the counters it was measured at, so curves can be drawn against
 * emulated frames, agent steps or wall time.
 */
export interface Counters {
  /** Emulated ALE frames so far (the x axis papers use). */
  readonly frames: number;
  /** Agent steps (decisions) so far. */
  readonly steps: number;
  /** Seconds of training wall time so far (excluding paused time). */
  readonly wallTime: number;
}

export interface EpisodeMetric extends Counters {
  readonly kind: 'episode';
  readonly episode: number;
  /** Unclipped game score of the episode. */
  readonly return: number;
  readonly length: number;
}

export interface TrainMetric extends Counters {
  readonly kind: 'train';
  readonly loss: number;
  readonly meanQ: number;
  readonly epsilon: number;
  /** Emulated frames per second over the last reporting window. */
  readonly fps: number;
}

export interface EvalMetric extends Counters {
  readonly kind: 'eval';
  readonly episodes: number;
  readonly mean: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export type MetricRecord = EpisodeMetric | TrainMetric | EvalMetric;

export const METRIC_KINDS = ['episode', 'train', 'eval'] as const;
