/**
 * The `Cartridge` seam: what the console bus needs from a cart. Addresses are the CPU's full 16-bit
 * addresses (FE carts look at A13); the bus only calls `read`/`write` for addresses with A12 set, plus
 * `writeTiaPage` for carts (3F) that snoop writes to the TIA's first page.
 */
import type { StateReader, StateWriter } from '../state';

export const BANK_SCHEMES = ['2K', '4K', 'F8', 'F6', 'F4', 'F8SC', 'F6SC', 'F4SC', 'E0', 'FE', '3F'] as const;
export type BankScheme = (typeof BANK_SCHEMES)[number];

/** 32-bit unsigned random draws (the console's mt19937), for carts with extra RAM. */
export interface CartRandom {
  next(): number;
}

export interface Cartridge {
  readonly scheme: BankScheme;
  /** The ROM bytes `regionOffset` indexes (never written). */
  readonly image: Uint8Array;
  /**
   * The bus's fast path. For the 128-byte region `region` (0-31) of the 4K cart window: the offset in
   * `image` where a read of the region's byte 0 is found, when reads there are plain ROM (no hotspot, no
   * cart RAM, no dependence on A13-A15); else -1. The answers change only when `mapVersion` does, which
   * only happens inside `read`, `write`, `writeTiaPage`, `reset` and `loadState`.
   */
  regionOffset(region: number): number;
  readonly mapVersion: number;
  /** Read with A12 set. Bank-switch hotspots switch before the byte is fetched, as Stella does. */
  read(address: number): number;
  /** Write with A12 set (hotspots, cart RAM). */
  write(address: number, value: number): void;
  /**
   * True when the cart also decodes the TIA's page $00-$3F (3F). Stella maps that page to the cart,
   * so reads there return ROM bytes and writes select the bank before reaching the TIA.
   */
  readonly hooksTiaPage: boolean;
  readTiaPage(address: number): number;
  writeTiaPage(address: number, value: number): void;
  /** System reset: select the reset bank(s); carts with RAM re-randomise it (128 draws). */
  reset(rng: CartRandom): void;
  /** Current bank per segment, for tests and debugging. */
  banks(): readonly number[];
  saveState(w: StateWriter): void;
  loadState(r: StateReader): void;
}
