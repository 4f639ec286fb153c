/** Picks the frame pipeline a run config asks for. */
import type { CommonConfig } from '../../shared/run-config';
import { NATURE_SIZE, NOTEBOOK_HEIGHT, NOTEBOOK_WIDTH, natureFrame, notebookFrame } from './frames';

export interface ScreenPair {
  readonly screen: Uint8Array;
  /** The frame before `screen` within the same step (used when max-pooling). */
  readonly previousScreen?: Uint8Array;
}

export interface Preprocessor {
  readonly height: number;
  readonly width: number;
  /** A fresh height x width uint8 plane (callers may keep it). */
  process(frames: ScreenPair): Uint8Array;
}

export function createPreprocessor(config: Pick<CommonConfig, 'preprocessing' | 'maxPoolFrames'>): Preprocessor {
  if (config.preprocessing === 'nature') {
    return {
      height: NATURE_SIZE,
      width: NATURE_SIZE,
      process: ({ screen, previousScreen }) => natureFrame(screen, config.maxPoolFrames ? previousScreen : undefined),
    };
  }
  const scratch = new Uint8Array(NOTEBOOK_HEIGHT * NOTEBOOK_WIDTH);
  return {
    height: NOTEBOOK_HEIGHT,
    width: NOTEBOOK_WIDTH,
    process: ({ screen, previousScreen }) => {
      const out = notebookFrame(screen);
      if (config.maxPoolFrames && previousScreen && previousScreen !== screen) {
        notebookFrame(previousScreen, scratch);
        for (let i = 0; i < out.length; i++) if (scratch[i] > out[i]) out[i] = scratch[i];
      }
      return out;
    },
  };
}
