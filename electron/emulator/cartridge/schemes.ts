/**
 * Bank-switching schemes, as the Stella core inside ALE implements them (ale-facts §8).
 * Every class indexes the ROM image it was given; `regionOffset` tells the bus where plain ROM reads land.
 */
import type { StateReader, StateWriter } from '../state';
import type { BankScheme, CartRandom, Cartridge } from './cartridge';

abstract class BaseCart implements Cartridge {
  abstract readonly scheme: BankScheme;
  readonly hooksTiaPage: boolean = false;
  mapVersion = 0;
  constructor(protected readonly rom: Uint8Array) {}
  get image(): Uint8Array {
    return this.rom;
  }
  /** No fast regions by default: every read goes through `read`. */
  regionOffset(_region: number): number {
    return -1;
  }
  abstract read(address: number): number;
  write(_address: number, _value: number): void {}
  readTiaPage(_address: number): number {
    return 0;
  }
  writeTiaPage(_address: number, _value: number): void {}
  reset(_rng: CartRandom): void {}
  banks(): readonly number[] {
    return [0];
  }
  saveState(_w: StateWriter): void {}
  loadState(_r: StateReader): void {}
}

/** 2K: the image is mirrored over the 4K cart window. */
export class Cart2K extends BaseCart {
  readonly scheme = '2K' as const;
  override regionOffset(region: number): number {
    return (region << 7) & 0x7ff;
  }
  read(address: number): number {
    return this.rom[address & 0x7ff];
  }
}

export class Cart4K extends BaseCart {
  readonly scheme = '4K' as const;
  override regionOffset(region: number): number {
    return region << 7;
  }
  read(address: number): number {
    return this.rom[address & 0xfff];
  }
}

/**
 * F8 / F6 / F4 (8, 16, 32K in 4K banks), optionally with a Superchip (SC): 128 bytes of RAM written at
 * $1000-$107F and read at $1080-$10FF. Any access to a hotspot selects its bank.
 */
export class CartBanked extends BaseCart {
  private bank = 0;
  private offset = 0;
  private readonly firstHotspot: number;
  private readonly lastHotspot: number;
  private readonly ram: Uint8Array | null;

  constructor(
    rom: Uint8Array,
    readonly scheme: 'F8' | 'F6' | 'F4' | 'F8SC' | 'F6SC' | 'F4SC',
  ) {
    super(rom);
    const bankCount = rom.length >> 12;
    this.lastHotspot = 0xff9 + (bankCount === 8 ? 2 : 0);
    this.firstHotspot = this.lastHotspot - bankCount + 1;
    this.ram = scheme.endsWith('SC') ? new Uint8Array(128) : null;
    this.select(0);
  }

  private select(bank: number): void {
    this.bank = bank;
    this.offset = bank << 12;
    this.mapVersion++;
  }

  /** Plain ROM except the hotspots' region ($F80-$FFF) and the Superchip's ports ($000-$0FF). */
  override regionOffset(region: number): number {
    if (region === 31 || (this.ram !== null && region < 2)) return -1;
    return this.offset + (region << 7);
  }

  read(address: number): number {
    const a = address & 0xfff;
    if (a >= this.firstHotspot && a <= this.lastHotspot) this.select(a - this.firstHotspot);
    else if (this.ram !== null && a >= 0x80 && a < 0x100) return this.ram[a & 0x7f];
    return this.rom[this.offset + a];
  }

  override write(address: number, value: number): void {
    const a = address & 0xfff;
    if (a >= this.firstHotspot && a <= this.lastHotspot) this.select(a - this.firstHotspot);
    else if (this.ram !== null && a < 0x80) this.ram[a] = value;
  }

  override reset(rng: CartRandom): void {
    if (this.ram !== null) for (let i = 0; i < 128; i++) this.ram[i] = rng.next() & 0xff;
    this.select(this.scheme.startsWith('F8') ? 1 : 0);
  }

  override banks(): readonly number[] {
    return [this.bank];
  }

  override saveState(w: StateWriter): void {
    w.u8(this.bank);
    if (this.ram !== null) w.bytes(this.ram);
  }

  override loadState(r: StateReader): void {
    this.select(r.u8());
    if (this.ram !== null) r.bytes(this.ram);
  }
}

/** E0 (Parker Bros.): four 1K segments; $FE0-$FF7 load slices into segments 0-2, segment 3 is slice 7. */
export class CartE0 extends BaseCart {
  readonly scheme = 'E0' as const;
  private readonly slices = new Int32Array([4, 5, 6, 7]);

  private hotspot(a: number): void {
    if (a >= 0xfe0 && a <= 0xff7) {
      this.slices[(a - 0xfe0) >> 3] = a & 7;
      this.mapVersion++;
    }
  }

  /** Plain ROM except the hotspots' region ($F80-$FFF). */
  override regionOffset(region: number): number {
    if (region === 31) return -1;
    return (this.slices[region >> 3] << 10) + ((region & 7) << 7);
  }

  read(address: number): number {
    const a = address & 0xfff;
    this.hotspot(a);
    return this.rom[(this.slices[a >> 10] << 10) + (a & 0x3ff)];
  }

  override write(address: number, _value: number): void {
    this.hotspot(address & 0xfff);
  }

  override reset(): void {
    this.slices.set([4, 5, 6, 7]);
    this.mapVersion++;
  }

  override banks(): readonly number[] {
    return Array.from(this.slices);
  }

  override saveState(w: StateWriter): void {
    for (let i = 0; i < 3; i++) w.u8(this.slices[i]);
  }

  override loadState(r: StateReader): void {
    for (let i = 0; i < 3; i++) this.slices[i] = r.u8() & 7;
    this.mapVersion++;
  }
}

/** FE (Activision): the 4K bank follows address line A13 of each read; A13 = 1 selects the first 4K. */
export class CartFE extends BaseCart {
  readonly scheme = 'FE' as const;
  read(address: number): number {
    return this.rom[(address & 0xfff) + ((address & 0x2000) === 0 ? 4096 : 0)];
  }
}

/** 3F (Tigervision): writes to $00-$3F select the 2K bank at $1000-$17FF; $1800-$1FFF is the last 2K. */
export class Cart3F extends BaseCart {
  readonly scheme = '3F' as const;
  override readonly hooksTiaPage = true;
  private bank = 0;
  private readonly bankCount: number;
  private readonly lastOffset: number;

  constructor(rom: Uint8Array) {
    super(rom);
    this.bankCount = rom.length >> 11;
    this.lastOffset = rom.length - 2048;
  }

  private select(value: number): void {
    this.bank = value < this.bankCount ? value : value % this.bankCount;
    this.mapVersion++;
  }

  override regionOffset(region: number): number {
    return region < 16 ? (this.bank << 11) + (region << 7) : this.lastOffset + ((region - 16) << 7);
  }

  read(address: number): number {
    const a = address & 0xfff;
    return a < 0x800 ? this.rom[(this.bank << 11) + a] : this.rom[this.lastOffset + (a & 0x7ff)];
  }

  override readTiaPage(address: number): number {
    return this.read(address);
  }

  override writeTiaPage(_address: number, value: number): void {
    this.select(value);
  }

  override reset(): void {
    this.select(0);
  }

  override banks(): readonly number[] {
    return [this.bank];
  }

  override saveState(w: StateWriter): void {
    w.u16(this.bank);
  }

  override loadState(r: StateReader): void {
    this.select(r.u16());
  }
}
