import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 as nodeCrc32 } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { crc32, readZip, writeZip, ZipError } from '../../electron/runs/zip';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const tmp = mkdtempSync(join(tmpdir(), 'zip-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function hasTool(name: string): boolean {
  try {
    execFileSync(name, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('crc32', () => {
  it('matches the standard check value and zlib', () => {
    expect(crc32(text('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    const random = new Uint8Array(10_000).map((_, i) => (i * 7919) & 0xff);
    expect(crc32(random)).toBe(nodeCrc32(random));
  });

  it('continues a running CRC', () => {
    const all = text('hello, crc world');
    expect(crc32(all.subarray(5), crc32(all.subarray(0, 5)))).toBe(crc32(all));
  });
});

describe('writeZip / readZip', () => {
  const entries = [
    { name: 'run-1/config.json', data: text('{"lr":0.00025}') },
    { name: 'run-1/metrics.jsonl', data: text('{"kind":"episode"}\n'.repeat(50)) },
    { name: 'run-1/checkpoints/1000/weights.bin', data: new Uint8Array(4096).map((_, i) => i % 251) },
    { name: 'run-1/empty.txt', data: new Uint8Array(0) },
    { name: 'run-1/ünïcødé.json', data: text('{}') },
  ];

  it('round-trips names and bytes', () => {
    const zip = writeZip(entries);
    const back = readZip(zip);
    expect(back.map((e) => e.name)).toEqual(entries.map((e) => e.name));
    back.forEach((e, i) => {
      expect(Array.from(e.data)).toEqual(Array.from(entries[i].data));
      expect(e.directory).toBe(false);
      expect(e.symlink).toBe(false);
    });
  });

  it('keeps modification times to two seconds', () => {
    const modified = new Date(2024, 4, 17, 13, 45, 30);
    const [entry] = readZip(writeZip([{ name: 'a', data: text('x'), modified }]));
    expect(entry.modified.getTime()).toBe(modified.getTime());
  });

  it('writes archives that Info-ZIP unzip accepts', () => {
    if (!hasTool('unzip')) return;
    const file = join(tmp, 'out.zip');
    writeFileSync(file, writeZip(entries));
    const listing = execFileSync('unzip', ['-t', file]).toString();
    expect(listing).toContain('No errors detected');
  });

  it('reads stored archives made by Info-ZIP zip', () => {
    if (!hasTool('zip')) return;
    writeFileSync(join(tmp, 'a.txt'), 'alpha');
    writeFileSync(join(tmp, 'b.txt'), 'beta');
    execFileSync('zip', ['-0', '-q', '-X', 'in.zip', 'a.txt', 'b.txt'], { cwd: tmp });
    const back = readZip(new Uint8Array(readFileSync(join(tmp, 'in.zip'))));
    expect(back.map((e) => [e.name, new TextDecoder().decode(e.data)])).toEqual([
      ['a.txt', 'alpha'],
      ['b.txt', 'beta'],
    ]);
  });

  it('detects a flipped byte with the CRC', () => {
    const zip = writeZip(entries);
    const damaged = zip.slice();
    damaged[30 + entries[0].name.length + 3] ^= 0x40;
    expect(() => readZip(damaged)).toThrow(/CRC-32 mismatch in 'run-1\/config.json'/);
  });

  it('rejects truncated and non-zip input', () => {
    const zip = writeZip(entries);
    expect(() => readZip(zip.subarray(0, zip.length - 30))).toThrow(ZipError);
    expect(() => readZip(text('not a zip at all, just some text that is long enough'))).toThrow(/not a ZIP/);
    expect(() => readZip(new Uint8Array(3))).toThrow(/too short/);
  });

  it('rejects compressed entries and oversize archives', () => {
    const zip = writeZip([{ name: 'x', data: text('abc') }]);
    const compressed = zip.slice();
    const view = new DataView(compressed.buffer);
    const central = view.getUint32(compressed.length - 22 + 16, true);
    view.setUint16(central + 10, 8, true);
    expect(() => readZip(compressed)).toThrow(/compressed \(method 8\)/);
    expect(() => readZip(writeZip(entries), { maxTotalBytes: 100 })).toThrow(/exceed/);
  });
});
