import type { Feature, LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { EARTH_MEAN_RADIUS_M } from '../../core/geo/haversineDistanceM';
import { operatorColorRgb, SHARED_MAST_COLOR_RGB } from '../../core/model/operators';
import { isSharedMastAt } from '../../core/model/towerArrays';
import type { ProvinceDataset } from '../data/provinceDataset';
import { GAP_COLOUR_RGB, POPULATION_LEGEND } from '../map/rasterImages';
import type { ProjectDocument } from '../store/projectDocument';
import { placeSiteLabels } from './placeSiteLabels';

/**
 * The report's map, drawn on a 2D canvas at print resolution (300 dpi) in Web Mercator, north up. Drawing it directly
 * (instead of screenshotting the WebGL map) makes the image exact at any size and the scale bar computable.
 */
/** Coverage to draw: a grid (the population raster, or a signal run's analysis grid with its population) and bits. */
export interface ReportMapCoverage {
  grid: {
    width: number;
    height: number;
    originLon: number;
    originLat: number;
    cellSizeLonDeg: number;
    cellSizeLatDeg: number;
    /** People per cell; NaN (or `nodata`) where the grid holds no data. */
    values: ArrayLike<number>;
    nodata: number | null;
  };
  /** Non-zero where some operator covers the cell. */
  coveredBits: Uint8Array;
  /**
   * The colours the app's map draws, RGBA per cell (a propagation run's signal bins, signalImagePixels): when given,
   * the cells are drawn in these instead of covered/gap, so the printed map is the one on screen.
   */
  pixels?: Uint8ClampedArray;
}

export interface ReportMapRequest {
  dataset: ProvinceDataset;
  layers: ProjectDocument['layers'];
  coverage: ReportMapCoverage | null;
  /** Proposed sites, drawn as labelled squares. */
  sites?: ReadonlyArray<{ lon: number; lat: number; label: string }>;
  /** Pixels per millimetre of the printed page: the sites' labels are then 8 pt on paper, whatever the paper size. */
  dotsPerMm?: number;
  /** [west, south, east, north], degrees. */
  bounds: [number, number, number, number];
  widthPx: number;
  heightPx: number;
}

export interface ReportMapResult {
  canvas: HTMLCanvasElement;
  /** Metres on the ground per canvas pixel at the map's centre latitude. */
  metresPerPixel: number;
  /** Labels of sites with no free place for their label at this scale (drawn over another), in table order. */
  overlappingLabels: string[];
}

const DEG = Math.PI / 180;
/** The rim of a proposed site, as on the app's map (proposedSiteLayers). */
export const PROPOSED_SITE_RIM_RGB = [86, 180, 233] as const;
const mercatorY = (latDeg: number) => Math.log(Math.tan(Math.PI / 4 + (latDeg * DEG) / 2));
const rgb = (colour: readonly number[], alpha = 1) => `rgba(${colour[0]},${colour[1]},${colour[2]},${alpha})`;

export function renderReportMap(request: ReportMapRequest): ReportMapResult {
  const { dataset, layers, coverage, widthPx, heightPx } = request;
  // Widen the bounds to the canvas's aspect ratio so the map is not stretched.
  let [west, south, east, north] = request.bounds;
  const spanX = (east - west) * DEG;
  const spanY = mercatorY(north) - mercatorY(south);
  if (spanX / spanY > widthPx / heightPx) {
    const extra = (spanX * (heightPx / widthPx) - spanY) / 2;
    const yMid = (mercatorY(north) + mercatorY(south)) / 2;
    const half = spanY / 2 + extra;
    north = (2 * Math.atan(Math.exp(yMid + half)) - Math.PI / 2) / DEG;
    south = (2 * Math.atan(Math.exp(yMid - half)) - Math.PI / 2) / DEG;
  } else {
    const extraDeg = ((spanY * (widthPx / heightPx)) / DEG - (east - west)) / 2;
    west -= extraDeg;
    east += extraDeg;
  }
  const yNorth = mercatorY(north);
  const yScale = heightPx / (yNorth - mercatorY(south));
  const x = (lon: number) => ((lon - west) / (east - west)) * widthPx;
  const y = (lat: number) => (yNorth - mercatorY(lat)) * yScale;

  const canvas = document.createElement('canvas');
  canvas.width = widthPx;
  canvas.height = heightPx;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('2D canvas unavailable');
  const scale = widthPx / 1000; // line widths and symbol sizes grow with the print size

  context.fillStyle = '#d4e6f1';
  context.fillRect(0, 0, widthPx, heightPx);

  const tracePolygons = (feature: Feature<Polygon | MultiPolygon>) => {
    const polygons =
      feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    for (const polygon of polygons) {
      for (const ring of polygon) {
        ring.forEach((point: Position, i: number) => {
          if (i === 0) context.moveTo(x(point[0]), y(point[1]));
          else context.lineTo(x(point[0]), y(point[1]));
        });
        context.closePath();
      }
    }
  };
  context.fillStyle = '#f3f0e8';
  context.strokeStyle = '#a59f92';
  context.lineWidth = 1 * scale;
  for (const feature of dataset.provinces.features) {
    context.beginPath();
    tracePolygons(feature);
    context.fill('evenodd');
    context.stroke();
  }
  context.fillStyle = '#fbfaf6';
  for (const feature of dataset.province.features) {
    context.beginPath();
    tracePolygons(feature);
    context.fill('evenodd');
  }

  // Cells drawn as runs of one colour along each row: exact at any cell size, and few rectangles for a 100 m grid.
  const showCoverage = layers.coverage && coverage !== null;
  const grid = showCoverage ? coverage.grid : { ...dataset.population, nodata: dataset.population.nodata };
  const pixels = showCoverage ? (coverage.pixels ?? null) : null;
  const pixelFills = new Map<number, string>();
  const pixelFill = (i: number): string | null => {
    const alpha = pixels ? pixels[4 * i + 3] : 0;
    if (!pixels || alpha === 0) return null;
    const key = (pixels[4 * i] << 24) | (pixels[4 * i + 1] << 16) | (pixels[4 * i + 2] << 8) | alpha;
    let fill = pixelFills.get(key);
    if (fill === undefined) {
      fill = `rgba(${pixels[4 * i]},${pixels[4 * i + 1]},${pixels[4 * i + 2]},${(alpha / 255).toFixed(3)})`;
      pixelFills.set(key, fill);
    }
    return fill;
  };
  const cellFill = (i: number): string | null => {
    if (pixels) return pixelFill(i);
    const value = grid.values[i];
    if (Number.isNaN(value) || value === grid.nodata || value < 1) return null;
    if (showCoverage) return coverage.coveredBits[i] !== 0 ? 'rgba(0,140,70,0.45)' : rgb(GAP_COLOUR_RGB, 0.75);
    if (!layers.population) return null;
    let colour = POPULATION_LEGEND[0][1];
    for (const [threshold, ramp] of POPULATION_LEGEND) if (value >= threshold) colour = ramp;
    return rgb(colour, 0.7);
  };
  for (let row = 0; row < grid.height; row++) {
    const top = y(grid.originLat - row * grid.cellSizeLatDeg);
    const bottom = y(grid.originLat - (row + 1) * grid.cellSizeLatDeg);
    let runStart = 0;
    let runFill = cellFill(row * grid.width);
    for (let col = 1; col <= grid.width; col++) {
      const fill = col < grid.width ? cellFill(row * grid.width + col) : null;
      if (col < grid.width && fill === runFill) continue;
      if (runFill !== null) {
        const left = x(grid.originLon + runStart * grid.cellSizeLonDeg);
        const right = x(grid.originLon + col * grid.cellSizeLonDeg);
        context.fillStyle = runFill;
        context.fillRect(left, top, right - left + 0.5, bottom - top + 0.5);
      }
      runStart = col;
      runFill = fill;
    }
  }

  if (layers.backbone) {
    for (const feature of dataset.backbone.features as Feature<LineString | MultiLineString>[]) {
      const isRail = feature.properties?.kind === 'rail';
      context.strokeStyle = isRail ? '#222' : '#6a3d9a';
      context.lineWidth = (isRail ? 1.5 : 2.2) * scale;
      context.setLineDash(isRail ? [6 * scale, 4 * scale] : []);
      const lines =
        feature.geometry.type === 'LineString' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
      context.beginPath();
      for (const line of lines) {
        line.forEach((point, i) => {
          if (i === 0) context.moveTo(x(point[0]), y(point[1]));
          else context.lineTo(x(point[0]), y(point[1]));
        });
      }
      context.stroke();
    }
    context.setLineDash([]);
  }

  context.strokeStyle = '#3b3a36';
  context.lineWidth = 2 * scale;
  for (const feature of dataset.province.features) {
    context.beginPath();
    tracePolygons(feature);
    context.stroke();
  }

  if (layers.towers) {
    const { count, lon, lat, ownerIndex, operatorNames } = dataset.towerArrays;
    const colours = operatorNames.map((name) => rgb(operatorColorRgb(name)));
    const radius = 3.2 * scale;
    context.lineWidth = 0.8 * scale;
    context.strokeStyle = '#fff';
    for (const pass of [false, true]) {
      for (let i = 0; i < count; i++) {
        const shared = isSharedMastAt(dataset.towerArrays, i);
        if (shared !== pass) continue;
        context.fillStyle = shared ? rgb(SHARED_MAST_COLOR_RGB) : colours[ownerIndex[i]];
        context.beginPath();
        context.arc(x(lon[i]), y(lat[i]), shared ? radius * 1.3 : radius, 0, 2 * Math.PI);
        context.fill();
        context.stroke();
      }
    }
  }

  // The proposed sites on top, as the map draws them (black, sky-blue rim), each labelled with its rank in the table;
  // the labels placed where they cover no other label nor site (placeSiteLabels), with a leader line when set apart.
  let overlappingLabels: string[] = [];
  if (request.sites && request.sites.length > 0) {
    const half = 5 * scale;
    // Named as the table names them, 8 pt (2.8 mm) on paper when the page's resolution is known.
    const labelPx = request.dotsPerMm ? (8 / 72) * 25.4 * request.dotsPerMm : 11 * scale;
    context.font = `bold ${Math.round(labelPx)}px "Noto Sans", sans-serif`;
    context.textBaseline = 'middle';
    const points = request.sites.map((site) => ({ x: x(site.lon), y: y(site.lat) }));
    for (const { x: sx, y: sy } of points) {
      context.fillStyle = '#000';
      context.strokeStyle = rgb(PROPOSED_SITE_RIM_RGB);
      context.lineWidth = 2 * scale;
      context.beginPath();
      context.arc(sx, sy, half, 0, 2 * Math.PI);
      context.fill();
      context.stroke();
    }
    const labels = placeSiteLabels(
      request.sites.map((site, i) => ({
        ...points[i],
        width: context.measureText(site.label).width + 2 * scale,
        height: labelPx,
      })),
      half + scale,
      { width: widthPx, height: heightPx },
    );
    labels.forEach((label, i) => {
      const text = request.sites?.[i].label ?? '';
      const { box } = label;
      if (label.leader) {
        // From the dot's rim to the nearest side of the label's box.
        const tx = Math.min(Math.max(points[i].x, box.x), box.x + box.width);
        const ty = Math.min(Math.max(points[i].y, box.y), box.y + box.height);
        const length = Math.hypot(tx - points[i].x, ty - points[i].y);
        context.strokeStyle = '#1a1a1a';
        context.lineWidth = scale;
        context.beginPath();
        context.moveTo(
          points[i].x + ((tx - points[i].x) * half) / length,
          points[i].y + ((ty - points[i].y) * half) / length,
        );
        context.lineTo(tx, ty);
        context.stroke();
      }
      context.strokeStyle = '#fff';
      context.lineWidth = 3 * scale;
      context.strokeText(text, box.x + scale, box.y + box.height / 2);
      context.fillStyle = '#1a1a1a';
      context.fillText(text, box.x + scale, box.y + box.height / 2);
    });
    overlappingLabels = labels.flatMap((label, i) => (label.overlaps ? [request.sites?.[i].label ?? ''] : []));
  }

  const centreLat = (north + south) / 2;
  const metresPerPixel = ((east - west) * DEG * EARTH_MEAN_RADIUS_M * Math.cos(centreLat * DEG)) / widthPx;
  return { canvas, metresPerPixel, overlappingLabels };
}

/** A round scale-bar length (1, 2 or 5 x 10^n metres) close to `targetPx` pixels. */
export function scaleBarLength(metresPerPixel: number, targetPx: number): { metres: number; pixels: number } {
  const target = metresPerPixel * targetPx;
  const power = 10 ** Math.floor(Math.log10(target));
  const metres = [5, 2, 1].map((step) => step * power).find((length) => length <= target) ?? power;
  return { metres, pixels: metres / metresPerPixel };
}
