/** The supported games, keyed by ALE ROM id. */
import { asterix } from './asterix';
import { beamRider } from './beam-rider';
import { breakout } from './breakout';
import { enduro } from './enduro';
import { freeway } from './freeway';
import type { GameRules } from './game';
import { msPacman } from './ms-pacman';
import { pong } from './pong';
import { qbert } from './qbert';
import { seaquest } from './seaquest';
import { spaceInvaders } from './space-invaders';

export const GAMES: readonly GameRules[] = [
  spaceInvaders,
  breakout,
  pong,
  seaquest,
  beamRider,
  enduro,
  qbert,
  msPacman,
  freeway,
  asterix,
];

export function gameById(id: string): GameRules | undefined {
  return GAMES.find((g) => g.id === id);
}
