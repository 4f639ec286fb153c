import { clearState, decimalScore, ramAt, scoreReward, type GameRules } from './game';

export const asterix: GameRules = {
  id: 'asterix',
  name: 'Asterix',
  md5: '89a68746eff7f266bbf08de2483abe55',
  minimalActions: [0, 2, 3, 4, 5, 6, 7, 8, 9],
  startingActions: [1],
  modes: [0],
  difficulties: [0],
  reset: (s) => clearState(s, 3),
  step(ram, s) {
    scoreReward(s, decimalScore(ram, 0xe0, 0xdf, 0xde));
    s.lives = ramAt(ram, 0xd3) & 0x0f;
    // Over before lives reach 0: holding FIRE could restart the game on that frame.
    s.terminal = ramAt(ram, 0xc7) === 0x01 && s.lives === 1;
  },
};
