import type { ReadinessKpi } from '../../core/readiness/readinessTypes';

/** Viridis-like sequential ramp (colour-blind safe), low to high. */
export const CHOROPLETH_RAMP: Array<[number, number, number]> = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];
export const NO_VALUE_RGB: [number, number, number] = [200, 200, 200];

/** The value range each KPI is coloured over (shares 0..1, tenancy ratio 1..2). */
export function kpiDomain(kpi: ReadinessKpi): [number, number] {
  return kpi === 'tenancy_ratio' ? [1, 2] : [0, 1];
}

export function choroplethColour(kpi: ReadinessKpi, value: number | null): [number, number, number] {
  if (value === null || !Number.isFinite(value)) return NO_VALUE_RGB;
  const [low, high] = kpiDomain(kpi);
  const t = Math.min(1, Math.max(0, (value - low) / (high - low)));
  const position = t * (CHOROPLETH_RAMP.length - 1);
  const index = Math.min(CHOROPLETH_RAMP.length - 2, Math.floor(position));
  const f = position - index;
  const a = CHOROPLETH_RAMP[index];
  const b = CHOROPLETH_RAMP[index + 1];
  return [0, 1, 2].map((k) => Math.round(a[k] + (b[k] - a[k]) * f)) as [number, number, number];
}
