/**
 * Paces what the live display repaints. Frames can arrive faster than the screen refreshes: only the newest
 * is drawn, in an animation frame, and in turbo at most TURBO_DISPLAY_FPS times a second (the shells
 * already send no more; this guards other hosts). Status events (twice a second while training) are held
 * for the next drawn frame while frames flow, so the page repaints once for both. On a 2-core machine each
 * repaint (style, layout, raster, composite: ~10 ms of CPU without a GPU) is taken from the trainer.
 */
import type { DisplayFrame, TrainerStatus } from '../../../shared/ipc/contract';
import { TURBO_DISPLAY_FPS } from '../../../shared/ipc/contract';

export interface PacerOutput {
  frame(frame: DisplayFrame): void;
  status(status: TrainerStatus): void;
  /** Whether the display is in turbo now (sampled frames) rather than watch (every frame). */
  turbo(): boolean;
}

const TURBO_INTERVAL_MS = 1000 / TURBO_DISPLAY_FPS;

export class DisplayPacer {
  private pendingFrame: DisplayFrame | null = null;
  private pendingStatus: TrainerStatus | null = null;
  private frameScheduled = false;
  private statusTimer: ReturnType<typeof setTimeout> | null = null;
  private lastDraw = -Infinity;
  private lastFrameAt = -Infinity;

  constructor(private readonly out: PacerOutput) {}

  frame(frame: DisplayFrame): void {
    this.pendingFrame = frame;
    this.lastFrameAt = performance.now();
    if (this.frameScheduled) return;
    this.frameScheduled = true;
    const wait = this.out.turbo() ? this.lastDraw + TURBO_INTERVAL_MS - performance.now() : 0;
    const draw = (): void => {
      requestAnimationFrame(() => {
        this.frameScheduled = false;
        this.lastDraw = performance.now();
        this.flushStatus();
        const f = this.pendingFrame;
        this.pendingFrame = null;
        if (f) this.out.frame(f);
      });
    };
    if (wait > 0) setTimeout(draw, wait);
    else draw();
  }

  status(status: TrainerStatus): void {
    this.pendingStatus = status;
    if (this.statusTimer) return;
    // Frames flowing: the next draw takes it along; the timer only covers frames that stop coming.
    const flowing = this.frameScheduled || performance.now() - this.lastFrameAt < 2 * TURBO_INTERVAL_MS;
    this.statusTimer = setTimeout(
      () => requestAnimationFrame(() => this.flushStatus()),
      flowing ? 2 * TURBO_INTERVAL_MS : 0,
    );
  }

  /** A call's reply was just applied: a status event still held arrived before it, so it is older. */
  dropStatus(): void {
    this.pendingStatus = null;
  }

  private flushStatus(): void {
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.statusTimer = null;
    const s = this.pendingStatus;
    this.pendingStatus = null;
    if (s) this.out.status(s);
  }
}
