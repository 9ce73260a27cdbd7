import { normalizeProject, type ProjectDocument } from '../store/projectDocument';

/** What a share link reopens: the project (layers, analysis settings) and the map view. */
export interface SharedView {
  project: ProjectDocument;
  view: { lon: number; lat: number; zoom: number } | null;
}

const PREFIX = '#s=';

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(encoded: string): string {
  const base64 = encoded.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

export function encodeShareHash(shared: SharedView): string {
  const view = shared.view && {
    lon: Number(shared.view.lon.toFixed(5)),
    lat: Number(shared.view.lat.toFixed(5)),
    zoom: Number(shared.view.zoom.toFixed(2)),
  };
  return PREFIX + toBase64Url(JSON.stringify({ project: shared.project, view }));
}

/** The shared view in a URL hash, or null when there is none or it cannot be read (a broken link opens the default). */
export function decodeShareHash(hash: string): SharedView | null {
  if (!hash.startsWith(PREFIX)) return null;
  try {
    const parsed = JSON.parse(fromBase64Url(hash.slice(PREFIX.length))) as { project?: unknown; view?: unknown };
    const project = normalizeProject(parsed.project);
    const view = parsed.view as SharedView['view'];
    const validView =
      view &&
      Number.isFinite(view.lon) &&
      Number.isFinite(view.lat) &&
      Number.isFinite(view.zoom) &&
      Math.abs(view.lat) <= 85 &&
      Math.abs(view.lon) <= 180
        ? { lon: view.lon, lat: view.lat, zoom: Math.min(Math.max(view.zoom, 0), 20) }
        : null;
    return { project, view: validView };
  } catch {
    return null;
  }
}
