import { clearState, decimalScore, ramAt, scoreReward, type GameRules } from './game';

export const beamRider: GameRules = {
  id: 'beam_rider',
  name: 'Beam Rider',
  md5: '79ab4123a83dc11d468fb2108ea09e2e',
  minimalActions: [0, 1, 2, 3, 4, 6, 7, 11, 12],
  startingActions: [3],
  modes: [0],
  difficulties: [0, 1],
  reset: (s) => clearState(s, 3),
  step(ram, s) {
    scoreReward(s, decimalScore(ram, 0x89, 0x8a, 0x8b));
    const byte = ramAt(ram, 0x85);
    s.terminal = byte === 0xff;
    const lives = byte + 1;
    // A life lost is only counted once the blinking death animation is over ($8C == 1).
    if (lives === s.lives - 1) {
      if (ramAt(ram, 0x8c) === 0x01) s.lives = lives;
    } else s.lives = lives;
  },
};
