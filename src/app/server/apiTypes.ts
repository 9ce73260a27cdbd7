/**
 * What the CoSite server answers (see src/server/README.md); only the fields the app reads. The server's own types are
 * imported as types (its API type files; see ARCHITECTURE.md), not written again here.
 */
import type { publicUser, Role } from '../../server/auth/sessionUser';
import type { RequestAction, RequestState } from '../../server/domain/colocationRequestStateMachine';

export type { RequestState, Role };

/** The signed-in account as `GET /api/session` answers it. */
export type SessionUser = ReturnType<typeof publicUser>;

/** The actions a person can take on a request (the server's own `lapse` is not one). */
export type RequestActionName = Exclude<RequestAction, 'lapse'>;

export interface ColocationRequest {
  id: string;
  provinceId: string;
  operator: string;
  target: RequestTarget;
  equipment: string;
  antennaHeightM: number;
  band: string;
  windLoadAreaM2: number | null;
  weightKg: number | null;
  state: RequestState;
  decisionReason: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  approvalExpiresAt: string | null;
  updatedAt: string;
  version: number;
  actions: RequestActionName[];
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: { id?: number | string; username?: string; role?: string } | string | null;
  provinceId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  oldValue: unknown;
  newValue: unknown;
}

export type RequestTarget = { kind: 'mast'; mastId: string } | { kind: 'proposedSite'; planId: string; siteId: string };

/** A proposed shared site as the server stores it in a plan (src/server/domain/planDocument.ts). */
export interface ServerProposedSite {
  id: string;
  name?: string;
  lon: number;
  lat: number;
  heightM: number;
  mastType: string | null;
  tenantSlots: number | null;
  tenants: string[];
  note?: string;
  /** The existing mast the site is (operators join it), when it is one. */
  mastId?: string | null;
  /** People the site newly covers in the plan and the operators it serves (the note, in the reader's language). */
  newlyCoveredPeople?: number;
  forOperators?: string[];
}

export interface ServerPlanDocument {
  layers: Array<{ id: string; name: string; kind: string; visible?: boolean; data?: unknown }>;
  scenarios: Array<{ id: string; name: string; parameters: Record<string, unknown> }>;
  proposedSites: ServerProposedSite[];
}

/** A plan's summary as the server answers it (the working version for planners). */
/** The ministry's readiness targets on the server (version 0: the built-in defaults, nothing saved yet). */
export interface ServerReadinessTargets {
  targets: Partial<Record<string, number>>;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** What one province keeps on the server (GET /api/readiness/province-records, the ministry's). */
export interface ServerProvinceRecords {
  provinceId: string;
  /** Masts in the province's register, of them imported from files, and the last import's time. */
  registerMasts: number;
  /** Masts of the register whose station list says an operator runs 5G there (absent: an older server). */
  register5gMasts?: number;
  importedMasts: number;
  lastImportAt: string | null;
  publishedPlans: number;
  plannedSharedSites: number;
  approvedSharedSites: number;
}

export interface ServerPlan {
  id: string;
  provinceId: string;
  name: string;
  version: number;
  publishedVersion: number | null;
  updatedAt: string;
  updatedBy: string | null;
}

/** A proposed site of a published plan, with the room left on it (GET /api/provinces/:id/proposed-sites). */
export interface PublishedProposedSite {
  planId: string;
  planName: string;
  publishedVersion: number;
  site: ServerProposedSite;
  /** The existing mast this site is (requests go to the mast, whose capacity this is), or null for a new mast. */
  mastId?: string | null;
  capacity: { tenantSlots: number; freeSlots: number; [key: string]: unknown };
}

export interface NewRequest {
  provinceId: string;
  target: RequestTarget;
  equipment: string;
  antennaHeightM: number;
  band: string;
  windLoadAreaM2?: number;
  weightKg?: number;
  submit: boolean;
}

/** How an import treats the masts already on the server (POST /api/provinces/:id/masts/import). */
export type MastImportMode = 'replaceOperator' | 'add' | 'updateById';

/** What an import did; `keptWithRequests`: masts a replace left in place because a live request names them. */
export interface MastImportResult {
  inserted: number;
  updated: number;
  unchanged: number;
  removed: number;
  skipped: number;
  keptWithRequests: string[];
  /** An operator's import: other operators named as tenants the register did not have on that mast (left out). */
  foreignTenantsIgnored: number;
  /** An operator's import: masts others are approved on whose position, height or class it kept (absent: older server). */
  keptCommitted?: string[];
}

/** A mast as GET /api/provinces/:id/masts answers it. */
export interface ServerMast {
  id: string;
  provinceId: string;
  operator: string;
  lon: number;
  lat: number;
  heightM: number | null;
  mastType: 'A1' | 'A2a' | 'A2b' | 'A2c' | null;
  tenants: string[];
  radiusM: number | null;
  /** Operators on the mast when a file gave a count, not names; null: `tenants` is the count. */
  tenantCount: number | null;
  /** What the station list said of the radios; null where it said nothing (absent: an older server). */
  has4g?: boolean | null;
  tenants5g?: string[] | null;
  radius5gM?: number | null;
  azimuthsDeg?: number[] | null;
  tiltsDeg?: number[] | null;
  bands?: string[] | null;
  source: {
    kind: 'synthetic' | 'file';
    /** File name; null for masts stored before the server kept it. */
    name: string | null;
    importedAt: string | null;
    /** User name; null when the server itself loaded it (the demo seed). */
    importedBy: string | null;
  };
  capacity: { tenantSlots: number; freeSlots: number; [key: string]: unknown };
}
