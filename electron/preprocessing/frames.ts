/**
 * Frame preprocessing for both recipe families. Inputs are ALE screens (210x160 palette indices);
 * outputs are uint8 grey planes (the agent scales them to [0, 1]).
 */
import { PALETTE_GRAY, PALETTE_RGB } from '../ale/palette';
import { SCREEN_HEIGHT, SCREEN_WIDTH } from '../ale/types';
import { createAreaResizer } from './inter-area';

export const NOTEBOOK_HEIGHT = 90;
export const NOTEBOOK_WIDTH = 80;
export const NATURE_SIZE = 84;

/** Grey per palette index as the notebook computes it: mean of R, G, B truncated to uint8. */
const NOTEBOOK_GREY: Uint8Array = (() => {
  const out = new Uint8Array(256);
  for (let v = 0; v < 256; v++) {
    // Sums of three bytes divide exactly when divisible by 3, so floor matches numpy's float mean + astype.
    out[v] = Math.floor((PALETTE_RGB[v * 3] + PALETTE_RGB[v * 3 + 1] + PALETTE_RGB[v * 3 + 2]) / 3);
  }
  return out;
})();

/**
 * The notebook's `crop(to_greyscale(downsample(img)))`: every second row and column of the RGB screen,
 * grey = truncated channel mean, then rows 10:100 of the 105x80 result -> 90x80.
 */
export function notebookFrame(screen: Uint8Array, out = new Uint8Array(NOTEBOOK_HEIGHT * NOTEBOOK_WIDTH)): Uint8Array {
  checkScreen(screen);
  for (let r = 0; r < NOTEBOOK_HEIGHT; r++) {
    const srcRow = (r + 10) * 2 * SCREEN_WIDTH;
    const dstRow = r * NOTEBOOK_WIDTH;
    for (let c = 0; c < NOTEBOOK_WIDTH; c++) out[dstRow + c] = NOTEBOOK_GREY[screen[srcRow + c * 2]];
  }
  return out;
}

const natureResizer = createAreaResizer(SCREEN_WIDTH, SCREEN_HEIGHT, NATURE_SIZE, NATURE_SIZE);
const lumaScratch = new Uint8Array(SCREEN_WIDTH * SCREEN_HEIGHT);

/** ALE's luminance screen (getScreenGrayscale), optionally the pixel-wise max with a second screen. */
export function luminance(screen: Uint8Array, other?: Uint8Array, out = new Uint8Array(screen.length)): Uint8Array {
  checkScreen(screen);
  if (other) {
    checkScreen(other);
    for (let i = 0; i < screen.length; i++) {
      const a = PALETTE_GRAY[screen[i]];
      const b = PALETTE_GRAY[other[i]];
      out[i] = a > b ? a : b;
    }
  } else {
    for (let i = 0; i < screen.length; i++) out[i] = PALETTE_GRAY[screen[i]];
  }
  return out;
}

/**
 * Gymnasium AtariPreprocessing / CleanRL: luminance (max-pooled over `previous` when given), resized to
 * 84x84 with OpenCV's INTER_AREA.
 */
export function natureFrame(
  screen: Uint8Array,
  previous?: Uint8Array,
  out = new Uint8Array(NATURE_SIZE * NATURE_SIZE),
): Uint8Array {
  return natureResizer.resize(luminance(screen, previous, lumaScratch), out);
}

function checkScreen(screen: Uint8Array): void {
  if (screen.length !== SCREEN_WIDTH * SCREEN_HEIGHT) {
    throw new RangeError(`expected a ${SCREEN_HEIGHT}x${SCREEN_WIDTH} screen, got ${screen.length} bytes`);
  }
}
