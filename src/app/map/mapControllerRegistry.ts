import type { MapController } from './MapController';

/** The one map on screen, for actions outside React's tree (share links, reports). */
let current: MapController | null = null;

export function setMapController(controller: MapController | null): void {
  current = controller;
}

export function getMapController(): MapController | null {
  return current;
}
