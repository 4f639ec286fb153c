import { clearState, modeByte, ramAt, scoreReward, type GameRules } from './game';

export const pong: GameRules = {
  id: 'pong',
  name: 'Pong',
  md5: '60e0ea3cbe0913d39803477945e9e5ec',
  minimalActions: [0, 1, 3, 4, 11, 12],
  startingActions: [],
  modes: [0, 1],
  difficulties: [0, 1, 2, 3],
  modeHandler: modeByte(0x96, 2),
  controllers: 'paddles-swapped',
  reset: (s) => clearState(s, 0),
  step(ram, s) {
    const cpu = ramAt(ram, 0x8d);
    const player = ramAt(ram, 0x8e);
    scoreReward(s, player - cpu);
    s.terminal = cpu === 21 || player === 21;
    s.lives = 0;
  },
};
