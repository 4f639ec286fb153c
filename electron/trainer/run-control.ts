/**
 * The host side of LoopControl: pause/resume/stop flags, display sampling and pacing, and regular
 * yields to the event loop so commands (and worker messages) get through while the loop runs.
 */
import { TURBO_DISPLAY_FPS, type DisplayMode } from '../../shared/ipc/contract';
import type { LoopControl } from './loop/types';

/** Watch mode: ALE's real time. */
const WATCH_FRAMES_PER_SECOND = 60;
/** Yield to the event loop at least this often (ms) so pause/stop/display commands arrive. */
const YIELD_MS = 25;

export class RunControl implements LoopControl {
  stopRequested = false;
  display: { mode: DisplayMode; enabled: boolean };
  private paused = false;
  private resumeWaiters: Array<() => void> = [];
  private startedAt = performance.now();
  private pausedFor = 0;
  private pausedAt = 0;
  private lastYield = performance.now();
  private lastFrame = 0;
  private watchAnchor: { time: number; frames: number } | null = null;

  constructor(display: { mode: DisplayMode; enabled: boolean }) {
    this.display = { ...display };
  }

  get isPaused(): boolean {
    return this.paused;
  }

  pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.pausedAt = performance.now();
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.pausedFor += performance.now() - this.pausedAt;
    this.watchAnchor = null;
    for (const wake of this.resumeWaiters.splice(0)) wake();
  }

  stop(): void {
    this.stopRequested = true;
    this.resume();
  }

  setDisplay(mode: DisplayMode, enabled: boolean): void {
    this.display = { mode, enabled };
    this.watchAnchor = null;
  }

  elapsed(): number {
    const now = this.paused ? this.pausedAt : performance.now();
    return (now - this.startedAt - this.pausedFor) / 1000;
  }

  /**
   * Turbo samples at the rate the shells show (TURBO_DISPLAY_FPS), so the loop builds and copies no frame
   * that every consumer would drop; the loop never waits for the display.
   */
  wantFrame(): boolean {
    if (!this.display.enabled) return false;
    if (this.display.mode === 'watch') return true;
    const now = performance.now();
    if (now - this.lastFrame < 1000 / TURBO_DISPLAY_FPS) return false;
    this.lastFrame = now;
    return true;
  }

  unshown(frames: number): void {
    if (this.watchAnchor) this.watchAnchor = { time: this.watchAnchor.time, frames: this.watchAnchor.frames + frames };
  }

  async tick(frames: number): Promise<void> {
    if (this.paused) await new Promise<void>((wake) => this.resumeWaiters.push(wake));
    const now = performance.now();
    if (this.display.enabled && this.display.mode === 'watch') {
      this.watchAnchor ??= { time: now, frames };
      const due = this.watchAnchor.time + ((frames - this.watchAnchor.frames) * 1000) / WATCH_FRAMES_PER_SECOND;
      // Fell behind (an evaluation, a slow step): re-anchor instead of racing to catch up.
      if (due < now - 250) this.watchAnchor = { time: now, frames };
      else if (due > now) {
        await sleep(Math.min(due - now, 1000));
        this.lastYield = performance.now();
        return;
      }
    }
    if (now - this.lastYield >= YIELD_MS) {
      this.lastYield = now;
      await new Promise<void>((done) => setImmediate(done));
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
