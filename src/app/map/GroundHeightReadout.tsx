import { useEffect, useState } from 'react';
import { type ElevationHit, sampleElevation } from '../../core/terrain/sampleElevation';
import type { ProvinceTerrain } from '../data/provinceTerrain';
import { formatNumber, type Language, translate } from '../i18n/strings';
import { useAppStore } from '../store/appStore';
import type { MapController } from './MapController';

/** The readout's text for a point: "Ground height: 412 m" and the DEM that gave it, or "—" outside every DEM. */
export function describeGroundHeight(
  terrain: ProvinceTerrain,
  lon: number,
  lat: number,
  language: Language,
): { text: string; source: string | null } {
  const hit: ElevationHit = { layerIndex: -1 };
  const heightM = sampleElevation(terrain.mosaic, lon, lat, hit);
  const label = translate(language, 'groundHeight');
  if (Number.isNaN(heightM)) return { text: `${label}: —`, source: null };
  const source = terrain.mosaic.layers[hit.layerIndex]?.raster.name ?? null;
  // + 0 turns -0 (a rounded -0.3 m) into 0: no "-0 m".
  return { text: `${label}: ${formatNumber(language, Math.round(heightM) + 0)} m`, source };
}

/**
 * The ground height under the pointer, sampled on the page from the terrain's mosaic (bilinear between four samples:
 * microseconds, so no worker round trip). Its own component, so a pointer move re-renders only this line.
 */
export function GroundHeightReadout({ controller, terrain }: { controller: MapController; terrain: ProvinceTerrain }) {
  const language = useAppStore((state) => state.language);
  const [point, setPoint] = useState<[number, number] | null>(null);
  useEffect(() => {
    const map = controller.map;
    const move = (event: { lngLat: { lng: number; lat: number } }) => setPoint([event.lngLat.lng, event.lngLat.lat]);
    const out = () => setPoint(null);
    map.on('mousemove', move);
    map.on('mouseout', out);
    return () => {
      map.off('mousemove', move);
      map.off('mouseout', out);
    };
  }, [controller]);
  if (!point) return null;
  const { text, source } = describeGroundHeight(terrain, point[0], point[1], language);
  return (
    <div className="map-readout" data-testid="ground-height" data-lon={point[0]} data-lat={point[1]}>
      <span data-testid="ground-height-value">{text}</span>
      {source && <small data-testid="ground-height-source"> · {source}</small>}
    </div>
  );
}
