import { clearState, decimalScore, ramAt, type GameRules } from './game';

/** The lives byte as a signed char (x86 ALE). */
function signed(v: number): number {
  return v >= 128 ? v - 256 : v;
}

export const qbert: GameRules = {
  id: 'qbert',
  name: 'Q*bert',
  md5: '484b0076816a104875e00467d431c2d2',
  minimalActions: [0, 1, 2, 3, 4, 5],
  startingActions: [],
  modes: [0],
  difficulties: [0, 1],
  yStart: 40,
  reset(s) {
    clearState(s, 4);
    s.a = 2; // last lives byte
  },
  step(ram, s) {
    const livesByte = signed(ramAt(ram, 0x88));
    // Death, or death and restart within one frame.
    s.terminal = livesByte === -2 || (livesByte === 2 && s.a === -1);
    if (livesByte === s.a - 1) s.lives--;
    s.a = livesByte;
    if (!s.terminal) {
      const score = decimalScore(ram, 0xdb, 0xda, 0xd9);
      s.reward = score - s.score;
      s.score = score;
    } else s.reward = 0;
  },
};
