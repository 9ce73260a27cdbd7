import { useMemo } from 'react';
import type { LinkProfile } from '../../core/terrain/computeLinkProfile';
import { formatNumber } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { useAppStore } from '../store/appStore';
import { LINK_CHART_BOX, linkProfileChart } from './linkProfileChart';

const COLOURS = {
  terrain: '#c9ab7c',
  terrainEdge: '#8b6b3e',
  earth: '#6b7f3a',
  lineOfSight: '#c81e1e',
  fresnel: '#1d6fd1',
  grid: '#e4e2dd',
} as const;

/** Decimals that show a tick's value exactly (0.5 km → 1, 0.25 → 2). */
const tickDecimals = (value: number) => (Number.isInteger(value) ? 0 : Number.isInteger(value * 10) ? 1 : 2);

/**
 * The link's profile as an SVG chart: distance (km) across, height above sea level (m) up; the ground raised by the
 * Earth bulge (filled), the bulge itself, the line of sight between the antennas, the first Fresnel zone around it
 * (a band edged with dashes), 60 % of F1 (dotted) and the point of least clearance.
 */
export function LinkProfileChart({ profile }: { profile: LinkProfile }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const chart = useMemo(() => linkProfileChart(profile.points), [profile]);
  const { plot, x, y } = chart;
  const { points } = profile;
  const last = points.distanceKm.length - 1;
  const minIndex = profile.minClearanceIndex;
  const label = { fontSize: 10, fill: '#3b3e43' };
  return (
    <figure className="link-chart">
      <svg
        viewBox={`0 0 ${LINK_CHART_BOX.width} ${LINK_CHART_BOX.height}`}
        role="img"
        aria-label={t('chartTitle')}
        data-testid="link-profile-chart"
      >
        <title>{t('chartTitle')}</title>
        {chart.yTicks.map((tick) => (
          <g key={`y${tick.value}`}>
            <line x1={plot.left} x2={plot.right} y1={tick.y} y2={tick.y} stroke={COLOURS.grid} />
            <text x={plot.left - 4} y={tick.y + 3} textAnchor="end" {...label}>
              {formatNumber(language, tick.value, tickDecimals(tick.value))}
            </text>
          </g>
        ))}
        {chart.xTicks.map((tick) => (
          <g key={`x${tick.value}`}>
            <line x1={tick.x} x2={tick.x} y1={plot.top} y2={plot.bottom} stroke={COLOURS.grid} />
            <text x={tick.x} y={plot.bottom + 12} textAnchor="middle" {...label}>
              {formatNumber(language, tick.value, tickDecimals(tick.value))}
            </text>
          </g>
        ))}
        <path d={chart.fresnelBandPath} fill={COLOURS.fresnel} fillOpacity={0.12} stroke="none" />
        <path d={chart.terrainPath} fill={COLOURS.terrain} stroke={COLOURS.terrainEdge} strokeWidth={0.8} />
        <path d={chart.earthPath} fill="none" stroke={COLOURS.earth} strokeWidth={1} strokeDasharray="3 2" />
        <path d={chart.fresnelUpperPath} fill="none" stroke={COLOURS.fresnel} strokeWidth={1} strokeDasharray="4 3" />
        <path d={chart.fresnelLowerPath} fill="none" stroke={COLOURS.fresnel} strokeWidth={1} strokeDasharray="4 3" />
        <path d={chart.sixtyPercentPath} fill="none" stroke={COLOURS.fresnel} strokeWidth={1} strokeDasharray="1 2" />
        <path d={chart.lineOfSightPath} fill="none" stroke={COLOURS.lineOfSight} strokeWidth={1.5} />
        {last > 0 && (
          <>
            <line
              x1={x(0)}
              x2={x(0)}
              y1={y(points.groundM[0])}
              y2={y(profile.txHeightAmslM)}
              stroke="#222"
              strokeWidth={2}
            />
            <line
              x1={x(points.distanceKm[last])}
              x2={x(points.distanceKm[last])}
              y1={y(points.groundM[last])}
              y2={y(profile.rxHeightAmslM)}
              stroke="#222"
              strokeWidth={2}
            />
          </>
        )}
        {minIndex !== null && (
          <circle
            cx={x(points.distanceKm[minIndex])}
            cy={y(points.groundM[minIndex] + points.earthBulgeM[minIndex])}
            r={3}
            fill={profile.clearsSixtyPercentF1 ? '#008c46' : '#c81e1e'}
            stroke="#fff"
            data-testid="link-min-clearance-marker"
          />
        )}
        <rect
          x={plot.left}
          y={plot.top}
          width={plot.right - plot.left}
          height={plot.bottom - plot.top}
          fill="none"
          stroke="#8a8d93"
        />
        <text x={(plot.left + plot.right) / 2} y={LINK_CHART_BOX.height - 6} textAnchor="middle" {...label}>
          {t('chartDistanceKm')}
        </text>
        <text
          x={10}
          y={(plot.top + plot.bottom) / 2}
          textAnchor="middle"
          transform={`rotate(-90 10 ${(plot.top + plot.bottom) / 2})`}
          {...label}
        >
          {t('chartHeightM')}
        </text>
      </svg>
      <figcaption className="legend-line">
        <span className="swatch" style={{ background: COLOURS.terrain }} /> {t('chartTerrain')}{' '}
        <span className="swatch dashed" style={{ borderTopColor: COLOURS.earth }} /> {t('chartEarth')}
        <br />
        <span className="swatch line" style={{ background: COLOURS.lineOfSight }} /> {t('chartLineOfSight')}{' '}
        <span className="swatch dashed" style={{ borderTopColor: COLOURS.fresnel }} /> {t('chartFresnel')}{' '}
        <span className="swatch dashed" style={{ borderTopColor: COLOURS.fresnel, borderTopStyle: 'dotted' }} />{' '}
        {t('chartSixty')}
      </figcaption>
    </figure>
  );
}
