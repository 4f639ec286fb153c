import { clearState, decimalScore, modeByte, ramAt, range, type GameRules } from './game';

export const freeway: GameRules = {
  id: 'freeway',
  name: 'Freeway',
  md5: '8e0ab801b1705a740b476b7f588c6d16',
  minimalActions: [0, 2, 5],
  startingActions: [],
  modes: range(0, 7),
  difficulties: [0, 1],
  modeHandler: modeByte(0x80, 1),
  reset: (s) => clearState(s, 0),
  step(ram, s) {
    const score = decimalScore(ram, 0xe7);
    s.reward = Math.min(1, Math.max(0, score - s.score));
    s.score = score;
    s.terminal = ramAt(ram, 0x96) === 1;
    s.lives = 0;
  },
};
