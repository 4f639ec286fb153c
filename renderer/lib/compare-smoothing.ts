/**
 * Curve smoothing for the compare chart: an exponential moving average with TensorBoard's debiasing, so
 * the first points are not dragged towards zero and a weight of 0 leaves the curve untouched.
 */

export type Point = readonly [x: number, y: number];

/** EMA over y with the given weight in [0, 1): 0 = raw, 0.99 = very smooth. Non-finite y are skipped. */
export function smoothEma(points: readonly Point[], weight: number): Point[] {
  const w = Math.min(Math.max(weight, 0), 0.999);
  if (w === 0) return points.filter(([, y]) => Number.isFinite(y)).map(([x, y]) => [x, y]);
  const out: Point[] = [];
  let last = 0;
  let n = 0;
  for (const [x, y] of points) {
    if (!Number.isFinite(y)) continue;
    last = last * w + (1 - w) * y;
    n++;
    out.push([x, last / (1 - Math.pow(w, n))]);
  }
  return out;
}

/**
 * Keeps at most `max` points by averaging consecutive buckets (x and y), so long runs stay fast to draw
 * without the aliasing that picking every k-th point gives.
 */
export function downsample(points: readonly Point[], max: number): Point[] {
  if (points.length <= max || max < 2) return points.map(([x, y]) => [x, y]);
  const out: Point[] = [];
  const size = points.length / max;
  for (let b = 0; b < max; b++) {
    const from = Math.floor(b * size);
    const to = Math.max(from + 1, Math.floor((b + 1) * size));
    let sx = 0;
    let sy = 0;
    for (let i = from; i < to; i++) {
      sx += points[i][0];
      sy += points[i][1];
    }
    out.push([sx / (to - from), sy / (to - from)]);
  }
  return out;
}
