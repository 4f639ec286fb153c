import { describe, expect, it } from 'vitest';
import { Mt19937 } from '../../electron/ale/mt19937';
import { md5Hex } from '../../electron/ale/md5';
import { StateReader, StateWriter } from '../../electron/emulator/state';

describe('Mt19937', () => {
  it('matches std::mt19937 (default seed 5489: 10000th output is 4123659995)', () => {
    const mt = new Mt19937(5489);
    expect(mt.next()).toBe(3499211612);
    let v = 0;
    for (let i = 1; i < 10000; i++) v = mt.next();
    expect(v).toBe(4123659995);
  });

  it('draws doubles as next() / 2^32 and round-trips its state', () => {
    const a = new Mt19937(4753849);
    for (let i = 0; i < 700; i++) a.next();
    const w = new StateWriter();
    a.saveState(w);
    const b = new Mt19937(1);
    b.loadState(new StateReader(w.finish()));
    const x = a.next();
    expect(b.nextDouble()).toBe(x / 4294967296);
  });
});

describe('md5Hex', () => {
  it('matches RFC 1321 test vectors', () => {
    const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
    expect(md5Hex(enc(''))).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Hex(enc('abc'))).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5Hex(enc('12345678901234567890123456789012345678901234567890123456789012345678901234567890'))).toBe(
      '57edf4a22be3c955ac49da2e2107b67a',
    );
  });
});
