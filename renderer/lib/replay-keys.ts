/**
 * Keyboard takeover of a playing checkpoint: held keys mapped onto the game's action set. Kept apart from
 * replay-policy.ts (TensorFlow.js), which loads only when someone watches a checkpoint.
 */
/** Keys held by the person playing. */
export interface HeldKeys {
  up: boolean;
  down: boolean;
  left: boolean;
  right: boolean;
  fire: boolean;
}

export const NO_KEYS: HeldKeys = { up: false, down: false, left: false, right: false, fire: false };

export function anyKey(keys: HeldKeys): boolean {
  return keys.up || keys.down || keys.left || keys.right || keys.fire;
}

/**
 * The action for the held keys among the game's actions (ALE names such as UPLEFTFIRE). A combination the
 * game lacks falls back by dropping the vertical, then the horizontal direction, keeping FIRE longest;
 * null when no key is held.
 */
export function actionForKeys(actionNames: readonly string[], keys: HeldKeys): number | null {
  if (!anyKey(keys)) return null;
  const vertical = keys.up && !keys.down ? 'UP' : keys.down && !keys.up ? 'DOWN' : '';
  const horizontal = keys.left && !keys.right ? 'LEFT' : keys.right && !keys.left ? 'RIGHT' : '';
  const fire = keys.fire ? 'FIRE' : '';
  const candidates = [
    vertical + horizontal + fire,
    horizontal + fire,
    vertical + fire,
    fire,
    vertical + horizontal,
    horizontal,
    vertical,
  ];
  for (const name of candidates) {
    const i = actionNames.indexOf(name || 'NOOP');
    if (name && i >= 0) return i;
  }
  const noop = actionNames.indexOf('NOOP');
  return noop >= 0 ? noop : 0;
}

export function argMax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
