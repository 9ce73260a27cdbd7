import { createContext, useContext } from 'react';
import type { MapController } from './MapController';

/**
 * The map on screen, for the panels that move it (zoom to a mast, a province, a proposed site) or read its view (the
 * share link). `App` provides it; `MapView` creates the controller and hands it up. Null until the map exists and
 * after it is gone, so callers write `useMapController()?.fitPoints(...)`.
 */
export const MapControllerContext = createContext<MapController | null>(null);

export function useMapController(): MapController | null {
  return useContext(MapControllerContext);
}
