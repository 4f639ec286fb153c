import { clearState, modeByte, ramAt, range, scoreReward, type GameRules } from './game';

export const breakout: GameRules = {
  id: 'breakout',
  name: 'Breakout',
  md5: 'f34f08e5eb96e500e851a80be3277a56',
  minimalActions: [0, 1, 3, 4],
  startingActions: [],
  modes: range(0, 44, 4),
  difficulties: [0, 1],
  modeHandler: modeByte(0xb2, 1),
  controllers: 'paddles',
  reset: (s) => clearState(s, 5),
  step(ram, s) {
    const x = ramAt(ram, 0xcd);
    const y = ramAt(ram, 0xcc);
    // The high nibble of $CC is ignored.
    scoreReward(s, (x & 0x0f) + 10 * (x >> 4) + 100 * (y & 0x0f));
    const lives = ramAt(ram, 0xb9);
    // a = "started" latch: the game only ends after it has shown 5 lives once.
    if (s.a === 0 && lives === 5) s.a = 1;
    s.terminal = s.a === 1 && lives === 0;
    s.lives = lives;
  },
};
