import { mastImportBodyText } from '../../../workers/mastImportBody';
import type { Tower, TowerSource } from '../../core/model/tower';
import type {
  AuditEntry,
  ColocationRequest,
  MastImportMode,
  MastImportResult,
  NewRequest,
  PublishedProposedSite,
  RequestActionName,
  ServerMast,
  ServerPlan,
  ServerPlanDocument,
  ServerProvinceRecords,
  ServerReadinessTargets,
  SessionUser,
} from './apiTypes';

/**
 * An answer of the server that is not 2xx, with the server's message (English, for the log and the administrator;
 * describeApiError words it for the person), or status 0 and code 'network' when no answer came at all.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** The Retry-After of a 429 or 503, seconds (null when the server gave none). */
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const ACTION_PATHS: Record<RequestActionName, string> = {
  submit: 'submit',
  withdraw: 'withdraw',
  approve: 'approve',
  reject: 'reject',
  reportBuilt: 'report-built',
};

/**
 * The app's door to the CoSite server: same-origin fetches with the session cookie, and the CSRF token every change
 * needs (fetched once, replaced by the one login answers, since tokens are bound to the session).
 */
export class ApiClient {
  private csrfToken: string | null = null;

  constructor(private readonly baseUrl = '') {}

  /** True when a CoSite server answers here (the app then offers sign-in); false for a static deployment. */
  async isAvailable(): Promise<boolean> {
    try {
      const response = await fetch(`${this.baseUrl}/api/health`, { credentials: 'same-origin' });
      if (!response.ok) return false;
      const body = (await response.json()) as { service?: string };
      return body.service === 'cosite';
    } catch {
      return false;
    }
  }

  async currentUser(): Promise<SessionUser | null> {
    try {
      return (await this.request<{ user: SessionUser }>('GET', '/api/session')).user;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  }

  async signIn(username: string, password: string): Promise<SessionUser> {
    const answer = await this.request<{ user: SessionUser; csrfToken: string }>('POST', '/api/session', {
      username,
      password,
    });
    this.csrfToken = answer.csrfToken;
    return answer.user;
  }

  async signOut(): Promise<void> {
    await this.request('DELETE', '/api/session');
    this.csrfToken = null;
  }

  /** Every request the account may see, newest first (page after page). */
  async listRequests(): Promise<ColocationRequest[]> {
    return this.allPages<ColocationRequest>('/api/requests?limit=5000', (page) => page.requests);
  }

  async fileRequest(request: NewRequest): Promise<ColocationRequest> {
    return (await this.request<{ request: ColocationRequest }>('POST', '/api/requests', request)).request;
  }

  async act(request: ColocationRequest, action: RequestActionName, reason?: string): Promise<ColocationRequest> {
    const body: Record<string, unknown> = { version: request.version };
    if (action === 'reject') body.reason = reason ?? '';
    if (action === 'approve' && reason) body.note = reason;
    if (action === 'withdraw' && reason) body.reason = reason;
    const path = `/api/requests/${request.id}/${ACTION_PATHS[action]}`;
    return (await this.request<{ request: ColocationRequest }>('POST', path, body)).request;
  }

  /** The ministry's readiness targets (everyone signed in reads them). */
  async readinessTargets(): Promise<ServerReadinessTargets> {
    return (await this.request<{ targets: ServerReadinessTargets }>('GET', '/api/readiness/targets')).targets;
  }

  /** Every province's published plans, planned and approved shared sites (the ministry only). */
  async readinessProvinceRecords(): Promise<{ provinces: ServerProvinceRecords[]; countedAt: string }> {
    return this.request<{ provinces: ServerProvinceRecords[]; countedAt: string }>(
      'GET',
      '/api/readiness/province-records',
    );
  }

  /** Saves the readiness targets as a new version based on `version` (the ministry; 409 when someone saved since). */
  async saveReadinessTargets(
    targets: Partial<Record<string, number>>,
    version: number,
  ): Promise<ServerReadinessTargets> {
    return (
      await this.request<{ targets: ServerReadinessTargets }>('PUT', '/api/readiness/targets', { targets, version })
    ).targets;
  }

  /** Creates a plan of the province holding `document` (version 1, not published). */
  async createPlan(provinceId: string, name: string, document: ServerPlanDocument): Promise<ServerPlan> {
    const path = `/api/provinces/${encodeURIComponent(provinceId)}/plans`;
    return (await this.request<{ plan: ServerPlan }>('POST', path, { name, document })).plan;
  }

  /** The province's plans (planners: every plan, working versions). */
  async listPlans(provinceId: string): Promise<ServerPlan[]> {
    const path = `/api/provinces/${encodeURIComponent(provinceId)}/plans`;
    return (await this.request<{ plans: ServerPlan[] }>('GET', path)).plans;
  }

  /** A plan with its document (the working version for planners). */
  async getPlan(planId: string): Promise<ServerPlan & { document: ServerPlanDocument }> {
    const path = `/api/plans/${encodeURIComponent(planId)}`;
    return (await this.request<{ plan: ServerPlan & { document: ServerPlanDocument } }>('GET', path)).plan;
  }

  /** Saves a new version of a plan, based on `version` (409 when someone saved in between). */
  async updatePlan(planId: string, name: string, document: ServerPlanDocument, version: number): Promise<ServerPlan> {
    const path = `/api/plans/${encodeURIComponent(planId)}`;
    return (await this.request<{ plan: ServerPlan }>('PUT', path, { name, document, version })).plan;
  }

  /** Publishes the working version `version` of a plan: operators then see its proposed sites. */
  async publishPlan(planId: string, version: number): Promise<ServerPlan> {
    const path = `/api/plans/${encodeURIComponent(planId)}/publish`;
    return (await this.request<{ plan: ServerPlan }>('POST', path, { version })).plan;
  }

  /** Proposed sites of the province's published plans, with the room left on each. */
  async proposedSites(provinceId: string): Promise<PublishedProposedSite[]> {
    const path = `/api/provinces/${encodeURIComponent(provinceId)}/proposed-sites`;
    return (await this.request<{ sites: PublishedProposedSite[] }>('GET', path)).sites;
  }

  /**
   * Sends masts to the province's list on the server (one request, up to 100,000). Only the fields the server keeps
   * are sent. An operator account may send only its own masts (403 otherwise; 409 for an id that is another
   * operator's mast); `replaceOperator` also removes the operator's masts the list leaves out.
   */
  async importMasts(
    provinceId: string,
    towers: readonly Tower[],
    mode: MastImportMode,
    sourceName: string,
  ): Promise<MastImportResult> {
    return this.importMastsBody(provinceId, mastImportBodyText(towers, mode, sourceName));
  }

  /** The mast import with its JSON body made elsewhere (a worker, for 100,000 masts): a string or a Blob. */
  async importMastsBody(provinceId: string, body: string | Blob): Promise<MastImportResult> {
    const path = `/api/provinces/${encodeURIComponent(provinceId)}/masts/import`;
    return this.request<MastImportResult>('POST', path, undefined, body);
  }

  /**
   * The province's masts as core towers. Masts imported from files come back with source kind 'server' (keeping the
   * file name); demo masts stay 'synthetic'. Towers of one import share one source object.
   */
  async listMasts(provinceId: string): Promise<Tower[]> {
    const path = `/api/provinces/${encodeURIComponent(provinceId)}/masts?limit=10000`;
    const masts = await this.allPages<ServerMast>(path, (page) => page.masts);
    const sources = new Map<string, TowerSource>();
    return masts.map((mast) => {
      const key = JSON.stringify(mast.source);
      let source = sources.get(key);
      if (!source) {
        source = {
          kind: mast.source.kind === 'synthetic' ? 'synthetic' : 'server',
          name: mast.source.name ?? '',
          ...(mast.source.importedAt === null ? {} : { importedAt: mast.source.importedAt }),
          ...(mast.source.importedBy === null ? {} : { importedBy: mast.source.importedBy }),
        };
        sources.set(key, source);
      }
      const tower: Tower = {
        id: mast.id,
        operator: mast.operator,
        lon: mast.lon,
        lat: mast.lat,
        heightM: mast.heightM,
        radiusM: mast.radiusM,
        mastType: mast.mastType,
        tenants: mast.tenants,
        source,
      };
      if (mast.tenantCount !== null) tower.tenantCount = mast.tenantCount;
      if (mast.has4g != null) tower.has4g = mast.has4g;
      if (mast.tenants5g != null) tower.tenants5g = mast.tenants5g;
      if (mast.radius5gM != null) tower.radius5gM = mast.radius5gM;
      if (mast.azimuthsDeg != null) tower.azimuthsDeg = mast.azimuthsDeg;
      if (mast.tiltsDeg != null) tower.tiltsDeg = mast.tiltsDeg;
      if (mast.bands != null) tower.bands = mast.bands;
      return tower;
    });
  }

  /** The newest `maxEntries` audit entries (the trail can be long: the app shows the recent ones). */
  async audit(maxEntries = 200): Promise<AuditEntry[]> {
    const limit = Math.min(maxEntries, 1000);
    return this.allPages<AuditEntry>(`/api/audit?limit=${limit}`, (page) => page.entries, maxEntries);
  }

  auditCsvUrl(): string {
    return `${this.baseUrl}/api/audit.csv`;
  }

  /** The audit trail as CSV text (read here rather than by a link, so that a refusal can be shown). */
  async auditCsv(): Promise<string> {
    const response = await this.send(this.auditCsvUrl(), { credentials: 'same-origin' });
    if (!response.ok) throw await errorOf(response);
    return response.text();
  }

  /**
   * Follows a list route's `nextCursor` (passed back as `after`) until the end, or until `maxItems` are read.
   * `path` holds the page size; the pages' items are concatenated in order.
   */
  private async allPages<T>(
    path: string,
    itemsOf: (page: Record<string, T[]>) => T[],
    maxItems = Number.POSITIVE_INFINITY,
  ): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const url: string = cursor === null ? path : `${path}&after=${encodeURIComponent(cursor)}`;
      const answer: Record<string, T[]> & { nextCursor?: string | null } = await this.request('GET', url);
      items.push(...itemsOf(answer));
      cursor = answer.nextCursor ?? null;
    } while (cursor !== null && items.length < maxItems);
    return items.length > maxItems ? items.slice(0, maxItems) : items;
  }

  /** fetch, with a failure to reach the server (offline, DNS, refused connection, CORS) as ApiError status 0. */
  private async send(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, 'network', `cannot reach the server: ${error instanceof Error ? error.message : error}`);
    }
  }

  private async csrf(): Promise<string> {
    if (!this.csrfToken) {
      const response = await this.send(`${this.baseUrl}/api/csrf`, { credentials: 'same-origin' });
      if (!response.ok) throw await errorOf(response);
      this.csrfToken = ((await response.json()) as { csrfToken: string }).csrfToken;
    }
    return this.csrfToken;
  }

  private async request<T>(method: string, path: string, body?: unknown, bodyJson?: string | Blob): Promise<T> {
    const headers: Record<string, string> = {};
    if (method !== 'GET') headers['x-csrf-token'] = await this.csrf();
    if (body !== undefined || bodyJson !== undefined) headers['content-type'] = 'application/json';
    const response = await this.send(`${this.baseUrl}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: bodyJson ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    if (response.status === 204) return undefined as T;
    if (!response.ok) {
      const error = await errorOf(response);
      if (error.code === 'csrf') this.csrfToken = null;
      throw error;
    }
    const text = await response.text();
    try {
      return (text ? JSON.parse(text) : null) as T;
    } catch {
      return null as T; // a 2xx that is not JSON: nothing to read
    }
  }
}

/** The ApiError of a refused answer: the server's JSON error body when it sent one (a proxy's page is not JSON). */
async function errorOf(response: Response): Promise<ApiError> {
  let parsed: unknown = null;
  try {
    const text = await response.text();
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy's error page): the status speaks alone.
  }
  const body = (parsed !== null && typeof parsed === 'object' ? parsed : {}) as {
    error?: string;
    message?: string;
    details?: unknown;
  };
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ApiError(
    response.status,
    body.error ?? 'http',
    body.message ?? `HTTP ${response.status}`,
    body.details,
    response.headers.has('retry-after') && Number.isFinite(retryAfter) ? retryAfter : null,
  );
}

export const apiClient = new ApiClient();
