// Draws build/icon.png (512×512): a pixel-art invader over a Q-value bar chart. Run: node build/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 512;
const px = new Uint8Array(N * N * 4);
const put = (x, y, [r, g, b, a = 255]) => {
  const i = (y * N + x) * 4;
  px.set([r, g, b, a], i);
};
const rect = (x0, y0, w, h, c) => {
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) put(x, y, c);
};
// Rounded dark tile.
for (let y = 0; y < N; y++)
  for (let x = 0; x < N; x++) {
    const dx = Math.max(0, Math.abs(x - 255.5) - 200),
      dy = Math.max(0, Math.abs(y - 255.5) - 200);
    if (dx * dx + dy * dy <= 48 * 48) put(x, y, [22, 26, 36]);
  }
const invader = [
  '..X.....X..',
  '...X...X...',
  '..XXXXXXX..',
  '.XX.XXX.XX.',
  'XXXXXXXXXXX',
  'X.XXXXXXX.X',
  'X.X.....X.X',
  '...XX.XX...',
];
const cell = 26,
  ox = 256 - (11 * cell) / 2,
  oy = 60;
invader.forEach((row, r) =>
  [...row].forEach((ch, c) => ch === 'X' && rect(ox + c * cell, oy + r * cell, cell, cell, [94, 234, 160])),
);
// Q-value bars, the greedy one highlighted.
const bars = [70, 110, 150, 95, 55, 125];
bars.forEach((h, i) => rect(96 + i * 56, 462 - h, 40, h, i === 2 ? [255, 196, 64] : [96, 140, 255]));

const raw = Buffer.alloc((N * 4 + 1) * N);
for (let y = 0; y < N; y++) {
  raw[y * (N * 4 + 1)] = 0;
  Buffer.from(px.buffer, y * N * 4, N * 4).copy(raw, y * (N * 4 + 1) + 1);
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr.set([8, 6, 0, 0, 0], 8);
const png = Buffer.concat([
  Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw)),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
