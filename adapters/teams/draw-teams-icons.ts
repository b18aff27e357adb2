import { encodePng, type Rgba } from "./encode-png.ts";

export const ACCENT_COLOR = "#4F46E5";

const ACCENT: Rgba = [0x4f, 0x46, 0xe5, 255];
const FOLD: Rgba = [0xc7, 0xd2, 0xfe, 255];
const WHITE: Rgba = [255, 255, 255, 255];
/** Samples per pixel side: edges are anti-aliased by averaging 4×4 points. */
const SAMPLES = 4;

type Shape = (x: number, y: number) => boolean;

const rect =
  (left: number, top: number, right: number, bottom: number): Shape =>
  (x, y) =>
    x >= left && x < right && y >= top && y < bottom;

/**
 * The full-colour icon, 192×192 as Teams requires: a white page with a folded corner and three lines of
 * text on the accent colour (Teams rounds the corners itself).
 */
export function drawColorIcon(): Buffer {
  const page = rect(56, 32, 136, 160);
  const corner = (x: number, y: number) => x >= 108 && y < 60 && x - 108 > y - 32; // cut off above the fold's diagonal
  const fold = (x: number, y: number) => x >= 108 && x < 136 && y >= 32 && y < 60 && x - 108 <= y - 32;
  const lines = [rect(72, 76, 120, 86), rect(72, 98, 120, 108), rect(72, 120, 104, 130)];
  return encodePng(192, 192, (px, py) =>
    supersample(px, py, (x, y) => {
      if (!page(x, y) || corner(x, y)) return ACCENT;
      if (fold(x, y)) return FOLD;
      return lines.some((line) => line(x, y)) ? ACCENT : WHITE;
    }),
  );
}

/**
 * The outline icon, 32×32 as Teams requires: the same page drawn in white on a transparent background
 * (Teams tints it; any other colour is rejected at upload).
 */
export function drawOutlineIcon(): Buffer {
  const outer = rect(7, 3, 25, 29);
  const inner = rect(9, 5, 23, 27);
  const lines = [rect(11, 10, 21, 12), rect(11, 15, 21, 17), rect(11, 20, 18, 22)];
  const drawn: Shape = (x, y) => (outer(x, y) && !inner(x, y)) || lines.some((line) => line(x, y));
  return encodePng(32, 32, (px, py) => {
    let hits = 0;
    forEachSample(px, py, (x, y) => {
      if (drawn(x, y)) hits++;
    });
    return [255, 255, 255, Math.round((255 * hits) / SAMPLES ** 2)];
  });
}

function supersample(px: number, py: number, color: (x: number, y: number) => Rgba): Rgba {
  const sum = [0, 0, 0, 0];
  forEachSample(px, py, (x, y) => {
    for (const [i, value] of color(x, y).entries()) sum[i]! += value;
  });
  return sum.map((value) => Math.round(value / SAMPLES ** 2)) as Rgba;
}

function forEachSample(px: number, py: number, visit: (x: number, y: number) => void): void {
  for (let i = 0; i < SAMPLES; i++) for (let j = 0; j < SAMPLES; j++) visit(px + (i + 0.5) / SAMPLES, py + (j + 0.5) / SAMPLES);
}
