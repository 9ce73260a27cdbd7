import type { LinkProfilePoints } from '../../core/terrain/computeLinkProfile';
import { niceTicks } from './niceTicks';

/** The chart's size and the margins that hold its axis labels, in SVG user units. */
export interface ChartBox {
  width: number;
  height: number;
  marginLeft: number;
  marginRight: number;
  marginTop: number;
  marginBottom: number;
}

export const LINK_CHART_BOX: ChartBox = {
  width: 330,
  height: 240,
  marginLeft: 44,
  marginRight: 10,
  marginTop: 10,
  marginBottom: 34,
};

/** The geometry of a link profile chart: SVG paths in user units, ticks and the scales that placed them. */
export interface LinkProfileChart {
  /** The plot area: left, top, right, bottom. */
  plot: { left: number; top: number; right: number; bottom: number };
  /** Distance, km → x. */
  x(distanceKm: number): number;
  /** Height above sea level, m → y. */
  y(heightM: number): number;
  xTicks: Array<{ value: number; x: number }>;
  yTicks: Array<{ value: number; y: number }>;
  /** The ground raised by the Earth bulge, closed down to the plot's bottom (filled). */
  terrainPath: string;
  /** The Earth bulge alone: sea level on the effective Earth, as seen from the chord between the ends. */
  earthPath: string;
  /** The straight line between the antennas. */
  lineOfSightPath: string;
  /** Line of sight ± F1, closed (the band between the two). */
  fresnelBandPath: string;
  fresnelUpperPath: string;
  fresnelLowerPath: string;
  /** Line of sight − 0.6·F1: the ground (with the bulge) should stay under it. */
  sixtyPercentPath: string;
}

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * Lays out a link profile (computeLinkProfile's points) on a chart: x from 0 to the link's length, y over every
 * height drawn (ground + bulge, the bulge, the line of sight ± F1) rounded out to a round step. One SVG vertex per
 * profile point: a 50 km link over 1″ data is some 1,700 points, light enough for the page.
 */
export function linkProfileChart(points: LinkProfilePoints, box: ChartBox = LINK_CHART_BOX): LinkProfileChart {
  const count = points.distanceKm.length;
  const lengthKm = count > 0 ? points.distanceKm[count - 1] : 0;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const terrain = points.groundM[i] + points.earthBulgeM[i];
    const lineOfSight = points.lineOfSightM[i];
    const fresnel = points.fresnelRadiusM[i];
    low = Math.min(low, terrain, points.earthBulgeM[i], lineOfSight - fresnel);
    high = Math.max(high, terrain, lineOfSight + fresnel);
  }
  if (count === 0) [low, high] = [0, 1];
  const yAxis = niceTicks(low, high, 5);
  const xAxis = niceTicks(0, lengthKm > 0 ? lengthKm : 1, 5);
  const plot = {
    left: box.marginLeft,
    top: box.marginTop,
    right: box.width - box.marginRight,
    bottom: box.height - box.marginBottom,
  };
  const xSpanKm = lengthKm > 0 ? lengthKm : 1;
  const x = (distanceKm: number) => plot.left + (distanceKm / xSpanKm) * (plot.right - plot.left);
  const y = (heightM: number) =>
    plot.bottom - ((heightM - yAxis.min) / (yAxis.max - yAxis.min)) * (plot.bottom - plot.top);

  const line = (heightAt: (i: number) => number, from = 0, to = count - 1, step = 1) => {
    const parts: string[] = [];
    for (let i = from; step > 0 ? i <= to : i >= to; i += step) {
      parts.push(`${round(x(points.distanceKm[i]))},${round(y(heightAt(i)))}`);
    }
    return parts.join('L');
  };
  const terrainAt = (i: number) => points.groundM[i] + points.earthBulgeM[i];
  const upperAt = (i: number) => points.lineOfSightM[i] + points.fresnelRadiusM[i];
  const lowerAt = (i: number) => points.lineOfSightM[i] - points.fresnelRadiusM[i];
  const bottom = round(plot.bottom);
  const empty = count === 0;
  return {
    plot,
    x,
    y,
    xTicks: xAxis.values.filter((value) => value <= xSpanKm + 1e-9).map((value) => ({ value, x: round(x(value)) })),
    yTicks: yAxis.values.map((value) => ({ value, y: round(y(value)) })),
    terrainPath: empty
      ? ''
      : `M${round(x(points.distanceKm[0]))},${bottom}L${line(terrainAt)}L${round(x(lengthKm))},${bottom}Z`,
    earthPath: empty ? '' : `M${line((i) => points.earthBulgeM[i])}`,
    lineOfSightPath: empty ? '' : `M${line((i) => points.lineOfSightM[i])}`,
    fresnelBandPath: empty ? '' : `M${line(upperAt)}L${line(lowerAt, count - 1, 0, -1)}Z`,
    fresnelUpperPath: empty ? '' : `M${line(upperAt)}`,
    fresnelLowerPath: empty ? '' : `M${line(lowerAt)}`,
    sixtyPercentPath: empty ? '' : `M${line((i) => points.lineOfSightM[i] - 0.6 * points.fresnelRadiusM[i])}`,
  };
}
