import { clearState, decimalScore, ramAt, scoreReward, type GameRules } from './game';

export const msPacman: GameRules = {
  id: 'ms_pacman',
  name: 'Ms. Pac-Man',
  md5: '87e79cd41ce136fd4f72cc6e2c161bee',
  minimalActions: [0, 2, 3, 4, 5, 6, 7, 8, 9],
  startingActions: [],
  modes: [0, 1, 2, 3],
  difficulties: [0],
  hmoveBlanks: false,
  modeHandler: {
    framesPerPress: 10,
    reached: (ram, mode) =>
      mode === 0
        ? ramAt(ram, 0x99) === 1 && ramAt(ram, 0xa1) === 1
        : ramAt(ram, 0x99) === mode && ramAt(ram, 0xa1) === 0,
  },
  reset: (s) => clearState(s, 3),
  step(ram, s) {
    scoreReward(s, decimalScore(ram, 0xf8, 0xf9, 0xfa));
    const livesByte = ramAt(ram, 0xfb) & 0x0f;
    s.terminal = livesByte === 0 && ramAt(ram, 0xa7) === 0x53;
    s.lives = (livesByte & 7) + 1;
  },
};
