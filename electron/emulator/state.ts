/**
 * Binary save-state helpers. Every chip writes its whole state with a StateWriter and reads it back
 * with a StateReader in the same order, so clone/restore round-trips are exact and cheap.
 */
/** Whether this host is little-endian, as the state format is (u32s() then copies bytes as they are). */
export const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

export class StateWriter {
  private buf: Uint8Array;
  private view: DataView;
  private pos = 0;

  /** `capacity`: initial buffer size; a writer sized for its state never regrows. */
  constructor(capacity = 4096) {
    this.buf = new Uint8Array(capacity);
    this.view = new DataView(this.buf.buffer);
  }

  /** Starts over, keeping the buffer (for repeated snapshots without allocation). */
  reset(): void {
    this.pos = 0;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf);
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }
  bool(v: boolean): void {
    this.u8(v ? 1 : 0);
  }
  u16(v: number): void {
    this.ensure(2);
    this.view.setUint16(this.pos, v, true);
    this.pos += 2;
  }
  u32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.pos, v >>> 0, true);
    this.pos += 4;
  }
  i32(v: number): void {
    this.ensure(4);
    this.view.setInt32(this.pos, v, true);
    this.pos += 4;
  }
  /** Any JS number (doubles hold cycle counters exactly up to 2^53). */
  f64(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, v, true);
    this.pos += 8;
  }
  /** Little-endian u32s, no length prefix (the same bytes as u32() of each; one copy on LE hosts). */
  u32s(v: Uint32Array): void {
    if (!LITTLE_ENDIAN) {
      for (let i = 0; i < v.length; i++) this.u32(v[i]);
      return;
    }
    this.ensure(v.byteLength);
    this.buf.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), this.pos);
    this.pos += v.byteLength;
  }
  bytes(v: Uint8Array): void {
    this.u32(v.length);
    this.ensure(v.length);
    this.buf.set(v, this.pos);
    this.pos += v.length;
  }
  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
  /** The bytes written so far, without copying (valid until the next write or reset). */
  written(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}

export class StateReader {
  private readonly view: DataView;
  private pos = 0;

  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new Error('save state is truncated or corrupt');
  }
  u8(): number {
    this.need(1);
    return this.buf[this.pos++];
  }
  bool(): boolean {
    return this.u8() !== 0;
  }
  u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.pos, true);
    this.pos += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }
  i32(): number {
    this.need(4);
    const v = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }
  f64(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }
  /** Reads `into.length` u32s written by StateWriter.u32s into `into`. */
  u32s(into: Uint32Array): void {
    if (!LITTLE_ENDIAN) {
      for (let i = 0; i < into.length; i++) into[i] = this.u32();
      return;
    }
    this.need(into.byteLength);
    new Uint8Array(into.buffer, into.byteOffset, into.byteLength).set(
      this.buf.subarray(this.pos, this.pos + into.byteLength),
    );
    this.pos += into.byteLength;
  }
  /** Copies into `into` when given (its length must match), else returns a fresh array. */
  bytes(into?: Uint8Array): Uint8Array {
    const n = this.u32();
    this.need(n);
    const src = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    if (into) {
      if (into.length !== n) throw new Error(`save state field has ${n} bytes, expected ${into.length}`);
      into.set(src);
      return into;
    }
    return src.slice();
  }
  get done(): boolean {
    return this.pos === this.buf.length;
  }
}
