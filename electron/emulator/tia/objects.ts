/**
 * The TIA's movable objects and playfield: registers, positions and the current masks, as Stella keeps
 * them. Fields are public for the other TIA modules (compose.ts, video.ts, tia.ts); nothing outside
 * electron/emulator/tia uses this class.
 *
 * Masks are offsets into the tables of tables.ts. A player mask also records whether the copy at the
 * reset position is suppressed (after RESPx, until the line ends or NUSIZx/HMOVE rebuild it).
 */
import type { StateReader, StateWriter } from '../state';
import { loadObjects, saveObjects } from './objects-state';
import * as tables from './tables';

const MOTION = tables.MOTION;
const REFLECT = tables.REFLECT;
const { PF_BIT, BL_BIT, P0_BIT, P1_BIT, M0_BIT, M1_BIT } = tables;
const playerMaskOffset = tables.playerMaskOffset;
const missileMaskOffset = tables.missileMaskOffset;
const ballMaskOffset = tables.ballMaskOffset;

export class TiaObjects {
  nusiz0 = 0;
  nusiz1 = 0;
  /** COLUBK, COLUPF, COLUP0, COLUP1, each & 0xFE. */
  readonly colours = new Uint8Array(4);
  ctrlpf = 0;
  /** CTRLPF score / priority bits as SCORE_BIT / PRIORITY_BIT. */
  prioScore = 0;
  /** PF0 bits 4–7 → 0–3, PF1 → 4–11, PF2 → 12–19. */
  pf = 0;
  grp0 = 0;
  grp1 = 0;
  dgrp0 = 0;
  dgrp1 = 0;
  /** The GRP values drawn now (vertical delay and reflection applied). */
  curGrp0 = 0;
  curGrp1 = 0;
  refp0 = false;
  refp1 = false;
  vdelp0 = false;
  vdelp1 = false;
  vdelbl = false;
  enam0 = false;
  enam1 = false;
  enabl = false;
  denabl = false;
  resmp0 = false;
  resmp1 = false;
  /** HMP0, HMP1, HMM0, HMM1, HMBL (high nibbles). */
  readonly hm = new Uint8Array(5);
  /** Object bits of the objects that can show at all (GRP ≠ 0, ENAxx and not locked, PF ≠ 0). */
  enabled = 0;
  posP0 = 0;
  posP1 = 0;
  posM0 = 0;
  posM1 = 0;
  posBL = 0;
  p0Off = 0;
  p1Off = 0;
  m0Off = 0;
  m1Off = 0;
  blOff = 0;
  /** 0 or 160: the playfield reflection the current line uses. */
  pfOff = 0;
  /** Collision latches (layout in tables.COLLISIONS). */
  collision = 0;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.nusiz0 = this.nusiz1 = this.ctrlpf = this.prioScore = this.pf = 0;
    this.colours.fill(0);
    this.grp0 = this.grp1 = this.dgrp0 = this.dgrp1 = this.curGrp0 = this.curGrp1 = 0;
    this.refp0 = this.refp1 = this.vdelp0 = this.vdelp1 = this.vdelbl = false;
    this.enam0 = this.enam1 = this.enabl = this.denabl = this.resmp0 = this.resmp1 = false;
    this.hm.fill(0);
    this.enabled = this.collision = 0;
    this.posP0 = this.posP1 = this.posM0 = this.posM1 = this.posBL = 0;
    this.rebuildMasks();
    this.pfOff = 0;
  }

  /** All masks from the current positions, with every player copy shown. */
  rebuildMasks(): void {
    this.rearmPlayers();
    this.refreshMissile0();
    this.refreshMissile1();
    this.refreshBall();
  }

  rearmPlayers(): void {
    this.p0Off = playerMaskOffset(0, this.nusiz0, this.posP0);
    this.p1Off = playerMaskOffset(0, this.nusiz1, this.posP1);
  }

  refreshMissile0(): void {
    this.m0Off = missileMaskOffset(this.nusiz0, (this.nusiz0 & 0x30) >> 4, this.posM0);
  }

  refreshMissile1(): void {
    this.m1Off = missileMaskOffset(this.nusiz1, (this.nusiz1 & 0x30) >> 4, this.posM1);
  }

  refreshBall(): void {
    this.blOff = ballMaskOffset(this.ctrlpf, this.posBL);
  }

  setNusiz0(value: number): void {
    this.nusiz0 = value;
    this.p0Off = playerMaskOffset(0, value, this.posP0);
    this.refreshMissile0();
  }

  setNusiz1(value: number): void {
    this.nusiz1 = value;
    this.p1Off = playerMaskOffset(0, value, this.posP1);
    this.refreshMissile1();
  }

  /** `leftHalf`: the beam has not passed the centre yet, so reflection applies to this line. */
  setCtrlpf(value: number, leftHalf: boolean): void {
    this.ctrlpf = value;
    this.prioScore = (value & 0x06) << 5;
    if (leftHalf) this.pfOff = (value & 1) * 160;
    this.refreshBall();
  }

  setPlayfield(pf: number): void {
    this.pf = pf;
    this.enabled = pf !== 0 ? this.enabled | PF_BIT : this.enabled & ~PF_BIT;
  }

  setReflect(player: number, on: boolean): void {
    if (player === 0 && on !== this.refp0) {
      this.refp0 = on;
      this.curGrp0 = REFLECT[this.curGrp0];
    } else if (player === 1 && on !== this.refp1) {
      this.refp1 = on;
      this.curGrp1 = REFLECT[this.curGrp1];
    }
  }

  /** RESPx at new position `x`; `skipFirst` hides the copy starting there for the rest of the line. */
  resetPlayer(player: number, x: number, skipFirst: number): void {
    if (player === 0) {
      this.posP0 = x;
      this.p0Off = playerMaskOffset(skipFirst, this.nusiz0, x);
    } else {
      this.posP1 = x;
      this.p1Off = playerMaskOffset(skipFirst, this.nusiz1, x);
    }
  }

  /**
   * RESM0 (0x12), RESM1 (0x13) or RESBL (0x14) at colour clock `hpos` of the line, `sinceHmove` clocks
   * after the last HMOVE. Objects land 4 pixels after the beam (2 if reset in horizontal blank).
   */
  resetMissileOrBall(reg: number, hpos: number, sinceHmove: number): void {
    let pos = hpos < 68 ? 2 : (hpos - 68 + 4) % 160;
    // Stella's per-game hacks for resets a few cycles after an HMOVE (Dolphin, Pitfall II, ...).
    if (reg === 0x12) {
      if (sinceHmove === 20 * 3 && hpos === 69) pos = 8;
      this.posM0 = pos;
      this.refreshMissile0();
    } else if (reg === 0x13) {
      if (sinceHmove === 3 * 3 && hpos === 18) pos = 3;
      this.posM1 = pos;
      this.refreshMissile1();
    } else {
      if (sinceHmove === 18 * 3 && (hpos === 60 || hpos === 69)) pos = 10;
      else if (sinceHmove === 3 * 3 && hpos === 18) pos = 3;
      else if (sinceHmove === 7 * 3 && hpos === 30) pos = 6;
      else if (sinceHmove === 6 * 3 && hpos === 27) pos = 5;
      this.posBL = pos;
      this.refreshBall();
    }
  }

  /** HMOVE at CPU cycle `cycle` of the line: every object moves, every mask is rebuilt. */
  hmove(cycle: number): void {
    const row = cycle * 16;
    const hm = this.hm;
    this.posP0 = wrap(this.posP0 + MOTION[row + hm[0]]);
    this.posP1 = wrap(this.posP1 + MOTION[row + hm[1]]);
    this.posM0 = wrap(this.posM0 + MOTION[row + hm[2]]);
    this.posM1 = wrap(this.posM1 + MOTION[row + hm[3]]);
    this.posBL = wrap(this.posBL + MOTION[row + hm[4]]);
    this.rebuildMasks();
  }

  /** GRP0–ENABL, VDELxx and RESMPx writes (0x1B–0x1F, 0x25–0x29). */
  writeGraphics(reg: number, value: number): void {
    if (this.storeGraphics(reg, value)) this.refreshGraphics();
  }

  /**
   * The register part of writeGraphics, without recomputing what is drawn: enough on its own for a
   * write that changesGraphics says changes nothing drawn. False for an address it does not handle.
   */
  storeGraphics(reg: number, value: number): boolean {
    switch (reg) {
      case 0x1b:
        this.grp0 = value;
        this.dgrp1 = this.grp1;
        break;
      case 0x1c:
        this.grp1 = value;
        this.dgrp0 = this.grp0;
        this.denabl = this.enabl;
        break;
      case 0x1d:
        this.enam0 = (value & 0x02) !== 0;
        break;
      case 0x1e:
        this.enam1 = (value & 0x02) !== 0;
        break;
      case 0x1f:
        this.enabl = (value & 0x02) !== 0;
        break;
      case 0x25:
        this.vdelp0 = (value & 0x01) !== 0;
        break;
      case 0x26:
        this.vdelp1 = (value & 0x01) !== 0;
        break;
      case 0x27:
        this.vdelbl = (value & 0x01) !== 0;
        break;
      case 0x28:
        // Releasing the lock centres the missile on its player.
        if (this.resmp0 && !(value & 0x02)) {
          this.posM0 = (this.posP0 + playerMiddle(this.nusiz0)) % 160;
          this.refreshMissile0();
        }
        this.resmp0 = (value & 0x02) !== 0;
        break;
      case 0x29:
        if (this.resmp1 && !(value & 0x02)) {
          this.posM1 = (this.posP1 + playerMiddle(this.nusiz1)) % 160;
          this.refreshMissile1();
        }
        this.resmp1 = (value & 0x02) !== 0;
        break;
      default:
        return false;
    }
    return true;
  }

  /**
   * Whether writeGraphics(reg, value) — or REFPx (0x0B, 0x0C) — would change anything a span reads:
   * the drawn GRP values, the enabled bits or a missile position. If not, the TIA may apply the write
   * without drawing up to it first. Mirrors writeGraphics / refreshGraphics without side effects.
   */
  changesGraphics(reg: number, value: number): boolean {
    const on = (value & 0x02) !== 0;
    const e = this.enabled;
    switch (reg) {
      case 0x0b:
        return ((value & 0x08) !== 0) !== this.refp0 && REFLECT[this.curGrp0] !== this.curGrp0;
      case 0x0c:
        return ((value & 0x08) !== 0) !== this.refp1 && REFLECT[this.curGrp1] !== this.curGrp1;
      case 0x1b:
        return this.playersAfter(reg, value) !== this.drawnPlayers();
      case 0x1c:
        return this.playersAfter(reg, value) !== this.drawnPlayers() || this.enabl !== ((e & BL_BIT) !== 0);
      case 0x1d:
        return (on && !this.resmp0) !== ((e & M0_BIT) !== 0);
      case 0x1e:
        return (on && !this.resmp1) !== ((e & M1_BIT) !== 0);
      case 0x1f:
        return (this.vdelbl ? this.denabl : on) !== ((e & BL_BIT) !== 0);
      case 0x25:
        return this.drawn0(value & 0x01 ? this.dgrp0 : this.grp0) !== this.curGrp0;
      case 0x26:
        return this.drawn1(value & 0x01 ? this.dgrp1 : this.grp1) !== this.curGrp1;
      case 0x27:
        return (value & 0x01 ? this.denabl : this.enabl) !== ((e & BL_BIT) !== 0);
      case 0x28:
        return (this.resmp0 && !on) || (this.enam0 && !on) !== ((e & M0_BIT) !== 0);
      case 0x29:
        return (this.resmp1 && !on) || (this.enam1 && !on) !== ((e & M1_BIT) !== 0);
      default:
        return true;
    }
  }

  /** The drawn GRP values, curGrp0 | curGrp1 << 8. */
  drawnPlayers(): number {
    return this.curGrp0 | (this.curGrp1 << 8);
  }

  /**
   * drawnPlayers() after a write of GRP0 (`reg` 0x1B) or GRP1 (0x1C). Each also copies the other
   * player's GRP into its delayed register, so that player then draws its GRP either way (GRP1 copies
   * ENABL too: see storeGraphics).
   */
  playersAfter(reg: number, value: number): number {
    if (reg === 0x1b) return this.drawn0(this.vdelp0 ? this.dgrp0 : value) | (this.drawn1(this.grp1) << 8);
    return this.drawn0(this.grp0) | (this.drawn1(this.vdelp1 ? this.dgrp1 : value) << 8);
  }

  /**
   * writeGraphics for a GRP0/GRP1 write that changes the drawn values to `players` (its playersAfter());
   * the caller makes sure the write leaves the ball as it is (GRP1 with VDELBL and ENABL ≠ its delayed
   * copy changes it).
   */
  writePlayers(reg: number, value: number, players: number): void {
    this.storeGraphics(reg, value);
    this.setPlayers(players);
  }

  /** Sets the drawn GRP values (as drawnPlayers() packs them) and the player bits of `enabled`. */
  private setPlayers(players: number): void {
    this.curGrp0 = players & 0xff;
    this.curGrp1 = players >> 8;
    let e = this.enabled & ~(P0_BIT | P1_BIT);
    if (this.curGrp0 !== 0) e |= P0_BIT;
    if (this.curGrp1 !== 0) e |= P1_BIT;
    this.enabled = e;
  }

  private drawn0(grp: number): number {
    return this.refp0 ? REFLECT[grp] : grp;
  }

  private drawn1(grp: number): number {
    return this.refp1 ? REFLECT[grp] : grp;
  }

  /** Recomputes the drawn GRP values and the enabled-object bits. */
  private refreshGraphics(): void {
    const g0 = this.vdelp0 ? this.dgrp0 : this.grp0;
    const g1 = this.vdelp1 ? this.dgrp1 : this.grp1;
    this.setPlayers(this.drawn0(g0) | (this.drawn1(g1) << 8));
    let e = this.enabled & (PF_BIT | P0_BIT | P1_BIT);
    if (this.enam0 && !this.resmp0) e |= M0_BIT;
    if (this.enam1 && !this.resmp1) e |= M1_BIT;
    if (this.vdelbl ? this.denabl : this.enabl) e |= BL_BIT;
    this.enabled = e;
  }

  save(w: StateWriter): void {
    saveObjects(this, w);
  }

  load(r: StateReader): void {
    loadObjects(this, r);
  }
}

function wrap(pos: number): number {
  return pos >= 160 ? pos - 160 : pos < 0 ? pos + 160 : pos;
}

/** RESMPx centres the missile on its player: 4 pixels in, 8 for double width, 16 for quad. */
function playerMiddle(nusiz: number): number {
  const mode = nusiz & 7;
  return mode === 5 ? 8 : mode === 7 ? 16 : 4;
}
