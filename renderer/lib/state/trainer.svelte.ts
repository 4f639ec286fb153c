/**
 * The live training session as the UI sees it: status, the latest display frame, and the metric series.
 * Metric arrays are plain (not deeply reactive: thousands of points); `metricsVersion` signals changes.
 */
import type { DisplayFrame, DisplayMode, NewRunRequest, StudioApi, TrainerStatus } from '../../../shared/ipc/contract';
import { IDLE_TRAINER_STATUS } from '../../../shared/ipc/contract';
import type { EpisodeMetric, EvalMetric, MetricRecord, TrainMetric } from '../../../shared/metrics';
import { toCallError, type StudioCallError } from '../studio-client';

export const IDLE: TrainerStatus = IDLE_TRAINER_STATUS;

/** Turbo draws a sample of the frames; watch mode draws every frame (60/s). */
const TURBO_DRAW_FPS = 6;

const ACTIVE = new Set(['starting', 'running', 'paused', 'stopping']);

export class TrainerState {
  status = $state.raw<TrainerStatus>(IDLE);
  frame = $state.raw<DisplayFrame | null>(null);
  metricsVersion = $state(0);
  busy = $state(false);
  error = $state.raw<StudioCallError | null>(null);
  displayEnabled = $state(true);
  displayMode = $state<DisplayMode>('turbo');

  episodes: EpisodeMetric[] = [];
  train: TrainMetric[] = [];
  evals: EvalMetric[] = [];

  private metricsRunId: string | null = null;
  private pendingFrame: DisplayFrame | null = null;
  private frameScheduled = false;
  private lastDraw = 0;
  private readonly offs: (() => void)[] = [];

  constructor(private readonly api: StudioApi) {}

  get active(): boolean {
    return ACTIVE.has(this.status.state);
  }

  connect(): void {
    this.offs.push(
      this.api.on('trainer:status', (s) => this.applyStatus(s)),
      this.api.on('trainer:metrics', (records) => this.addMetrics(records)),
      this.api.on('trainer:frame', (frame) => this.queueFrame(frame)),
    );
    void this.refresh();
  }

  /** Fetches the status (page load, reconnect); a page opened on a running run asks for its display. */
  async refresh(): Promise<void> {
    try {
      const s = await this.api.invoke('trainer:status', undefined);
      this.applyStatus(s);
      if (this.active) {
        this.displayMode = s.display;
        await this.pushDisplay();
      }
    } catch {
      // Disconnected: the next reconnect refreshes again.
    }
  }

  disconnect(): void {
    for (const off of this.offs.splice(0)) off();
  }

  async start(request: NewRunRequest): Promise<boolean> {
    return this.call(async () => {
      this.resetMetrics(null);
      this.frame = null;
      this.applyStatus(await this.api.invoke('trainer:start', request));
      await this.pushDisplay();
    });
  }

  pause = (): Promise<boolean> =>
    this.call(async () => this.applyStatus(await this.api.invoke('trainer:pause', undefined)));
  resume = (): Promise<boolean> =>
    this.call(async () => this.applyStatus(await this.api.invoke('trainer:resume', undefined)));
  stop = (): Promise<boolean> =>
    this.call(async () => this.applyStatus(await this.api.invoke('trainer:stop', undefined)));

  async setDisplay(mode: DisplayMode, enabled: boolean): Promise<void> {
    this.displayMode = mode;
    this.displayEnabled = enabled;
    if (this.active) await this.call(() => this.pushDisplay());
  }

  private async pushDisplay(): Promise<void> {
    const request = { mode: this.displayMode, enabled: this.displayEnabled };
    this.applyStatus(await this.api.invoke('trainer:display', request));
  }

  private async call(work: () => Promise<void>): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      await work();
      return true;
    } catch (error) {
      this.error = toCallError(error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  private applyStatus(status: TrainerStatus): void {
    this.status = status;
    if (status.runId && status.runId !== this.metricsRunId) void this.loadRunMetrics(status.runId);
  }

  /** A run seen for the first time (page reload, resumed run): fetch its saved metrics, then keep live ones. */
  private async loadRunMetrics(runId: string): Promise<void> {
    this.resetMetrics(runId);
    try {
      const saved = await this.api.invoke('runs:metrics', { runId });
      if (this.metricsRunId !== runId) return;
      const live = [...this.episodes, ...this.train, ...this.evals];
      const lastSaved = saved.reduce((m, r) => Math.max(m, r.frames), -1);
      this.resetMetrics(runId);
      this.addMetrics([...saved, ...live.filter((r) => r.frames > lastSaved)]);
    } catch {
      // A run that has no metrics yet (just created) is fine: live records fill in.
    }
  }

  private resetMetrics(runId: string | null): void {
    this.metricsRunId = runId;
    this.episodes = [];
    this.train = [];
    this.evals = [];
    this.metricsVersion++;
  }

  private addMetrics(records: readonly MetricRecord[]): void {
    for (const r of records) {
      if (r.kind === 'episode') this.episodes.push(r);
      else if (r.kind === 'train') this.train.push(r);
      else if (r.kind === 'eval') this.evals.push(r);
    }
    this.metricsVersion++;
  }

  /**
   * Frames can arrive faster than the screen refreshes: keep only the newest per animation frame. In turbo
   * the display is a sample anyway, so it is drawn at most TURBO_DRAW_FPS times a second: on a small machine
   * the browser's drawing competes with the trainer for the same cores.
   */
  private queueFrame(frame: DisplayFrame): void {
    this.pendingFrame = frame;
    if (this.frameScheduled) return;
    this.frameScheduled = true;
    const wait = this.status.display === 'turbo' ? this.lastDraw + 1000 / TURBO_DRAW_FPS - performance.now() : 0;
    const draw = (): void => {
      requestAnimationFrame(() => {
        this.frameScheduled = false;
        this.lastDraw = performance.now();
        this.frame = this.pendingFrame;
      });
    };
    if (wait > 0) setTimeout(draw, wait);
    else draw();
  }
}
