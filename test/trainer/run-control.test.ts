import { describe, expect, it } from 'vitest';
import { RunControl } from '../../electron/trainer/run-control';

/** Steps of `frames` emulated frames each, paced by the control; returns the wall time they took (ms). */
async function paced(control: RunControl, steps: number, frames: number, resetEvery = 0, resetFrames = 0) {
  let at = 0;
  const start = performance.now();
  for (let i = 0; i < steps; i++) {
    await control.tick(at);
    at += frames;
    if (resetEvery && (i + 1) % resetEvery === 0) {
      at += resetFrames;
      control.unshown(resetFrames);
    }
  }
  await control.tick(at);
  return performance.now() - start;
}

describe('RunControl watch pacing', () => {
  it('runs at 60 emulated frames per second', async () => {
    const ms = await paced(new RunControl({ mode: 'watch', enabled: true }), 15, 4);
    // 60 frames at 60/s: one second (timers may run late, never early).
    expect(ms).toBeGreaterThan(950);
    expect(ms).toBeLessThan(1600);
  });

  it('does not wait for frames nobody saw (reset no-ops)', async () => {
    // 15 shown steps of 4 frames, plus 120 unshown reset frames after every 5th step: still about one second.
    const ms = await paced(new RunControl({ mode: 'watch', enabled: true }), 15, 4, 5, 120);
    expect(ms).toBeGreaterThan(950);
    expect(ms).toBeLessThan(1600);
  });

  it('does not pace turbo', async () => {
    const ms = await paced(new RunControl({ mode: 'turbo', enabled: true }), 15, 4, 5, 120);
    expect(ms).toBeLessThan(500);
  });
});
