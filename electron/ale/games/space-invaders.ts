import { clearState, decimalScore, modeByte, ramAt, range, type GameRules } from './game';

export const spaceInvaders: GameRules = {
  id: 'space_invaders',
  name: 'Space Invaders',
  md5: '72ffbef6504b75e69ee1045af9075f66',
  minimalActions: [0, 1, 3, 4, 11, 12],
  startingActions: [],
  modes: range(0, 15),
  difficulties: [0, 1],
  modeHandler: modeByte(0xdc, 2),
  reset: (s) => clearState(s, 3),
  step(ram, s) {
    const score = decimalScore(ram, 0xe8, 0xe6);
    const diff = score - s.score;
    // The score wraps at 10,000: a negative difference is a wrap, not a penalty.
    s.reward = diff < 0 ? 10000 - s.score + score : diff;
    s.score = score;
    const lives = ramAt(ram, 0xc9);
    s.terminal = (ramAt(ram, 0x98) & 0x80) !== 0 || lives === 0;
    s.lives = lives;
  },
};
