/**
 * Idle-loop fast-forward. Games wait for the RIOT timer with a two-instruction loop such as
 * `L: LDA INTIM / BNE L`, often for a thousand instructions a frame. While the timer has not expired,
 * reading INTIM has no side effects and its value only counts down, so whole iterations whose branch
 * is still taken can be skipped exactly: the CPU adds their cycles and their
 * instructions and ends up in the state the last skipped iteration leaves (the register and N/Z from
 * its read; the data bus holds the branch offset, which the iteration that was just run put there).
 * The iteration that would leave the loop is always run for real.
 */
import { BASE_CYCLES } from './cycle-table';

/** A bus that can answer reads without performing them, for the fast-forward. */
export interface PeekBus {
  /**
   * The value a read of `address` at CPU cycle `cycles` would return, or -1 if that read is not known to
   * be free of side effects (or its value is not known in advance). Peeks of one address at later
   * cycles never return a larger value, and once one returns -1 so do all later ones (ROM bytes stay
   * put, the RIOT timer counts down until it expires): the fast-forward relies on it.
   */
  peek(address: number, cycles: number): number;
}

/** The CPU state the fast-forward reads and advances. */
export interface PollCpu {
  cycles: number;
}

/** Which register a skipped loop loaded last (bits 8-9 of the packed result). */
export const POLL_A = 0;
export const POLL_X = 1;
export const POLL_Y = 2;

/**
 * Called after a taken branch `branchOp` (BPL/BMI/BNE/BEQ, offset -5) landed on `target`, with
 * `cpu.cycles` current. If the loop is `LDA/LDX/LDY abs` of a peekable address followed by that branch,
 * skips as many whole iterations as provably stay in the loop (at most `budget` / 2, as each is two
 * instructions), adds their cycles and returns (iterations << 10) | (register << 8) | last value read;
 * returns 0 when nothing was skipped.
 */
export function skipPollLoop(bus: PeekBus, cpu: PollCpu, target: number, branchOp: number, budget: number): number {
  const load = bus.peek(target, 0);
  const register = pollRegister(load);
  if (register < 0) return 0;
  const lo = bus.peek((target + 1) & 0xffff, 0);
  const hi = bus.peek((target + 2) & 0xffff, 0);
  if (lo < 0 || hi < 0 || bus.peek((target + 3) & 0xffff, 0) !== branchOp) return 0;
  if (bus.peek((target + 4) & 0xffff, 0) !== 0xfb) return 0;
  return skipPolls(
    bus,
    cpu,
    lo | (hi << 8),
    (register << 8) | load,
    branchOp,
    pollPeriod(load, branchOp, target),
    budget,
  );
}

/** POLL_A/X/Y for the opcode of `LDA/LDX/LDY abs`, -1 for any other byte. */
export function pollRegister(load: number): number {
  return load === 0xad ? POLL_A : load === 0xae ? POLL_X : load === 0xac ? POLL_Y : -1;
}

/** CPU cycles of one iteration of the loop `target: load abs / branchOp -5` when its branch is taken. */
export function pollPeriod(load: number, branchOp: number, target: number): number {
  const after = (target + 5) & 0xffff;
  return BASE_CYCLES[load] + BASE_CYCLES[branchOp] + ((target ^ after) & 0xff00 ? 2 : 1);
}

/**
 * skipPollLoop once the loop's shape is known (compiled code, whose bytes were checked when it was
 * compiled, starts here): `registerAndLoad` is (register << 8) | load opcode, `period` pollPeriod's.
 */
export function skipPolls(
  bus: PeekBus,
  cpu: PollCpu,
  address: number,
  registerAndLoad: number,
  branchOp: number,
  period: number,
  budget: number,
): number {
  const maxIterations = budget >> 1;
  // The read of iteration i happens once its load's base cycles are added.
  const firstRead = cpu.cycles + BASE_CYCLES[registerAndLoad & 0xff];
  // Reads only count down (PeekBus), and the values that keep each branch taken (BNE 1–255, BMI
  // 128–255, BPL 0–127, BEQ 0) are a range a countdown never re-enters once it leaves: the iterations
  // that stay in the loop are a prefix of them all, found by doubling steps, then halving.
  // The value of the last read that stayed: always iteration k − 1's (k only moves past a probe that stays).
  let value = 0;
  const stays = (i: number): boolean => {
    const v = bus.peek(address, firstRead + i * period);
    if (v < 0 || !branchTaken(branchOp, v)) return false;
    value = v;
    return true;
  };
  if (maxIterations === 0 || !stays(0)) return 0;
  let k = 1; // iterations 0 … k-1 stay
  let step = 1;
  let leaves = -1;
  while (k < maxIterations) {
    const probe = Math.min(maxIterations, k + step) - 1;
    if (!stays(probe)) {
      leaves = probe;
      break;
    }
    k = probe + 1;
    step *= 2;
  }
  if (leaves >= 0) {
    let hi = leaves;
    while (k < hi) {
      const mid = (k + hi) >> 1;
      if (stays(mid)) k = mid + 1;
      else hi = mid;
    }
  }
  cpu.cycles += k * period;
  return (k << 10) | (registerAndLoad & 0x300) | value;
}

function branchTaken(branchOp: number, v: number): boolean {
  switch (branchOp) {
    case 0x10:
      return (v & 0x80) === 0;
    case 0x30:
      return (v & 0x80) !== 0;
    case 0xd0:
      return v !== 0;
    case 0xf0:
      return v === 0;
    default:
      return false;
  }
}
