/**
 * The live training session as the UI sees it: status, the latest display frame, and the metric series.
 * Metric arrays are plain (not deeply reactive: thousands of points); the per-kind versions signal changes,
 * so a chart redraws only when its own data moved.
 */
import type { DisplayFrame, DisplayMode, NewRunRequest, StudioApi, TrainerStatus } from '../../../shared/ipc/contract';
import { IDLE_TRAINER_STATUS } from '../../../shared/ipc/contract';
import type { EpisodeMetric, EvalMetric, MetricRecord, TrainMetric } from '../../../shared/metrics';
import { toCallError, type StudioCallError } from '../studio-client';
import { DisplayPacer } from './display-pacer';

export const IDLE: TrainerStatus = IDLE_TRAINER_STATUS;

const ACTIVE = new Set(['starting', 'running', 'paused', 'stopping']);

export class TrainerState {
  status = $state.raw<TrainerStatus>(IDLE);
  frame = $state.raw<DisplayFrame | null>(null);
  /** Bumped when `episodes` changes (and on reset). */
  episodesVersion = $state(0);
  /** Bumped when `train` or `evals` changes (and on reset). */
  trainVersion = $state(0);
  busy = $state(false);
  error = $state.raw<StudioCallError | null>(null);
  displayEnabled = $state(true);
  displayMode = $state<DisplayMode>('turbo');

  episodes: EpisodeMetric[] = [];
  train: TrainMetric[] = [];
  evals: EvalMetric[] = [];

  private metricsRunId: string | null = null;
  private readonly offs: (() => void)[] = [];
  private readonly pacer = new DisplayPacer({
    frame: (frame) => (this.frame = frame),
    status: (status) => this.showStatus(status),
    turbo: () => this.status.display === 'turbo',
  });

  constructor(private readonly api: StudioApi) {}

  get active(): boolean {
    return ACTIVE.has(this.status.state);
  }

  connect(): void {
    this.offs.push(
      this.api.on('trainer:status', (s) => this.pacer.status(s)),
      this.api.on('trainer:metrics', (records) => this.addMetrics(records)),
    );
    void this.refresh();
  }

  /**
   * Receives display frames while the caller (the Train view) is mounted and the page is visible: the
   * shells send frames only to subscribers and the backend asks the trainer for none when nobody
   * subscribes, so a hidden window or another tab costs the trainer nothing. Returns the unsubscribe.
   */
  watchFrames(): () => void {
    let off: (() => void) | null = null;
    const sync = (): void => {
      const visible = document.visibilityState === 'visible';
      if (visible && !off) off = this.api.on('trainer:frame', (frame) => this.pacer.frame(frame));
      if (!visible && off) {
        off();
        off = null;
      }
    };
    sync();
    document.addEventListener('visibilitychange', sync);
    return () => {
      document.removeEventListener('visibilitychange', sync);
      off?.();
      off = null;
    };
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

  /** A call's reply: newer than any status event still held for the next frame. */
  private applyStatus(status: TrainerStatus): void {
    this.pacer.dropStatus();
    this.showStatus(status);
  }

  private showStatus(status: TrainerStatus): void {
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
    this.episodesVersion++;
    this.trainVersion++;
  }

  private addMetrics(records: readonly MetricRecord[]): void {
    let episodes = false;
    let train = false;
    for (const r of records) {
      if (r.kind === 'episode') {
        this.episodes.push(r);
        episodes = true;
      } else if (r.kind === 'train') {
        this.train.push(r);
        train = true;
      } else if (r.kind === 'eval') {
        this.evals.push(r);
        train = true;
      }
    }
    if (episodes) this.episodesVersion++;
    if (train) this.trainVersion++;
  }
}
