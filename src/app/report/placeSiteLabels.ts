/** An axis-aligned box on the canvas, pixels: left, top, width, height. */
export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SiteLabelRequest {
  /** The site's centre on the canvas, pixels. */
  x: number;
  y: number;
  /** The label's measured width and height, pixels. */
  width: number;
  height: number;
}

export interface PlacedSiteLabel {
  /** Where the label's box goes. */
  box: LabelBox;
  /** True when the label stands away from its site (the second ring): draw a leader line from the site to the box. */
  leader: boolean;
  /** True when no free place was found: the label overlaps another (drawn where it reads best: right of its site). */
  overlaps: boolean;
}

/**
 * Places the site labels of a printed map so that none covers another label or a site's dot: each label, in table
 * order (S1 first), takes the first free place among eight around its site (right, left, above, below, then the
 * corners), then eight twice as far away with a leader line; a label with no free place stays right of its site and
 * is marked. `dotRadiusPx`: the sites' dots, which labels keep clear of; `bounds`: the canvas, which labels stay inside.
 */
export function placeSiteLabels(
  sites: readonly SiteLabelRequest[],
  dotRadiusPx: number,
  bounds: { width: number; height: number },
): PlacedSiteLabel[] {
  const taken: LabelBox[] = sites.map((site) => ({
    x: site.x - dotRadiusPx,
    y: site.y - dotRadiusPx,
    width: 2 * dotRadiusPx,
    height: 2 * dotRadiusPx,
  }));
  const placed: PlacedSiteLabel[] = [];
  for (const site of sites) {
    const gap = dotRadiusPx * 0.6;
    let chosen: PlacedSiteLabel | null = null;
    for (const ring of [1, 2.5]) {
      for (const box of candidateBoxes(site, dotRadiusPx + gap * ring + (ring > 1 ? site.height : 0))) {
        if (!inside(box, bounds)) continue;
        // Every dot is an obstacle, its own too: the first ring's boxes are built just clear of it.
        if (taken.some((other) => overlaps(box, other))) continue;
        chosen = { box, leader: ring > 1, overlaps: false };
        break;
      }
      if (chosen) break;
    }
    chosen ??= {
      box: { x: site.x + dotRadiusPx + gap, y: site.y - site.height / 2, width: site.width, height: site.height },
      leader: false,
      overlaps: true,
    };
    placed.push(chosen);
    taken.push(chosen.box);
  }
  return placed;
}

/** The eight boxes around a site at `distance` from its centre: right, left, above, below, then the corners. */
function candidateBoxes(site: SiteLabelRequest, distance: number): LabelBox[] {
  const { x, y, width, height } = site;
  const diagonal = distance * Math.SQRT1_2;
  return [
    { x: x + distance, y: y - height / 2, width, height },
    { x: x - distance - width, y: y - height / 2, width, height },
    { x: x - width / 2, y: y - distance - height, width, height },
    { x: x - width / 2, y: y + distance, width, height },
    { x: x + diagonal, y: y - diagonal - height, width, height },
    { x: x + diagonal, y: y + diagonal, width, height },
    { x: x - diagonal - width, y: y - diagonal - height, width, height },
    { x: x - diagonal - width, y: y + diagonal, width, height },
  ];
}

function overlaps(a: LabelBox, b: LabelBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function inside(box: LabelBox, bounds: { width: number; height: number }): boolean {
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= bounds.width && box.y + box.height <= bounds.height;
}
