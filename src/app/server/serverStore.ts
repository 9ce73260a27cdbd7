import { create } from 'zustand';
import { useAppStore } from '../store/appStore';
import { type ApiError, apiClient } from './apiClient';
import type {
  AuditEntry,
  ColocationRequest,
  NewRequest,
  PublishedProposedSite,
  RequestActionName,
  ServerPlan,
  ServerPlanDocument,
  SessionUser,
} from './apiTypes';

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
  /** Changes noticed since the user last looked: new requests, decisions. */
  notifications: string[];
  error: string | null;
  busy: boolean;
}

/** What a session holds, empty: before signing in, and again on signing in or out. */
const NO_SESSION_DATA = {
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
  error: null,
  busy: false,
}));

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function guarded(work: () => Promise<void>): Promise<boolean> {
  useServerStore.setState({ busy: true, error: null });
  try {
    await work();
    return true;
  } catch (error) {
    useServerStore.setState({ error: message(error as ApiError) });
    return false;
  } finally {
    useServerStore.setState({ busy: false });
  }
}

/** What changed between two lists of requests, in words (for the notification strip). */
export function describeRequestChanges(before: ColocationRequest[], after: ColocationRequest[]): string[] {
  const previous = new Map(before.map((request) => [request.id, request]));
  const notes: string[] = [];
  for (const request of after) {
    const old = previous.get(request.id);
    if (!old)
      notes.push(
        `#${request.id} ${request.operator} → ${request.target.kind === 'mast' ? request.target.mastId : request.target.siteId}: ${request.state}`,
      );
    else if (old.state !== request.state) notes.push(`#${request.id.slice(0, 8)}: ${old.state} → ${request.state}`);
  }
  return notes;
}

export async function connectToServer(): Promise<void> {
  const available = await apiClient.isAvailable();
  useServerStore.setState({ available });
  if (!available) return;
  const user = await apiClient.currentUser().catch(() => null);
  useServerStore.setState({ user });
  if (user) await refreshServerData(false);
}

export async function refreshServerData(notify = true): Promise<void> {
  const { user, requests: before } = useServerStore.getState();
  if (!user) return;
  await guarded(async () => {
    const requests = await apiClient.listRequests();
    const audit = user.role === 'operator' ? [] : await apiClient.audit();
    const proposedSites = await proposedSitesFor(user);
    const plans = user.role === 'province' ? await apiClient.listPlans(provinceOf(user)) : [];
    const changes = notify ? describeRequestChanges(before, requests) : [];
    useServerStore.setState((state) => ({
      requests,
      audit,
      proposedSites,
      plans,
      notifications: [...changes, ...state.notifications].slice(0, 20),
    }));
  });
}

export async function signIn(username: string, password: string): Promise<boolean> {
  return guarded(async () => {
    const user = await apiClient.signIn(username, password);
    useServerStore.setState({ user, ...NO_SESSION_DATA });
    const requests = await apiClient.listRequests();
    const audit = user.role === 'operator' ? [] : await apiClient.audit();
    const proposedSites = await proposedSitesFor(user);
    const plans = user.role === 'province' ? await apiClient.listPlans(provinceOf(user)) : [];
    useServerStore.setState({ requests, audit, proposedSites, plans });
  });
}

export async function signOut(): Promise<void> {
  await guarded(async () => {
    await apiClient.signOut();
    useServerStore.setState({ user: null, ...NO_SESSION_DATA });
  });
}

export async function fileRequest(request: NewRequest): Promise<boolean> {
  const ok = await guarded(async () => {
    await apiClient.fileRequest(request);
  });
  if (ok) await refreshServerData(false);
  return ok;
}

export async function actOnRequest(
  request: ColocationRequest,
  action: RequestActionName,
  reason?: string,
): Promise<boolean> {
  const ok = await guarded(async () => {
    await apiClient.act(request, action, reason);
  });
  if (ok) await refreshServerData(false);
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
  return guarded(async () => {
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
  await guarded(async () => {
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
  const ok = await guarded(async () => {
    useServerStore.setState({ savedPlan: await apiClient.publishPlan(savedPlan.id, savedPlan.version) });
  });
  if (ok) await refreshServerData(false);
  return ok;
}

export function clearNotifications(): void {
  useServerStore.setState({ notifications: [] });
}

let pollTimer: ReturnType<typeof setInterval> | null = null;

/** Checks for new requests and decisions every `intervalMs` while signed in. */
export function startPolling(intervalMs = 15_000): () => void {
  if (pollTimer) clearInterval(pollTimer);
  pollTimer = setInterval(() => void refreshServerData(true), intervalMs);
  return () => {
    if (pollTimer) clearInterval(pollTimer);
    pollTimer = null;
  };
}
