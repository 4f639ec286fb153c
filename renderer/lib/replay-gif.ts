/**
 * A small animated-GIF (GIF89a) encoder for replay export. Atari screens use at most 128 colours
 * (palette index = pixel value >> 1), so every frame shares one global colour table and is written as
 * 7-bit LZW. Identical consecutive frames are merged into one longer frame.
 */

export interface GifOptions {
  readonly width: number;
  readonly height: number;
  /** RGB triplets, at most 256 colours; padded to a power of two. */
  readonly palette: Uint8Array;
  /** 0 = loop forever (the NETSCAPE2.0 extension); undefined = play once. */
  readonly loop?: number;
}

class ByteSink {
  private chunks: Uint8Array[] = [];
  private buf = new Uint8Array(65536);
  private n = 0;
  byte(b: number): void {
    if (this.n === this.buf.length) this.flush();
    this.buf[this.n++] = b;
  }
  u16(v: number): void {
    this.byte(v & 0xff);
    this.byte((v >> 8) & 0xff);
  }
  bytes(data: ArrayLike<number>): void {
    for (let i = 0; i < data.length; i++) this.byte(data[i]);
  }
  private flush(): void {
    this.chunks.push(this.buf.slice(0, this.n));
    this.n = 0;
  }
  result(): Uint8Array {
    this.flush();
    const total = this.chunks.reduce((s, c) => s + c.length, 0);
    const out = new Uint8Array(total);
    let p = 0;
    for (const c of this.chunks) {
      out.set(c, p);
      p += c.length;
    }
    return out;
  }
}

/** LZW-compresses colour indices as GIF wants them (variable code width, up to 12 bits), as raw bytes. */
export function lzwEncode(indices: Uint8Array, minCodeSize: number): Uint8Array {
  const clear = 1 << minCodeSize;
  const eoi = clear + 1;
  const alphabet = 1 << minCodeSize;
  // Dictionary: (prefix code, next index) -> code; -1 = absent. Reset on every clear code.
  const table = new Int16Array(4096 * alphabet).fill(-1);
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  let codeSize = minCodeSize + 1;
  let next = eoi + 1;
  const emit = (code: number): void => {
    acc |= code << bits;
    bits += codeSize;
    while (bits >= 8) {
      out.push(acc & 0xff);
      acc >>>= 8;
      bits -= 8;
    }
  };
  emit(clear);
  if (indices.length === 0) {
    emit(eoi);
    if (bits > 0) out.push(acc & 0xff);
    return Uint8Array.from(out);
  }
  let prefix = indices[0];
  for (let i = 1; i < indices.length; i++) {
    const k = indices[i];
    const key = prefix * alphabet + k;
    const found = table[key];
    if (found !== -1) {
      prefix = found;
      continue;
    }
    emit(prefix);
    if (next === 4096) {
      emit(clear);
      table.fill(-1);
      next = eoi + 1;
      codeSize = minCodeSize + 1;
    } else {
      // The decoder widens its codes one entry late; widening here before inserting keeps us in step.
      if (next >= 1 << codeSize) codeSize++;
      table[key] = next++;
    }
    prefix = k;
  }
  emit(prefix);
  emit(eoi);
  if (bits > 0) out.push(acc & 0xff);
  return Uint8Array.from(out);
}

export class GifEncoder {
  private readonly sink = new ByteSink();
  private readonly colourBits: number;
  private pending: { indices: Uint8Array; delay: number } | null = null;
  private done = false;

  constructor(private readonly options: GifOptions) {
    const colours = Math.max(2, Math.ceil(options.palette.length / 3));
    this.colourBits = Math.max(1, Math.ceil(Math.log2(colours)));
    if (this.colourBits > 8) throw new Error('a GIF palette holds at most 256 colours');
    const s = this.sink;
    s.bytes([0x47, 0x49, 0x46, 0x38, 0x39, 0x61]); // "GIF89a"
    s.u16(options.width);
    s.u16(options.height);
    s.byte(0x80 | ((this.colourBits - 1) << 4) | (this.colourBits - 1));
    s.byte(0);
    s.byte(0);
    const table = new Uint8Array(3 << this.colourBits);
    table.set(options.palette.subarray(0, table.length));
    s.bytes(table);
    if (options.loop !== undefined) {
      s.bytes([0x21, 0xff, 0x0b, ...Array.from('NETSCAPE2.0', (c) => c.charCodeAt(0)), 0x03, 0x01]);
      s.u16(options.loop);
      s.byte(0);
    }
  }

  /** Adds a frame of colour indices (width x height) shown for `delayCs` hundredths of a second. */
  addFrame(indices: Uint8Array, delayCs: number): void {
    if (this.done) throw new Error('the GIF is already finished');
    if (indices.length !== this.options.width * this.options.height) throw new Error('frame size mismatch');
    if (this.pending && equal(this.pending.indices, indices)) {
      this.pending.delay += delayCs;
      return;
    }
    if (this.pending) this.writeFrame(this.pending.indices, this.pending.delay);
    this.pending = { indices: indices.slice(), delay: delayCs };
  }

  finish(): Uint8Array {
    if (!this.done) {
      if (this.pending) this.writeFrame(this.pending.indices, this.pending.delay);
      this.sink.byte(0x3b);
      this.done = true;
    }
    return this.sink.result();
  }

  private writeFrame(indices: Uint8Array, delayCs: number): void {
    const s = this.sink;
    // Graphic control extension: no transparency, "do not dispose", the delay (max 655.35 s).
    s.bytes([0x21, 0xf9, 0x04, 0x04]);
    s.u16(Math.min(0xffff, Math.max(0, Math.round(delayCs))));
    s.bytes([0, 0]);
    s.byte(0x2c);
    s.u16(0);
    s.u16(0);
    s.u16(this.options.width);
    s.u16(this.options.height);
    s.byte(0);
    const minCodeSize = Math.max(2, this.colourBits);
    s.byte(minCodeSize);
    const data = lzwEncode(indices, minCodeSize);
    for (let p = 0; p < data.length; p += 255) {
      const n = Math.min(255, data.length - p);
      s.byte(n);
      s.bytes(data.subarray(p, p + n));
    }
    s.byte(0);
  }
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Atari palette-index screen -> GIF colour indices (value >> 1), scaled by an integer factor. */
export function screenToIndices(
  screen: Uint8Array,
  width: number,
  height: number,
  scaleX: number,
  scaleY = scaleX,
): Uint8Array {
  const ow = width * scaleX;
  const out = new Uint8Array(ow * height * scaleY);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = screen[y * width + x] >> 1;
      for (let dy = 0; dy < scaleY; dy++) {
        const row = (y * scaleY + dy) * ow + x * scaleX;
        for (let dx = 0; dx < scaleX; dx++) out[row + dx] = c;
      }
    }
  }
  return out;
}

/** The ALE palette as 128 RGB triplets (GIF colour i = pixel value 2i). */
export function atariGifPalette(paletteRgb: Uint8Array): Uint8Array {
  const out = new Uint8Array(128 * 3);
  for (let i = 0; i < 128; i++) out.set(paletteRgb.subarray(i * 6, i * 6 + 3), i * 3);
  return out;
}
