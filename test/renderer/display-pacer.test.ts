import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DisplayFrame, TrainerStatus } from '../../shared/ipc/contract';
import { IDLE_TRAINER_STATUS, TURBO_DISPLAY_FPS } from '../../shared/ipc/contract';
import { DisplayPacer } from '../../renderer/lib/state/display-pacer';
import { sampleFrame } from '../ipc/fake-trainer';

const INTERVAL = 1000 / TURBO_DISPLAY_FPS;

describe('display pacer', () => {
  let drawn: number[];
  let statuses: number[];
  let turbo: boolean;
  let pacer: DisplayPacer;

  beforeEach(() => {
    vi.useFakeTimers();
    // Node has no animation frames: one every 16 ms, like a 60 Hz screen.
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => setTimeout(cb, 16));
    drawn = [];
    statuses = [];
    turbo = true;
    pacer = new DisplayPacer({
      frame: (f: DisplayFrame) => drawn.push(f.frames),
      status: (s: TrainerStatus) => statuses.push(s.frames),
      turbo: () => turbo,
    });
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  const status = (frames: number): TrainerStatus => ({ ...IDLE_TRAINER_STATUS, state: 'running', frames });

  it('draws the newest frame at most TURBO_DISPLAY_FPS times a second in turbo', () => {
    for (let t = 0; t < 1000; t += 10) {
      pacer.frame(sampleFrame(t));
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(500);
    expect(drawn.length).toBeGreaterThanOrEqual(TURBO_DISPLAY_FPS - 1);
    expect(drawn.length).toBeLessThanOrEqual(TURBO_DISPLAY_FPS + 1);
    expect(drawn.at(-1)).toBe(990); // the last one offered is the last one drawn
  });

  it('draws every frame in watch mode (one per animation frame)', () => {
    turbo = false;
    for (let t = 0; t < 10; t++) {
      pacer.frame(sampleFrame(t));
      vi.advanceTimersByTime(17);
    }
    expect(drawn).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('holds status events for the next drawn frame while frames flow, else shows them at once', () => {
    pacer.frame(sampleFrame(1));
    vi.advanceTimersByTime(20); // drawn
    pacer.frame(sampleFrame(2)); // waits for the turbo interval
    pacer.status(status(100));
    expect(statuses).toEqual([]);
    vi.advanceTimersByTime(INTERVAL + 20);
    expect(drawn).toEqual([1, 2]);
    expect(statuses).toEqual([100]); // applied in the same animation frame as frame 2
    vi.advanceTimersByTime(3 * INTERVAL); // frames stopped coming
    pacer.status(status(200));
    vi.advanceTimersByTime(20);
    expect(statuses).toEqual([100, 200]);
  });

  it('drops a held status event when a call reply (newer) was applied', () => {
    pacer.frame(sampleFrame(1));
    pacer.status(status(100));
    pacer.dropStatus();
    vi.advanceTimersByTime(3 * INTERVAL);
    expect(drawn).toEqual([1]);
    expect(statuses).toEqual([]);
  });
});
