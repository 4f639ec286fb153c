import { describe, expect, it } from 'vitest';
import { StateReader, StateWriter } from '../../electron/emulator/state';

describe('StateWriter.u32s / StateReader.u32s', () => {
  it('writes the same bytes as u32() per value and reads them back', () => {
    const values = Uint32Array.of(0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x12345678);
    const one = new StateWriter(8);
    one.u8(7); // an odd offset, so the copy is not word-aligned
    for (const v of values) one.u32(v);
    const many = new StateWriter(8);
    many.u8(7);
    many.u32s(values);
    expect(Array.from(many.finish())).toEqual(Array.from(one.finish()));
    const r = new StateReader(many.finish());
    expect(r.u8()).toBe(7);
    const back = new Uint32Array(values.length);
    r.u32s(back);
    expect(Array.from(back)).toEqual(Array.from(values));
    expect(r.done).toBe(true);
  });

  it('refuses to read past the end', () => {
    const w = new StateWriter();
    w.u32s(Uint32Array.of(1, 2));
    expect(() => new StateReader(w.finish()).u32s(new Uint32Array(3))).toThrow();
  });
});
