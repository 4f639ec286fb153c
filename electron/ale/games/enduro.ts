import { clearState, decimalScore, ramAt, scoreReward, type GameRules } from './game';

export const enduro: GameRules = {
  id: 'enduro',
  name: 'Enduro',
  md5: '94b92a882f6dbaa6993a46e2dcc58402',
  minimalActions: [0, 1, 3, 4, 5, 8, 9, 11, 12],
  startingActions: [1],
  modes: [0],
  difficulties: [0],
  reset: (s) => clearState(s, 0),
  step(ram, s) {
    const level = ramAt(ram, 0xad);
    let score = 0;
    if (level !== 0) {
      // The counter shows cars still to pass: 200 on day 1, 300 on later days.
      const left = decimalScore(ram, 0xab, 0xac);
      score = (level === 1 ? 200 : 300) - left;
      if (level >= 2) score += 200 + (level - 2) * 300;
    }
    scoreReward(s, score);
    s.terminal = ramAt(ram, 0xaf) === 0xff;
    s.lives = 0;
  },
};
