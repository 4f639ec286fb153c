/** ALE's action enum (player A), in ALE's numbering. */
export const ALE_ACTION_NAMES = [
  'NOOP',
  'FIRE',
  'UP',
  'RIGHT',
  'LEFT',
  'DOWN',
  'UPRIGHT',
  'UPLEFT',
  'DOWNRIGHT',
  'DOWNLEFT',
  'UPFIRE',
  'RIGHTFIRE',
  'LEFTFIRE',
  'DOWNFIRE',
  'UPRIGHTFIRE',
  'UPLEFTFIRE',
  'DOWNRIGHTFIRE',
  'DOWNLEFTFIRE',
] as const;

export type AleActionName = (typeof ALE_ACTION_NAMES)[number];

export const ALE_ACTION = Object.fromEntries(ALE_ACTION_NAMES.map((n, i) => [n, i])) as {
  readonly [K in AleActionName]: number;
};

/** The full (legal) action set: 0..17. */
export const FULL_ACTION_SET: readonly number[] = ALE_ACTION_NAMES.map((_, i) => i);

export function actionName(aleAction: number): string {
  return ALE_ACTION_NAMES[aleAction] ?? `ACTION_${aleAction}`;
}
