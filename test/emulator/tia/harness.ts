/**
 * A minimal 2600 for TIA tests: the real 6507, the TIA, 128 bytes of RAM and a 4K cart assembled from
 * a test kernel. No RIOT timer: kernels time themselves with WSYNC.
 */
import type { Bus } from '../../../electron/emulator/bus';
import { Cpu6507 } from '../../../electron/emulator/cpu/cpu-6507';
import { Tia, type TiaOptions } from '../../../electron/emulator/tia/tia';
import { assembleCart } from '../../support/assemble';

export class TestConsole implements Bus {
  readonly cpu: Cpu6507;
  readonly tia: Tia;
  readonly ram = new Uint8Array(128);
  private dataBus = 0;

  constructor(
    private readonly rom: Uint8Array,
    options: Partial<TiaOptions> = {},
  ) {
    this.cpu = new Cpu6507(this);
    this.tia = new Tia(this.cpu, { yStart: 34, height: 210, hmoveBlanks: true, ...options });
    this.tia.reset();
    this.cpu.reset();
  }

  read(address: number): number {
    let v: number;
    if (address & 0x1000) v = this.rom[address & 0xfff];
    else if (address & 0x80) v = this.ram[address & 0x7f];
    else v = this.tia.read(address, this.dataBus);
    this.dataBus = v;
    return v;
  }

  write(address: number, value: number): void {
    this.dataBus = value;
    if (address & 0x1000) return;
    if (address & 0x80) this.ram[address & 0x7f] = value;
    else this.tia.write(address, value);
  }

  frames(n: number): Uint8Array {
    for (let i = 0; i < n; i++) this.tia.runFrame();
    return this.tia.screen();
  }

  /** Row `r` of the screen as an array of palette indices. */
  row(r: number): number[] {
    return [...this.tia.screen().subarray(r * 160, r * 160 + 160)];
  }

  /** Columns of row `r` whose pixel equals `colour`. */
  columns(r: number, colour: number): number[] {
    return this.row(r).flatMap((v, x) => (v === colour ? [x] : []));
  }
}

/**
 * A 262-line NTSC frame around `kernel`: 3 lines of VSYNC (the frame ends as VSYNC clears, so that
 * line is scanline 0), `setup` early in scanline 0, then the kernel starts at scanline 34 = row 0 with
 * the beam at cycle 0 (after a WSYNC). The kernel must draw exactly `lines` lines, each ending in
 * WSYNC; overscan pads the frame to 262 lines. `init` runs once after reset. (The first frame after
 * reset is shorter; tests look at later frames.)
 */
export function frameProgram(opts: { init?: string; setup?: string; kernel: string; lines: number }): Uint8Array {
  const pad = 262 - 3 - 34 - opts.lines;
  return assembleCart(`
  include vcs.h
start
  sei
  cld
  ldx #$ff
  txs
  lda #0
clear
  sta 0,x
  dex
  bne clear
${opts.init ?? ''}
frame
  lda #2
  sta VSYNC
  sta WSYNC
  sta WSYNC
  sta WSYNC
  lda #0
  sta VSYNC
${opts.setup ?? ''}
  ldx #33
vbl
  sta WSYNC
  dex
  bne vbl
  sta WSYNC
${opts.kernel}
  ldx #${pad}
over
  sta WSYNC
  dex
  bne over
  jmp frame
`);
}
