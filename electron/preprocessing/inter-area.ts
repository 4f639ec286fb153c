/**
 * Area-averaging downscale of a one-channel uint8 image, bit-exact with OpenCV's
 * `cv2.resize(..., interpolation=cv2.INTER_AREA)` for non-integer scale factors (the path CleanRL's and
 * Gymnasium's 210x160 -> 84x84 resize takes). OpenCV accumulates in float32 and rounds half to even;
 * Math.fround reproduces each float32 operation.
 */

interface AreaWeight {
  /** Destination index. */
  readonly di: number;
  /** Source index. */
  readonly si: number;
  /** float32 weight. */
  readonly alpha: number;
}

/** The source cells covering each destination cell, with the fraction of each (OpenCV's computeResizeAreaTab). */
export function areaWeights(srcSize: number, dstSize: number): AreaWeight[] {
  // OpenCV stores the inverse scale first and inverts it again; doing the same keeps the doubles identical.
  const scale = 1 / (dstSize / srcSize);
  const tab: AreaWeight[] = [];
  for (let dx = 0; dx < dstSize; dx++) {
    const fsx1 = dx * scale;
    const fsx2 = fsx1 + scale;
    const cellWidth = Math.min(scale, srcSize - fsx1);
    let sx1 = Math.ceil(fsx1);
    let sx2 = Math.floor(fsx2);
    sx2 = Math.min(sx2, srcSize - 1);
    sx1 = Math.min(sx1, sx2);
    if (sx1 - fsx1 > 1e-3) tab.push({ di: dx, si: sx1 - 1, alpha: Math.fround((sx1 - fsx1) / cellWidth) });
    for (let sx = sx1; sx < sx2; sx++) tab.push({ di: dx, si: sx, alpha: Math.fround(1 / cellWidth) });
    if (fsx2 - sx2 > 1e-3) {
      tab.push({ di: dx, si: sx2, alpha: Math.fround(Math.min(Math.min(fsx2 - sx2, 1), cellWidth) / cellWidth) });
    }
  }
  return tab;
}

/** Round half to even, then saturate to 0..255 (OpenCV's saturate_cast<uchar>(float)). */
function toUint8(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  let r = diff > 0.5 ? floor + 1 : diff < 0.5 ? floor : floor % 2 === 0 ? floor : floor + 1;
  if (r < 0) r = 0;
  return r > 255 ? 255 : r;
}

export interface AreaResizer {
  readonly srcWidth: number;
  readonly srcHeight: number;
  readonly dstWidth: number;
  readonly dstHeight: number;
  resize(src: Uint8Array, out?: Uint8Array): Uint8Array;
}

/** Precomputes the weight tables once per size pair; `resize` then runs per frame without allocating. */
export function createAreaResizer(
  srcWidth: number,
  srcHeight: number,
  dstWidth: number,
  dstHeight: number,
): AreaResizer {
  if (dstWidth > srcWidth || dstHeight > srcHeight) throw new RangeError('INTER_AREA here only downscales');
  const xtab = areaWeights(srcWidth, dstWidth);
  const ytab = areaWeights(srcHeight, dstHeight);
  const xDi = Int32Array.from(xtab, (w) => w.di);
  const xSi = Int32Array.from(xtab, (w) => w.si);
  const xAlpha = Float32Array.from(xtab, (w) => w.alpha);
  const yDi = Int32Array.from(ytab, (w) => w.di);
  const ySi = Int32Array.from(ytab, (w) => w.si);
  const yBeta = Float32Array.from(ytab, (w) => w.alpha);
  const buf = new Float32Array(dstWidth);
  const sum = new Float32Array(dstWidth);

  const resize = (src: Uint8Array, out = new Uint8Array(dstWidth * dstHeight)): Uint8Array => {
    if (src.length !== srcWidth * srcHeight) throw new RangeError(`expected ${srcWidth * srcHeight} source bytes`);
    let prevDy = -1;
    let bufRow = -1;
    for (let j = 0; j < yDi.length; j++) {
      const dy = yDi[j];
      const sy = ySi[j];
      const beta = yBeta[j];
      // Consecutive table entries often share a source row; its horizontal pass is the same, so reuse it.
      if (sy !== bufRow) {
        buf.fill(0);
        const row = sy * srcWidth;
        // Float32Array stores round to float32, and a float32 sum computed in double then rounded once is
        // the correctly rounded float32 sum, so this equals OpenCV's float arithmetic exactly.
        for (let k = 0; k < xDi.length; k++) buf[xDi[k]] += Math.fround(src[row + xSi[k]] * xAlpha[k]);
        bufRow = sy;
      }
      if (dy !== prevDy) {
        if (prevDy >= 0) for (let dx = 0; dx < dstWidth; dx++) out[prevDy * dstWidth + dx] = toUint8(sum[dx]);
        for (let dx = 0; dx < dstWidth; dx++) sum[dx] = beta * buf[dx];
        prevDy = dy;
      } else {
        for (let dx = 0; dx < dstWidth; dx++) sum[dx] += Math.fround(beta * buf[dx]);
      }
    }
    for (let dx = 0; dx < dstWidth; dx++) out[prevDy * dstWidth + dx] = toUint8(sum[dx]);
    return out;
  };
  return { srcWidth, srcHeight, dstWidth, dstHeight, resize };
}
