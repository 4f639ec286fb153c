import { clearState, decimalScore, ramAt, range, scoreReward, type GameRules } from './game';

export const seaquest: GameRules = {
  id: 'seaquest',
  name: 'Seaquest',
  md5: '240bfbac5163af4df5ae713985386f92',
  minimalActions: range(0, 17),
  startingActions: [],
  modes: [0],
  difficulties: [0, 1],
  reset: (s) => clearState(s, 4),
  step(ram, s) {
    scoreReward(s, decimalScore(ram, 0xba, 0xb9, 0xb8));
    s.terminal = ramAt(ram, 0xa3) !== 0;
    s.lives = ramAt(ram, 0xbb) + 1;
  },
};
