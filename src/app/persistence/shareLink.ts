import type { ColocationSettings } from '../../core/colocation/buildColocationRequest';
import { SHARING_DISTANCE_PRESETS } from '../../core/colocation/sharingDistancePresets';
import { MAX_TOWER_RADIUS_M } from '../../core/model/tower';
import type { ServerPlanDocument } from '../server/apiTypes';
import { normalizeProject, type ProjectDocument } from '../store/projectDocument';

/**
 * What a share link reopens: the project (layers, analysis settings), the map view and, when there is one, the
 * shared-site plan on screen as a server plan document (its sites as placed; the report prints them).
 */
export interface SharedView {
  project: ProjectDocument;
  view: { lon: number; lat: number; zoom: number } | null;
  plan?: ServerPlanDocument;
  /** The co-location settings of the figures on screen (the report prints them); absent in older links. */
  colocation?: ColocationSettings;
  /**
   * Whether the co-location figures were on screen (false: only the panel's settings; the report then leaves them out,
   * as it leaves out a plan the link does not carry). Absent in older links and in a report opened by address alone.
   */
  colocationShown?: boolean;
  /** The default radius the co-location opportunities on screen were computed with, m; absent in older links. */
  opportunitiesRadiusM?: number;
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
  return (
    PREFIX +
    toBase64Url(
      JSON.stringify({
        project: shared.project,
        view,
        plan: shared.plan,
        colocation: shared.colocation,
        colocationShown: shared.colocationShown,
        opportunitiesRadiusM: shared.opportunitiesRadiusM,
      }),
    )
  );
}

/** The shared view in a URL hash, or null when there is none or it cannot be read (a broken link opens the default). */
export function decodeShareHash(hash: string): SharedView | null {
  if (!hash.startsWith(PREFIX)) return null;
  try {
    const parsed = JSON.parse(fromBase64Url(hash.slice(PREFIX.length))) as {
      project?: unknown;
      view?: unknown;
      plan?: unknown;
      colocation?: unknown;
      colocationShown?: unknown;
      opportunitiesRadiusM?: unknown;
    };
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
    const plan = readPlanDocument(parsed.plan);
    const colocation = readColocationSettings(parsed.colocation);
    return {
      project,
      view: validView,
      ...(plan ? { plan } : {}),
      ...(colocation ? { colocation } : {}),
      ...(typeof parsed.colocationShown === 'boolean' ? { colocationShown: parsed.colocationShown } : {}),
      ...(typeof parsed.opportunitiesRadiusM === 'number' &&
      parsed.opportunitiesRadiusM > 0 &&
      parsed.opportunitiesRadiusM <= MAX_TOWER_RADIUS_M
        ? { opportunitiesRadiusM: parsed.opportunitiesRadiusM }
        : {}),
    };
  } catch {
    return null;
  }
}

/** A plan document from a link: its proposed sites with finite coordinates; null when there is none. */
function readPlanDocument(value: unknown): ServerPlanDocument | null {
  if (typeof value !== 'object' || value === null) return null;
  const document = value as Partial<ServerPlanDocument>;
  if (!Array.isArray(document.proposedSites) || document.proposedSites.length === 0) return null;
  const sites = document.proposedSites.filter(
    (site) =>
      typeof site === 'object' &&
      site !== null &&
      typeof site.id === 'string' &&
      Number.isFinite(site.lon) &&
      Number.isFinite(site.lat) &&
      Math.abs(site.lon) <= 180 &&
      Math.abs(site.lat) <= 90,
  );
  if (sites.length !== document.proposedSites.length) return null;
  return {
    layers: [],
    scenarios: Array.isArray(document.scenarios) ? document.scenarios : [],
    proposedSites: sites,
  };
}

/** Co-location settings from a link: a known preset, or 'custom' with a distance of 1 m to 10 km; else null. */
function readColocationSettings(value: unknown): ColocationSettings | null {
  if (typeof value !== 'object' || value === null) return null;
  const { preset, distanceM } = value as { preset?: unknown; distanceM?: unknown };
  if (typeof distanceM !== 'number' || !Number.isFinite(distanceM) || distanceM < 1 || distanceM > 10_000) return null;
  if (preset === 'custom' || (typeof preset === 'string' && Object.hasOwn(SHARING_DISTANCE_PRESETS, preset))) {
    return { preset: preset as ColocationSettings['preset'], distanceM };
  }
  return null;
}
