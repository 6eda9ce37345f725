#!/usr/bin/env node
// Draws the app icon and the tray state icons into assets/ as PNGs, with no image tools: shapes
// are sampled a few times per pixel (anti-aliasing) and written with zlib. Run it after changing
// a colour or a shape: `node scripts/make-icons.mjs`. The app icon follows assets/icon.svg.
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const assets = new URL('../assets/', import.meta.url);

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** RGBA, 8 bits per channel, no interlace; each row starts with filter type 0. */
function encodePng(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0;
    pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * Renders layers (drawn in order, each `{ color: [r, g, b], inside(x, y) }` in a 0..1 square) at
 * `size` pixels, averaging samples x samples points per pixel.
 */
function render(size, layers, samples) {
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          const layer = layers.findLast((candidate) => candidate.inside(x, y));
          if (!layer) continue;
          r += layer.color[0];
          g += layer.color[1];
          b += layer.color[2];
          a += 1;
        }
      }
      const offset = (py * size + px) * 4;
      // Colours are averaged over covered samples only, so edges fade in alpha, not towards black.
      if (a > 0) pixels.set([Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((255 * a) / samples ** 2)], offset);
    }
  }
  return encodePng(size, pixels);
}

const disc = (cx, cy, radius) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
const ring = (cx, cy, outer, inner) => (x, y) => disc(cx, cy, outer)(x, y) && !disc(cx, cy, inner)(x, y);
const segment = (x1, y1, x2, y2, halfWidth) => (x, y) => {
  const [dx, dy] = [x2 - x1, y2 - y1];
  const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
  return (x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2 <= halfWidth ** 2;
};
const roundedSquare = (radius) => (x, y) => {
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
};

const navy = [0x14, 0x21, 0x3d];
const orange = [0xfc, 0xa3, 0x11];
const light = [0xe5, 0xe5, 0xe5];
const u = (value) => value / 256;

const appIcon = [
  { color: navy, inside: roundedSquare(u(56)) },
  ...[
    [u(128), u(94), u(128), u(46)],
    [u(128), u(162), u(128), u(210)],
    [u(94), u(128), u(46), u(128)],
    [u(162), u(128), u(210), u(128)],
  ].map(([x1, y1, x2, y2]) => ({ color: light, inside: segment(x1, y1, x2, y2, u(7)) })),
  ...[
    [128, 40],
    [128, 216],
    [40, 128],
    [216, 128],
  ].map(([x, y]) => ({ color: light, inside: disc(u(x), u(y), u(16)) })),
  { color: orange, inside: disc(0.5, 0.5, u(34)) },
];
writeFileSync(new URL('icon.png', assets), render(1024, appIcon, 2));

/** One glyph per router state; shape differs too, not only colour (colour-blind users, monochrome trays). */
const trayStates = {
  running: { color: [0x2e, 0xa0, 0x43], filled: true },
  degraded: { color: [0xe0, 0x9b, 0x12], filled: true },
  stopped: { color: [0x8a, 0x8f, 0x98], filled: false },
  error: { color: [0xd0, 0x30, 0x30], filled: false },
};
for (const [state, { color, filled }] of Object.entries(trayStates)) {
  const layers = [{ color, inside: ring(0.5, 0.5, 0.47, 0.33) }];
  if (filled) layers.push({ color, inside: disc(0.5, 0.5, 0.2) });
  if (state === 'error') layers.push({ color, inside: segment(0.5, 0.3, 0.5, 0.55, 0.07) }, { color, inside: disc(0.5, 0.7, 0.075) });
  if (state === 'degraded') layers.push({ color: [0xff, 0xff, 0xff], inside: disc(0.5, 0.5, 0.08) });
  // Electron picks name@2x.png on high-density screens.
  writeFileSync(new URL(`tray-${state}.png`, assets), render(16, layers, 8));
  writeFileSync(new URL(`tray-${state}@2x.png`, assets), render(32, layers, 8));
}
