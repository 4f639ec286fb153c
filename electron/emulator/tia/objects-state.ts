/** Save-state layout of TiaObjects (kept apart so the object logic stays short). */
import type { StateReader, StateWriter } from '../state';
import type { TiaObjects } from './objects';

export function saveObjects(o: TiaObjects, w: StateWriter): void {
  w.bytes(o.colours);
  w.bytes(o.hm);
  for (const v of numbers(o)) w.i32(v);
  for (const f of flags(o)) w.bool(f);
}

export function loadObjects(o: TiaObjects, r: StateReader): void {
  r.bytes(o.colours);
  r.bytes(o.hm);
  const n = numbers(o).map(() => r.i32());
  [o.nusiz0, o.nusiz1, o.ctrlpf, o.prioScore, o.pf, o.grp0, o.grp1] = n;
  [o.dgrp0, o.dgrp1, o.curGrp0, o.curGrp1, o.enabled, o.posP0, o.posP1] = n.slice(7);
  [o.posM0, o.posM1, o.posBL, o.p0Off, o.p1Off, o.m0Off, o.m1Off] = n.slice(14);
  [o.blOff, o.pfOff, o.collision] = n.slice(21);
  const f = flags(o).map(() => r.bool());
  [o.refp0, o.refp1, o.vdelp0, o.vdelp1, o.vdelbl, o.enam0, o.enam1] = f;
  [o.enabl, o.denabl, o.resmp0, o.resmp1] = f.slice(7);
}

function numbers(o: TiaObjects): number[] {
  const { nusiz0, nusiz1, ctrlpf, prioScore, pf, grp0, grp1, dgrp0, dgrp1, curGrp0, curGrp1 } = o;
  const { enabled, posP0, posP1, posM0, posM1, posBL, p0Off, p1Off, m0Off, m1Off, blOff } = o;
  return [nusiz0, nusiz1, ctrlpf, prioScore, pf, grp0, grp1, dgrp0, dgrp1, curGrp0, curGrp1, enabled].concat([
    posP0,
    posP1,
    posM0,
    posM1,
    posBL,
    p0Off,
    p1Off,
    m0Off,
    m1Off,
    blOff,
    o.pfOff,
    o.collision,
  ]);
}

function flags(o: TiaObjects): boolean[] {
  const { refp0, refp1, vdelp0, vdelp1, vdelbl, enam0, enam1, enabl, denabl, resmp0, resmp1 } = o;
  return [refp0, refp1, vdelp0, vdelp1, vdelbl, enam0, enam1, enabl, denabl, resmp0, resmp1];
}
