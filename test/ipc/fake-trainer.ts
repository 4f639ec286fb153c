/** A scripted TrainerHost for backend and bridge tests: state changes on command, events on demand. */
import type { DisplayFrame, DisplayMode, NewRunRequest, TrainerStatus } from '../../shared/ipc/contract';
import { IDLE_TRAINER_STATUS } from '../../shared/ipc/contract';
import type { MetricRecord } from '../../shared/metrics';
import type { TrainerEvents, TrainerHost } from '../../electron/trainer/types';

export class FakeTrainer implements TrainerHost {
  current: TrainerStatus = IDLE_TRAINER_STATUS;
  readonly starts: NewRunRequest[] = [];
  displayCalls: { mode: DisplayMode; enabled: boolean }[] = [];
  private readonly listeners: { [E in keyof TrainerEvents]: Set<TrainerEvents[E]> } = {
    status: new Set(),
    metrics: new Set(),
    frame: new Set(),
  };

  status(): TrainerStatus {
    return this.current;
  }

  private set(patch: Partial<TrainerStatus>): TrainerStatus {
    this.current = { ...this.current, ...patch };
    for (const l of this.listeners.status) l(this.current);
    return this.current;
  }

  async start(request: NewRunRequest): Promise<TrainerStatus> {
    if (this.current.state === 'running') throw Object.assign(new Error('A run is active.'), { code: 'run-active' });
    this.starts.push(request);
    return this.set({ state: 'running', runId: 'run-1', gameId: request.gameId, frameBudget: request.frames ?? 0 });
  }
  async resumeRun(runId: string): Promise<TrainerStatus> {
    return this.set({ state: 'running', runId });
  }
  async pause(): Promise<TrainerStatus> {
    return this.set({ state: 'paused' });
  }
  async resume(): Promise<TrainerStatus> {
    return this.set({ state: 'running' });
  }
  async stop(): Promise<TrainerStatus> {
    return this.set({ state: 'stopped' });
  }
  async setDisplay(mode: DisplayMode, enabled: boolean): Promise<TrainerStatus> {
    this.displayCalls.push({ mode, enabled });
    return this.set({ display: mode });
  }
  on<E extends keyof TrainerEvents>(event: E, listener: TrainerEvents[E]): () => void {
    const set = this.listeners[event] as Set<TrainerEvents[E]>;
    set.add(listener);
    return () => set.delete(listener);
  }
  async dispose(): Promise<void> {}

  emitFrame(frame: DisplayFrame): void {
    for (const l of this.listeners.frame) l(frame);
  }
  emitMetrics(records: readonly MetricRecord[]): void {
    for (const l of this.listeners.metrics) l(records);
  }
}

export function sampleFrame(frames = 4): DisplayFrame {
  const screen = new Uint8Array(210 * 160);
  for (let i = 0; i < screen.length; i++) screen[i] = (i * 7 + frames) & 0xfe;
  const data = new Uint8Array(90 * 80).map((_, i) => i & 0xff);
  return {
    runId: 'run-1',
    frames,
    steps: frames / 4,
    screen,
    observation: { width: 80, height: 90, channels: 1, data },
    qValues: [0.1, 0.5, -0.2, 0.3, 0, 0.05],
    actionNames: ['NOOP', 'FIRE', 'RIGHT', 'LEFT', 'RIGHTFIRE', 'LEFTFIRE'],
    action: 1,
    epsilon: 0.9,
  };
}
