/**
 * Wall-clock pacing for progress reports: however rarely a loop logs (logEvery can be thousands of
 * steps), the host hears where the run stands every PROGRESS_SECONDS. One clock read per check.
 */
import type { LoopControl } from './types';

export const PROGRESS_SECONDS = 0.5;

export class ProgressClock {
  private last: number;

  constructor(
    private readonly control: Pick<LoopControl, 'elapsed'>,
    private readonly every = PROGRESS_SECONDS,
  ) {
    this.last = control.elapsed();
  }

  /** True (and restarts the interval) when a report is due. */
  due(): boolean {
    const now = this.control.elapsed();
    if (now - this.last < this.every) return false;
    this.last = now;
    return true;
  }

  /** A report was just sent by other means (a log line): the next one is due a full interval later. */
  reset(): void {
    this.last = this.control.elapsed();
  }
}
