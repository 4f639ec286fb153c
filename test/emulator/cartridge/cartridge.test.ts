import { describe, expect, it } from 'vitest';
import { createCartridge, detectScheme, UnsupportedCartridgeError } from '../../../electron/emulator/cartridge/detect';
import { StateReader, StateWriter } from '../../../electron/emulator/state';

/** An image whose every byte is its 4K bank number (or 1K slice / 2K bank for E0 / 3F), varied in the RAM area. */
function image(size: number, unit: number): Uint8Array {
  const rom = new Uint8Array(size);
  for (let i = 0; i < size; i++) rom[i] = Math.floor(i / unit);
  for (let b = 0; b < size; b += 4096) rom[b + 1] = 0xee; // defeats the Superchip detector
  return rom;
}

const rng = { next: () => 0x1234 };

function roundTrip(cart: ReturnType<typeof createCartridge>, rom: Uint8Array): ReturnType<typeof createCartridge> {
  const w = new StateWriter();
  cart.saveState(w);
  const copy = createCartridge(rom, cart.scheme);
  copy.reset(rng);
  copy.loadState(new StateReader(w.finish()));
  return copy;
}

describe('cartridge schemes', () => {
  it('2K mirrors and 4K maps 4K', () => {
    const rom2 = image(2048, 1);
    const c2 = createCartridge(rom2);
    expect(c2.scheme).toBe('2K');
    expect(c2.read(0x1805)).toBe(rom2[5]);
    const rom4 = image(4096, 1024);
    const c4 = createCartridge(rom4);
    expect(c4.scheme).toBe('4K');
    expect(c4.read(0xfc00)).toBe(3);
  });

  it('F8 starts in bank 1 and switches on reads and writes of $1FF8/$1FF9', () => {
    const rom = image(8192, 4096);
    const cart = createCartridge(rom);
    expect(cart.scheme).toBe('F8');
    cart.reset(rng);
    expect(cart.read(0x1100)).toBe(1);
    expect(cart.read(0x1ff8)).toBe(0); // switches, then reads from the new bank
    expect(cart.read(0x1100)).toBe(0);
    cart.write(0xfff9, 0);
    expect(cart.read(0x1100)).toBe(1);
    cart.read(0x1ff8);
    expect(roundTrip(cart, rom).read(0x1100)).toBe(0);
  });

  it('F6 and F4 select banks 0-3 / 0-7 and reset to bank 0', () => {
    const rom6 = image(16384, 4096);
    const f6 = createCartridge(rom6);
    expect(f6.scheme).toBe('F6');
    f6.reset(rng);
    expect(f6.read(0x1000)).toBe(0);
    f6.read(0x1ff8);
    expect(f6.read(0x1000)).toBe(2);
    const rom4 = image(32768, 4096);
    const f4 = createCartridge(rom4);
    expect(f4.scheme).toBe('F4');
    f4.reset(rng);
    f4.read(0x1ffb);
    expect(f4.read(0x1000)).toBe(7);
    expect(roundTrip(f4, rom4).read(0x1000)).toBe(7);
  });

  it('F8SC is detected by its uniform RAM window, randomises RAM on reset, writes low and reads high', () => {
    const rom = new Uint8Array(8192);
    rom.fill(0xff, 0, 256);
    rom.fill(0xff, 4096, 4096 + 256);
    rom[300] = 1;
    expect(detectScheme(rom)).toBe('F8SC');
    const cart = createCartridge(rom);
    cart.reset(rng);
    expect(cart.read(0x1085)).toBe(0x34);
    cart.write(0x1005, 0x99);
    expect(cart.read(0x1085)).toBe(0x99);
    expect(cart.banks()).toEqual([1]);
    expect(roundTrip(cart, rom).read(0x1085)).toBe(0x99);
    expect(createCartridge(rom, 'F6SC').scheme).toBe('F6SC');
  });

  it('E0 loads 1K slices into segments 0-2 with segment 3 fixed to slice 7', () => {
    const rom = image(8192, 1024);
    rom.set([0x8d, 0xe0, 0x1f], 100); // STA $1FE0 signature
    expect(detectScheme(rom)).toBe('E0');
    const cart = createCartridge(rom);
    cart.reset(rng);
    expect(cart.banks()).toEqual([4, 5, 6, 7]);
    cart.read(0x1fe2);
    cart.write(0x1fe9, 0);
    cart.read(0x1ff3);
    expect([cart.read(0x1000), cart.read(0x1400), cart.read(0x1800), cart.read(0x1c00)]).toEqual([2, 1, 3, 7]);
    expect(roundTrip(cart, rom).banks()).toEqual([2, 1, 3, 7]);
  });

  it('FE picks the 4K half from address line A13', () => {
    const rom = image(8192, 4096);
    rom.set([0x20, 0x00, 0xd0, 0xc6, 0xc5], 200);
    expect(detectScheme(rom)).toBe('FE');
    const cart = createCartridge(rom);
    expect(cart.read(0xf100)).toBe(0);
    expect(cart.read(0xd100)).toBe(1);
  });

  it('3F selects the low 2K bank by writes to $00-$3F and fixes the last 2K', () => {
    const rom = image(8192, 2048);
    rom.set([0x85, 0x3f], 10);
    rom.set([0x85, 0x3f], 20);
    expect(detectScheme(rom)).toBe('3F');
    const cart = createCartridge(rom);
    cart.reset(rng);
    expect(cart.hooksTiaPage).toBe(true);
    expect(cart.read(0x1000)).toBe(0);
    expect(cart.read(0x1800)).toBe(3);
    cart.writeTiaPage(0x3f, 2);
    expect(cart.read(0x1000)).toBe(2);
    cart.writeTiaPage(0x3f, 6); // wraps to a valid bank
    expect(cart.read(0x1000)).toBe(2);
    expect(roundTrip(cart, rom).read(0x1000)).toBe(2);
  });

  it('detects 4K for 8K images with identical halves and 2K for 4K images with identical halves', () => {
    const rom = image(4096, 4096);
    const doubled = new Uint8Array(8192);
    doubled.set(rom, 0);
    doubled.set(rom, 4096);
    expect(detectScheme(doubled)).toBe('4K');
    const half = image(2048, 4096);
    const four = new Uint8Array(4096);
    four.set(half, 0);
    four.set(half, 2048);
    expect(detectScheme(four)).toBe('2K');
  });

  it('names unsupported schemes in its error', () => {
    expect(() => createCartridge(new Uint8Array(10240))).toThrow(UnsupportedCartridgeError);
    expect(() => createCartridge(new Uint8Array(10240))).toThrow(/DPC/);
    expect(() => createCartridge(new Uint8Array(1000))).toThrow(/not supported/);
  });
});
