import { create } from 'zustand';
import { useAppStore } from '../store/appStore';
import { apiClient } from './apiClient';
import type {
  AuditEntry,
  ColocationRequest,
  NewRequest,
  PublishedProposedSite,
  RequestActionName,
  ServerPlan,
  ServerPlanDocument,
  ServerProvinceRecords,
  ServerReadinessTargets,
  SessionUser,
} from './apiTypes';
import type { ServerAction } from './describeApiError';
import { readSeenRequestStates, saveSeenRequestStates } from './seenRequestStates';

/**
 * A refusal of the server (or no answer), kept as the error itself and worded when shown (describeApiError, in the
 * language of the moment), at the place where the person acted.
 */
export interface ServerRefusal {
  action: ServerAction;
  error: unknown;
}

/**
 * Where a refusal is shown: the action's own place ('signIn', 'savePlan', ...), or the action and the thing it was
 * about (`fileRequest:<target>`, `act:<request id>`), so that a refusal stays beside the form or row it concerns.
 */
export type RefusalPlace = ServerAction | `${ServerAction}:${string}`;

export interface ServerState {
  /** null while checking; false: no server here (the app runs as a local, single-planner tool). */
  available: boolean | null;
  user: SessionUser | null;
  requests: ColocationRequest[];
  audit: AuditEntry[];
  /** Proposed shared sites of the province's published plans (operators request co-location on them). */
  proposedSites: PublishedProposedSite[];
  /** The shared-site plan being edited on the server (saved or opened): its id, version and published version. */
  savedPlan: ServerPlan | null;
  /** The province's plans on the server (planners). */
  plans: ServerPlan[];
  /** Changes noticed since the user last looked: new requests, decisions (worded in the UI's language when shown). */
  notifications: RequestChange[];
  /** The last refusal at each place; an action clears its own place when it starts again. */
  refusals: Partial<Record<RefusalPlace, ServerRefusal>>;
  busy: boolean;
  /** The account's lists have been read once since signing in (before that, an empty list means "not loaded yet"). */
  listsLoaded: boolean;
  /**
   * The province's masts as the server keeps them, on their way to the map after signing in (loadServerMasts):
   * 'idle' before, 'loading', then 'loaded' (on screen, or the server had none) or 'failed' (the masts on screen stay,
   * and the refusal is kept at 'loadMasts').
   */
  serverMasts: 'idle' | 'loading' | 'loaded' | 'failed';
}

/** What a session holds, empty: before signing in, and again on signing in or out. */
const NO_SESSION_DATA = {
  listsLoaded: false,
  serverMasts: 'idle' as const,
  requests: [],
  audit: [],
  proposedSites: [],
  savedPlan: null,
  plans: [],
  notifications: [],
} satisfies Partial<ServerState>;

export const useServerStore = create<ServerState>(() => ({
  available: null,
  user: null,
  ...NO_SESSION_DATA,
  refusals: {},
  busy: false,
}));

/** Runs `work`; a refusal is kept at `place` (and that place's earlier refusal cleared when the work starts). */
async function guarded(place: RefusalPlace, work: () => Promise<void>): Promise<boolean> {
  useServerStore.setState({ busy: true });
  try {
    return await guardedQuietly(place, work);
  } finally {
    useServerStore.setState({ busy: false });
  }
}

/**
 * guarded without marking the store busy (the forms stay usable meanwhile): for work the page does by itself, such as
 * reading the province's masts after signing in.
 */
export async function guardedQuietly(place: RefusalPlace, work: () => Promise<void>): Promise<boolean> {
  const action = place.split(':')[0] as ServerAction;
  useServerStore.setState((state) => ({ refusals: withoutPlace(state.refusals, place) }));
  try {
    await work();
    return true;
  } catch (error) {
    useServerStore.setState((state) => ({ refusals: { ...state.refusals, [place]: { action, error } } }));
    return false;
  }
}

function withoutPlace(refusals: ServerState['refusals'], place: RefusalPlace): ServerState['refusals'] {
  if (!(place in refusals)) return refusals;
  const { [place]: _cleared, ...rest } = refusals;
  return rest;
}

/**
 * After "your session has ended": forget the account on this page (the server has already) and show the sign-in form.
 */
export function signInAgain(): void {
  useServerStore.setState({ user: null, ...NO_SESSION_DATA, refusals: {} });
}

/** What changed between two lists of requests, in words (for the notification strip). */
/** A request that appeared or changed state since the last refresh. */
export interface RequestChange {
  id: string;
  operator: string;
  /** The mast's id, or the proposed site's. */
  target: string;
  /** null for a request that is new. */
  from: ColocationRequest['state'] | null;
  to: ColocationRequest['state'];
  /** Noticed on arriving (signing in, opening the page): it happened while the account was away. */
  whileAway?: boolean;
}

export function describeRequestChanges(
  before: ColocationRequest[] | ReadonlyMap<string, ColocationRequest['state']>,
  after: ColocationRequest[],
): RequestChange[] {
  const previous: ReadonlyMap<string, ColocationRequest['state']> = Array.isArray(before)
    ? new Map(before.map((request) => [request.id, request.state]))
    : (before as ReadonlyMap<string, ColocationRequest['state']>);
  const changes: RequestChange[] = [];
  for (const request of after) {
    const old = previous.get(request.id);
    if (old === request.state) continue;
    changes.push({
      id: request.id,
      operator: request.operator,
      target: request.target.kind === 'mast' ? request.target.mastId : request.target.siteId,
      from: old ?? null,
      to: request.state,
    });
  }
  return changes;
}

export async function connectToServer(): Promise<void> {
  const available = await apiClient.isAvailable();
  useServerStore.setState({ available });
  if (!available) return;
  const user = await apiClient.currentUser().catch(() => null);
  useServerStore.setState({ user });
  if (user) await refreshServerData('arrive');
}

/**
 * Reloads the account's lists. `poll` (the timer, the refresh button): changes since the last look are notified;
 * `arrive` (signing in, opening the page): the changes since this account last looked in this browser, marked as
 * while away; `quiet` (after the user's own action): nothing to notify.
 */
export async function refreshServerData(mode: 'poll' | 'arrive' | 'quiet' = 'poll'): Promise<void> {
  const { user, requests: before } = useServerStore.getState();
  if (!user) return;
  await guarded('refresh', async () => {
    const requests = await apiClient.listRequests();
    const audit = user.role === 'operator' ? [] : await apiClient.audit();
    const proposedSites = await proposedSitesFor(user);
    const plans = user.role === 'province' ? await apiClient.listPlans(provinceOf(user)) : [];
    // On arriving the comparison is with what this account last saw in this browser: the decisions and new requests
    // of while it was away; nothing the first time here.
    const seen = mode === 'arrive' ? readSeenRequestStates(user.id) : null;
    const changes =
      mode === 'poll'
        ? describeRequestChanges(before, requests)
        : seen
          ? describeRequestChanges(seen, requests).map((change) => ({ ...change, whileAway: true }))
          : [];
    saveSeenRequestStates(user.id, requests);
    // A poll that finds nothing new changes nothing in the store: the lists keep their identity, so the map (which
    // redraws on new proposed sites) and the panels do not redraw every 15 s (seconds a frame with 100,000 masts).
    useServerStore.setState((state) => ({
      requests: sameOr(state.requests, requests),
      audit: sameOr(state.audit, audit),
      proposedSites: sameOr(state.proposedSites, proposedSites),
      plans: sameOr(state.plans, plans),
      listsLoaded: true,
      notifications: changes.length === 0 ? state.notifications : [...changes, ...state.notifications].slice(0, 20),
    }));
  });
}

/** Signs in; the lists then load as a refresh does (a refusal of theirs is shown with the lists, not in the gone form). */
export async function signIn(username: string, password: string): Promise<boolean> {
  const ok = await guarded('signIn', async () => {
    const user = await apiClient.signIn(username, password);
    useServerStore.setState({ user, ...NO_SESSION_DATA, refusals: {} });
  });
  if (ok) await refreshServerData('arrive');
  return ok;
}

export async function signOut(): Promise<void> {
  const ok = await guarded('signOut', async () => {
    await apiClient.signOut();
    useServerStore.setState({ user: null, ...NO_SESSION_DATA, refusals: {} });
  });
  // The server's register (an operator's station list among it) does not stay on a shared computer after signing
  // out: the browser's copy goes and the province's own demo masts come back.
  const towers = useAppStore.getState().dataset?.towers ?? [];
  if (ok && towers.some((tower) => tower.source?.kind === 'server')) {
    const { restoreDemoMasts } = await import('../import/importStore');
    await restoreDemoMasts();
  }
}

/** The refusal place of a request form: one per mast or proposed site. */
export function fileRequestPlace(request: Pick<NewRequest, 'target'>): RefusalPlace {
  const { target } = request;
  return `fileRequest:${target.kind === 'mast' ? target.mastId : `${target.planId}/${target.siteId}`}`;
}

export async function fileRequest(request: NewRequest): Promise<boolean> {
  const ok = await guarded(fileRequestPlace(request), async () => {
    await apiClient.fileRequest(request);
  });
  if (ok) await refreshServerData('quiet');
  return ok;
}

export async function actOnRequest(
  request: ColocationRequest,
  action: RequestActionName,
  reason?: string,
): Promise<boolean> {
  const ok = await guarded(`actOnRequest:${request.id}`, async () => {
    await apiClient.act(request, action, reason);
  });
  if (ok) await refreshServerData('quiet');
  // Reported built: the mast's tenants now include the operator; the map shows the server's masts again.
  if (ok && action === 'reportBuilt' && request.target.kind === 'mast') {
    const { loadServerMasts } = await import('../data/serverMasts');
    await loadServerMasts();
  }
  return ok;
}

/** The user's province (a planner's own), else the province on screen. */
function provinceOf(user: SessionUser): string {
  return user.provinceId ?? useAppStore.getState().dataset?.provinceCode ?? 'VN25';
}

/** The published proposed sites of the user's province. */
function proposedSitesFor(user: SessionUser): Promise<PublishedProposedSite[]> {
  return apiClient.proposedSites(provinceOf(user));
}

/**
 * Saves the shared-site plan on the server: a new plan the first time, then a new version of the same plan based on
 * the version this planner last saved (the server refuses with its message when someone saved in between).
 */
export async function savePlanToServer(name: string, document: ServerPlanDocument): Promise<boolean> {
  const { user, savedPlan } = useServerStore.getState();
  if (!user) return false;
  return guarded('savePlan', async () => {
    const plan = savedPlan
      ? await apiClient.updatePlan(savedPlan.id, name, document, savedPlan.version)
      : await apiClient.createPlan(provinceOf(user), name, document);
    useServerStore.setState({ savedPlan: plan });
    useServerStore.setState({ plans: await apiClient.listPlans(provinceOf(user)) });
  });
}

/** A plan of the province with its document, to open in the sharing tab (which then edits it). */
export async function openServerPlan(planId: string): Promise<(ServerPlan & { document: ServerPlanDocument }) | null> {
  let opened: (ServerPlan & { document: ServerPlanDocument }) | null = null;
  await guarded('openPlan', async () => {
    opened = await apiClient.getPlan(planId);
    const { document: _document, ...summary } = opened;
    useServerStore.setState({ savedPlan: summary });
  });
  return opened;
}

/** Publishes the version last saved: operators see its proposed sites and can request co-location on them. */
export async function publishSavedPlan(): Promise<boolean> {
  const { savedPlan } = useServerStore.getState();
  if (!savedPlan) return false;
  const ok = await guarded('publishPlan', async () => {
    useServerStore.setState({ savedPlan: await apiClient.publishPlan(savedPlan.id, savedPlan.version) });
  });
  if (ok) await refreshServerData('quiet');
  return ok;
}

/** The readiness targets on the server (any account), or null without a session or on a refusal (kept at 'refresh'). */
export async function readReadinessTargets(): Promise<ServerReadinessTargets | null> {
  if (!useServerStore.getState().user) return null;
  let targets: ServerReadinessTargets | null = null;
  await guarded('refresh', async () => {
    targets = await apiClient.readinessTargets();
  });
  return targets;
}

/**
 * Every province's published plans, planned and approved shared sites (the ministry's account only); null signed
 * out, for another account, or on a refusal (kept at 'refresh:provinceRecords').
 */
export async function readReadinessProvinceRecords(): Promise<{
  provinces: ServerProvinceRecords[];
  countedAt: string;
} | null> {
  if (useServerStore.getState().user?.role !== 'ministry') return null;
  let answer: { provinces: ServerProvinceRecords[]; countedAt: string } | null = null;
  await guarded('refresh:provinceRecords', async () => {
    answer = await apiClient.readinessProvinceRecords();
  });
  return answer;
}

/** Saves the ministry's targets as a new version based on `version`; null on a refusal (kept at 'saveTargets'). */
export async function saveReadinessTargets(
  targets: Partial<Record<string, number>>,
  version: number,
): Promise<ServerReadinessTargets | null> {
  let saved: ServerReadinessTargets | null = null;
  await guarded('saveTargets', async () => {
    saved = await apiClient.saveReadinessTargets(targets, version);
  });
  return saved;
}

/** The audit trail as CSV text, or null when the server refused (the refusal is kept at 'exportAudit'). */
export async function readAuditCsv(): Promise<string | null> {
  let csv: string | null = null;
  await guarded('exportAudit', async () => {
    csv = await apiClient.auditCsv();
  });
  return csv;
}

export function clearNotifications(): void {
  useServerStore.setState({ notifications: [] });
}

let pollTimer: ReturnType<typeof setInterval> | null = null;

/** Checks for new requests and decisions every `intervalMs` while signed in. */
export function startPolling(intervalMs = 15_000): () => void {
  if (pollTimer) clearInterval(pollTimer);
  pollTimer = setInterval(() => void refreshServerData('poll'), intervalMs);
  return () => {
    if (pollTimer) clearInterval(pollTimer);
    pollTimer = null;
  };
}

/** `previous` when `next` holds the same data (as JSON), else `next`. */
export function sameOr<T>(previous: T, next: T): T {
  return JSON.stringify(previous) === JSON.stringify(next) ? previous : next;
}
