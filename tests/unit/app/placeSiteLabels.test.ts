import { describe, expect, it } from 'vitest';
import { type LabelBox, placeSiteLabels } from '../../../src/app/report/placeSiteLabels';

const overlaps = (a: LabelBox, b: LabelBox) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const dot = (x: number, y: number, r: number): LabelBox => ({ x: x - r, y: y - r, width: 2 * r, height: 2 * r });

describe('placeSiteLabels', () => {
  it('puts a lone label right of its site, clear of the dot', () => {
    const [label] = placeSiteLabels([{ x: 100, y: 100, width: 20, height: 10 }], 5, { width: 400, height: 400 });
    // Right of the dot: 5 px radius and a 3 px gap (0.6 of the radius), centred on the site's row.
    expect(label).toEqual({ box: { x: 108, y: 95, width: 20, height: 10 }, leader: false, overlaps: false });
  });

  it('keeps every label of a dense cluster off the other labels and dots, in table order', () => {
    // 16 sites 12 px apart on a 4 x 4 grid (a city core at province scale), labels 24 x 12 px.
    const sites = Array.from({ length: 16 }, (_, i) => ({
      x: 200 + (i % 4) * 12,
      y: 200 + Math.floor(i / 4) * 12,
      width: 24,
      height: 12,
    }));
    const placed = placeSiteLabels(sites, 5, { width: 600, height: 600 });
    const free = placed.filter((label) => !label.overlaps);
    // Checked by brute force over every pair: no placed label covers another label or any site's dot.
    for (const [i, a] of placed.entries()) {
      if (a.overlaps) continue;
      for (const [j, b] of placed.entries()) if (i !== j && !b.overlaps) expect(overlaps(a.box, b.box)).toBe(false);
      for (const site of sites) expect(overlaps(a.box, dot(site.x, site.y, 5))).toBe(false);
    }
    // The outer sites find room next to their dots; the inner ones farther out, with leader lines.
    expect(placed[0].leader).toBe(false);
    expect(placed.some((label) => label.leader)).toBe(true);
    expect(free.length).toBeGreaterThanOrEqual(12);
  });

  it('marks a label with no free place, and keeps labels inside the canvas', () => {
    // A canvas just big enough for the dots: no room for any label.
    const placed = placeSiteLabels(
      [
        { x: 6, y: 6, width: 30, height: 12 },
        { x: 18, y: 6, width: 30, height: 12 },
      ],
      5,
      { width: 24, height: 12 },
    );
    expect(placed.map((label) => label.overlaps)).toEqual([true, true]);
    const inCanvas = placeSiteLabels([{ x: 390, y: 200, width: 30, height: 10 }], 5, { width: 400, height: 400 });
    // No room on the right at the canvas's edge: on the left instead.
    expect(inCanvas[0].box.x + inCanvas[0].box.width).toBeLessThanOrEqual(390 - 5);
    expect(inCanvas[0].overlaps).toBe(false);
  });
});
