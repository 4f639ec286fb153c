/**
 * std::mt19937 (32-bit Mersenne Twister, standard seeding), bit-exact with C++'s. ALE uses it twice:
 * the console's emulator RNG (seeded 4753849: RIOT RAM, timer) and the environment RNG (sticky actions),
 * whose uniform draw is next() / 2^32 (ale-facts §3, §5).
 */
import type { StateReader, StateWriter } from '../emulator/state';

const N = 624;
const M = 397;

export class Mt19937 {
  private readonly mt = new Uint32Array(N);
  private index = N;

  constructor(seed: number) {
    this.seed(seed);
  }

  seed(seed: number): void {
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      // 1812433253 * prev + i, modulo 2^32 (Math.imul keeps the low 32 bits exact).
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = N;
  }

  private twist(): void {
    const mt = this.mt;
    for (let i = 0; i < N; i++) {
      const y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
      mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.index = 0;
  }

  /** The next 32-bit output (unsigned). */
  next(): number {
    if (this.index >= N) this.twist();
    let y = this.mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** ALE's Random::nextDouble: next() / 2^32, in [0, 1). */
  nextDouble(): number {
    return this.next() / 4294967296;
  }

  saveState(w: StateWriter): void {
    w.u16(this.index);
    w.u32s(this.mt);
  }

  loadState(r: StateReader): void {
    this.index = r.u16();
    r.u32s(this.mt);
  }
}
