/** What the CoSite server answers (see src/server/README.md); only the fields the app reads. */
export type Role = 'ministry' | 'province' | 'operator';

export interface SessionUser {
  id: number;
  username: string;
  role: Role;
  provinceId: string | null;
  operator: string | null;
}

export type RequestState = 'draft' | 'submitted' | 'approved' | 'rejected' | 'withdrawn' | 'built' | 'lapsed';
export type RequestActionName = 'submit' | 'withdraw' | 'approve' | 'reject' | 'reportBuilt';

export interface ColocationRequest {
  id: string;
  provinceId: string;
  operator: string;
  target: { kind: 'mast'; mastId: string } | { kind: 'proposedSite'; planId: number; siteId: string };
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
  actor: { username?: string; role?: string } | string | null;
  provinceId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  oldValue: unknown;
  newValue: unknown;
}

export interface NewRequest {
  provinceId: string;
  target: { kind: 'mast'; mastId: string };
  equipment: string;
  antennaHeightM: number;
  band: string;
  windLoadAreaM2?: number;
  weightKg?: number;
  submit: boolean;
}
