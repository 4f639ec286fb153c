/**
 * The 6502 opcode matrix, written out independently of the CPU's own tables: mnemonic and addressing
 * mode of every opcode (undocumented names as in dasm / 64doc), plus the datasheet cycle rules.
 */
export type Mode = 'imp' | 'acc' | 'imm' | 'zp' | 'zpx' | 'zpy' | 'abs' | 'abx' | 'aby' | 'izx' | 'izy' | 'ind' | 'rel';

// prettier-ignore
const ROWS = [
  'BRK imp,ORA izx,KIL imp,SLO izx,NOP zp,ORA zp,ASL zp,SLO zp,PHP imp,ORA imm,ASL acc,ANC imm,NOP abs,ORA abs,ASL abs,SLO abs',
  'BPL rel,ORA izy,KIL imp,SLO izy,NOP zpx,ORA zpx,ASL zpx,SLO zpx,CLC imp,ORA aby,NOP imp,SLO aby,NOP abx,ORA abx,ASL abx,SLO abx',
  'JSR abs,AND izx,KIL imp,RLA izx,BIT zp,AND zp,ROL zp,RLA zp,PLP imp,AND imm,ROL acc,ANC imm,BIT abs,AND abs,ROL abs,RLA abs',
  'BMI rel,AND izy,KIL imp,RLA izy,NOP zpx,AND zpx,ROL zpx,RLA zpx,SEC imp,AND aby,NOP imp,RLA aby,NOP abx,AND abx,ROL abx,RLA abx',
  'RTI imp,EOR izx,KIL imp,SRE izx,NOP zp,EOR zp,LSR zp,SRE zp,PHA imp,EOR imm,LSR acc,ASR imm,JMP abs,EOR abs,LSR abs,SRE abs',
  'BVC rel,EOR izy,KIL imp,SRE izy,NOP zpx,EOR zpx,LSR zpx,SRE zpx,CLI imp,EOR aby,NOP imp,SRE aby,NOP abx,EOR abx,LSR abx,SRE abx',
  'RTS imp,ADC izx,KIL imp,RRA izx,NOP zp,ADC zp,ROR zp,RRA zp,PLA imp,ADC imm,ROR acc,ARR imm,JMP ind,ADC abs,ROR abs,RRA abs',
  'BVS rel,ADC izy,KIL imp,RRA izy,NOP zpx,ADC zpx,ROR zpx,RRA zpx,SEI imp,ADC aby,NOP imp,RRA aby,NOP abx,ADC abx,ROR abx,RRA abx',
  'NOP imm,STA izx,NOP imm,SAX izx,STY zp,STA zp,STX zp,SAX zp,DEY imp,NOP imm,TXA imp,ANE imm,STY abs,STA abs,STX abs,SAX abs',
  'BCC rel,STA izy,KIL imp,SHA izy,STY zpx,STA zpx,STX zpy,SAX zpy,TYA imp,STA aby,TXS imp,TAS aby,SHY abx,STA abx,SHX aby,SHA aby',
  'LDY imm,LDA izx,LDX imm,LAX izx,LDY zp,LDA zp,LDX zp,LAX zp,TAY imp,LDA imm,TAX imp,LXA imm,LDY abs,LDA abs,LDX abs,LAX abs',
  'BCS rel,LDA izy,KIL imp,LAX izy,LDY zpx,LDA zpx,LDX zpy,LAX zpy,CLV imp,LDA aby,TSX imp,LAS aby,LDY abx,LDA abx,LDX aby,LAX aby',
  'CPY imm,CMP izx,NOP imm,DCP izx,CPY zp,CMP zp,DEC zp,DCP zp,INY imp,CMP imm,DEX imp,SBX imm,CPY abs,CMP abs,DEC abs,DCP abs',
  'BNE rel,CMP izy,KIL imp,DCP izy,NOP zpx,CMP zpx,DEC zpx,DCP zpx,CLD imp,CMP aby,NOP imp,DCP aby,NOP abx,CMP abx,DEC abx,DCP abx',
  'CPX imm,SBC izx,NOP imm,ISB izx,CPX zp,SBC zp,INC zp,ISB zp,INX imp,SBC imm,NOP imp,SBC imm,CPX abs,SBC abs,INC abs,ISB abs',
  'BEQ rel,SBC izy,KIL imp,ISB izy,NOP zpx,SBC zpx,INC zpx,ISB zpx,SED imp,SBC aby,NOP imp,ISB aby,NOP abx,SBC abx,INC abx,ISB abx',
];

export interface OpcodeInfo {
  opcode: number;
  mnemonic: string;
  mode: Mode;
}

export const OPCODES: OpcodeInfo[] = ROWS.flatMap((row, hi) =>
  row.split(',').map((cell, lo) => {
    const [mnemonic, mode] = cell.split(' ');
    return { opcode: hi * 16 + lo, mnemonic, mode: mode as Mode };
  }),
);

const READS = new Set('ORA AND EOR ADC SBC CMP CPX CPY BIT LDA LDX LDY LAX NOP ANC ASR ARR SBX ANE LXA LAS'.split(' '));
const WRITES = new Set('STA STX STY SAX SHA SHX SHY TAS'.split(' '));
const RMWS = new Set('ASL LSR ROL ROR INC DEC SLO RLA SRE RRA DCP ISB'.split(' '));

const READ_CYCLES: Partial<Record<Mode, number>> = {
  imm: 2,
  zp: 3,
  zpx: 4,
  zpy: 4,
  abs: 4,
  abx: 4,
  aby: 4,
  izx: 6,
  izy: 5,
};
const WRITE_CYCLES: Partial<Record<Mode, number>> = { zp: 3, zpx: 4, zpy: 4, abs: 4, abx: 5, aby: 5, izx: 6, izy: 6 };
const RMW_CYCLES: Partial<Record<Mode, number>> = { zp: 5, zpx: 6, abs: 6, abx: 7, aby: 7, izx: 8, izy: 8 };
const SPECIAL: Record<string, number> = { BRK: 7, JSR: 6, RTI: 6, RTS: 6, PHA: 3, PHP: 3, PLA: 4, PLP: 4 };

export type Kind = 'read' | 'write' | 'rmw' | 'other';

export function kindOf(info: OpcodeInfo): Kind {
  if (info.mode === 'imp' || info.mode === 'acc' || info.mode === 'rel') return 'other';
  if (READS.has(info.mnemonic)) return 'read';
  if (WRITES.has(info.mnemonic)) return 'write';
  if (RMWS.has(info.mnemonic)) return 'rmw';
  return 'other';
}

/**
 * Base cycles by the datasheet rules (branch not taken, no page crossing). ALE's table differs in one
 * place, $A7 LAX zp (4, not 3); the caller applies that.
 */
export function datasheetCycles(info: OpcodeInfo): number {
  const { mnemonic, mode } = info;
  if (mnemonic in SPECIAL) return SPECIAL[mnemonic];
  if (mnemonic === 'JMP') return mode === 'ind' ? 5 : 3;
  if (mode === 'imp' || mode === 'acc' || mode === 'rel') return 2;
  const byKind: Record<Kind, Partial<Record<Mode, number>>> = {
    read: READ_CYCLES,
    write: WRITE_CYCLES,
    rmw: RMW_CYCLES,
    other: {},
  };
  const table = byKind[kindOf(info)];
  const n = table[mode];
  if (n === undefined) throw new Error(`no cycle rule for ${mnemonic} ${mode}`);
  return n;
}
