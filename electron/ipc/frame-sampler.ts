/**
 * In turbo the live display is a sample: each consumer (a window, a socket) gets at most
 * TURBO_DISPLAY_FPS frames a second, however many the trainer offers. Watch mode gets every frame.
 */
import type { StudioApi } from '../../shared/ipc/contract';
import { TURBO_DISPLAY_FPS } from '../../shared/ipc/contract';

/** Slack for frames that arrive a little early (the trainer samples on its own clock). */
const EARLY_MS = 10;

export class FrameSampler {
  private lastAt = -Infinity;

  /** Whether a frame offered now goes out; records it when it does. */
  admit(turbo: boolean, now = performance.now()): boolean {
    if (turbo && now - this.lastAt < 1000 / TURBO_DISPLAY_FPS - EARLY_MS) return false;
    this.lastAt = now;
    return true;
  }
}

/** Follows the trainer's display mode: asked once, then from its status events (turbo until told otherwise). */
export function followDisplayMode(api: StudioApi): { readonly turbo: boolean; off(): void } {
  let turbo = true;
  let heard = false;
  const off = api.on('trainer:status', (status) => {
    heard = true;
    turbo = status.display !== 'watch';
  });
  api.invoke('trainer:status', undefined).then(
    (status) => {
      if (!heard) turbo = status.display !== 'watch';
    },
    () => {}, // no answer: status events will tell
  );
  return {
    get turbo() {
      return turbo;
    },
    off,
  };
}
