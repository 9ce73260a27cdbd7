import { formatNumber, type Language, type StringKey, translateWith } from '../i18n/strings';
import { ApiError } from './apiClient';

/** What the person was doing when the server refused: names what a 403 forbids and what a 404 misses. */
export type ServerAction =
  | 'signIn'
  | 'signOut'
  | 'refresh'
  | 'fileRequest'
  | 'actOnRequest'
  | 'savePlan'
  | 'publishPlan'
  | 'openPlan'
  | 'importMasts'
  | 'loadMasts'
  | 'exportAudit'
  | 'saveTargets';

const ACTION_WORDS: Record<ServerAction, StringKey> = {
  signIn: 'doSignIn',
  signOut: 'doSignOut',
  refresh: 'doRefresh',
  fileRequest: 'doFileRequest',
  actOnRequest: 'doActOnRequest',
  savePlan: 'doSavePlan',
  publishPlan: 'doPublishPlan',
  openPlan: 'doOpenPlan',
  importMasts: 'doImportMasts',
  loadMasts: 'doLoadMasts',
  exportAudit: 'doExportAudit',
  saveTargets: 'doSaveTargets',
};

const NOT_FOUND_THING: Partial<Record<ServerAction, StringKey>> = {
  actOnRequest: 'thingRequest',
  savePlan: 'thingPlan',
  publishPlan: 'thingPlan',
  openPlan: 'thingPlan',
  importMasts: 'thingProvince',
};

/** The request fields a person fills in, by the name the server gives them (the last part of a zod path). */
const FIELD_NAMES: Record<string, StringKey> = {
  antennaHeightM: 'antennaHeightM',
  windLoadAreaM2: 'windLoadAreaM2',
  weightKg: 'fieldWeightKg',
  equipment: 'equipment',
  band: 'band',
  reason: 'reason',
  note: 'reason',
  name: 'planName',
  username: 'username',
  password: 'password',
  provinceId: 'fieldProvince',
  version: 'fieldVersion',
  // A mast of an import.
  id: 'id',
  operator: 'operator',
  heightM: 'heightM',
  radiusM: 'radiusM',
  mastType: 'mastType',
  tenants: 'tenants',
};

interface ValidationIssue {
  location?: string;
  path?: string;
  message?: string;
}

interface CapacityProblem {
  code?: string;
  message?: string;
}

/**
 * A refusal of the server (ApiError) or a failure to reach it, in the UI's language, saying what to change. The
 * server's own words are English and meant for the log: they are worded again from its code and details (zod issues by
 * field, capacity problems, who changed a plan and when, the body limit, Retry-After). A refusal it does not know is
 * told with its status and the server's text quoted, never dropped.
 */
export function describeApiError(error: unknown, language: Language, action?: ServerAction): string {
  const t = (key: StringKey, values: Record<string, string | number> = {}) => translateWith(language, key, values);
  const number = (value: number) => formatNumber(language, value, Number.isInteger(value) ? 0 : 1);
  if (!(error instanceof ApiError)) {
    if (error instanceof TypeError && /fetch|network/i.test(error.message)) return t('refusedNetwork');
    return t('refusedUnexpected', { reason: error instanceof Error ? error.message : String(error) });
  }
  const { status, code, message } = error;
  const details = (error.details ?? {}) as Record<string, unknown>;
  const quoted = { status, reason: message };
  if (status === 0) return t('refusedNetwork');
  if (code === 'csrf') return t('refusedCsrf');
  if (status >= 500) {
    return t(status === 502 || status === 503 || status === 504 ? 'refusedServerUnavailable' : 'refusedServerFailed', {
      status,
    });
  }
  switch (status) {
    case 400: {
      if (code === 'reason_required') return t('refusedReasonRequired');
      const issues = Array.isArray(details.issues) ? (details.issues as ValidationIssue[]) : [];
      if (issues.length === 0) return t('refusedBadRequest', quoted);
      if (action === 'actOnRequest' && issues.some((issue) => issue.path === 'reason' && isEmptyIssue(issue))) {
        return t('refusedReasonRequired');
      }
      // At most ISSUES_SHOWN of them (a file of 100,000 masts can have as many), then how many more.
      const shown = issues.slice(0, ISSUES_SHOWN).map((issue) => wordIssue(issue, t, number));
      if (issues.length > ISSUES_SHOWN) shown.push(t('issuesMore', { count: number(issues.length - ISSUES_SHOWN) }));
      return t('refusedInput', { issues: shown.join('; ') });
    }
    case 401:
      return t(code === 'invalid_credentials' ? 'refusedWrongPassword' : 'refusedSessionEnded');
    case 403: {
      if (code === 'wrong_actor') return t('refusedWrongActor', { actor: t(actorKey(message)) });
      if (typeof details.operator === 'string' && typeof details.index === 'number') {
        return t('refusedForeignMast', { row: fileRow(details), id: String(details.id), operator: details.operator });
      }
      if (/another province or operator/.test(message)) return t('refusedOtherScope');
      const role = roleKey(message);
      const what = action ? t(ACTION_WORDS[action]) : '';
      if (role && what) return t('refusedRole', { role: t(role), action: what });
      return t('refusedBadRequest', quoted);
    }
    case 404:
      return t('refusedNotFound', { thing: t(NOT_FOUND_THING[action ?? 'refresh'] ?? 'thingItem') });
    case 409:
      return describeConflict(error, details, t, language, action);
    case 413: {
      const limitBytes = typeof details.limitBytes === 'number' ? details.limitBytes : null;
      return limitBytes === null
        ? t('refusedTooLargeNoLimit')
        : t('refusedTooLarge', { limit: bytes(limitBytes, number) });
    }
    case 422: {
      if (code === 'unknown_target') return t('refusedUnknownTarget');
      if (code === 'outside_province' && typeof details.index === 'number') {
        return t('refusedOutsideProvince', { row: fileRow(details), id: String(details.id) });
      }
      const problems = Array.isArray(details.problems) ? (details.problems as CapacityProblem[]) : [];
      if (code !== 'capacity' || problems.length === 0) return t('refusedUnprocessable', quoted);
      const capacity = (details.capacity ?? {}) as Record<string, number | undefined>;
      // "The mast cannot take this equipment" leads only when the mast is the reason: a request already open, or the
      // operator already on the mast, is said alone.
      const aboutTheMast = problems.some(
        (problem) => problem.code !== 'duplicate_request' && problem.code !== 'already_tenant',
      );
      const words = problems.map((problem) => wordProblem(problem, capacity, t, number));
      return (aboutTheMast ? [t('refusedCapacity'), ...words] : words).join(' ');
    }
    case 429: {
      const seconds = error.retryAfterS ?? secondsIn(message);
      const wait = seconds === null ? t('waitMoment') : t('waitSeconds', { seconds: number(seconds) });
      return t(action === 'signIn' || /login/.test(message) ? 'refusedTooManyLogins' : 'refusedTooMany', { wait });
    }
  }
  return t('refusedUnprocessable', quoted);
}

type Translate = (key: StringKey, values?: Record<string, string | number>) => string;

function describeConflict(
  error: ApiError,
  details: Record<string, unknown>,
  t: Translate,
  language: Language,
  action?: ServerAction,
): string {
  const version = typeof details.currentVersion === 'number' ? details.currentVersion : '?';
  if (error.code === 'invalid_transition' && typeof details.state === 'string') {
    return t('refusedInvalidTransition', { state: stateName(details.state, t) });
  }
  if (error.code === 'approval_lapsed') return t('refusedApprovalLapsed');
  if (error.code === 'unknown_target') return t('refusedTargetGone');
  if (error.code === 'site_is_mast' && typeof details.mastId === 'string') {
    return t('refusedSiteIsMast', { mastId: details.mastId });
  }
  if (typeof details.updatedBy === 'string') {
    const at = typeof details.updatedAt === 'string' ? new Date(details.updatedAt) : null;
    const time =
      at && !Number.isNaN(at.getTime())
        ? at.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB', {
            day: '2-digit',
            month: '2-digit',
            year: 'numeric',
            hour: '2-digit',
            minute: '2-digit',
          })
        : '?';
    if (action === 'saveTargets') return t('refusedTargetsChanged', { user: details.updatedBy, time, version });
    const name = /plan "(.*)" was changed/.exec(error.message)?.[1] ?? '';
    return t('refusedPlanChanged', { name, user: details.updatedBy, time, version });
  }
  if (typeof details.state === 'string') {
    return t('refusedRequestChanged', { state: stateName(details.state, t), version });
  }
  if (typeof details.id === 'string' && typeof details.index === 'number') {
    return t('refusedMastIdTaken', { id: details.id, row: fileRow(details) });
  }
  return t('refusedChanged');
}

/** Problems of a refused body worded one by one, at most. */
const ISSUES_SHOWN = 10;

function wordIssue(issue: ValidationIssue, t: Translate, number: (value: number) => string): string {
  // The list of masts itself too long: say so in masts, and how to get through.
  const tooMany = /expected array to have <=\s*(\d+)/.exec(issue.message ?? '');
  if (issue.path === 'towers' && tooMany) return t('issueTooManyMasts', { limit: number(Number(tooMany[1])) });
  const path = issue.path ?? '';
  const field = path.split('.').at(-1) ?? '';
  const key = FIELD_NAMES[field];
  const name = key ? t(key).replace(/\s*\(.*\)$/, '') : path || (issue.location ?? '');
  // A mast of an import, named by its file row when the page added it (withFileRow).
  const row = (issue as { row?: unknown }).row;
  const place = typeof row === 'number' ? `${t('row')} ${number(row)} (${name})` : name;
  return `${place}: ${wordIssueMessage(issue.message ?? '', t, number)}`;
}

/** zod's English messages ("Too big: expected number to be <=300"), and the server's own refinements. */
function wordIssueMessage(message: string, t: Translate, number: (value: number) => string): string {
  if (/wind-load area.*weight/.test(message)) return t('issueWindOrWeight');
  const bound = /expected (\w+) to (?:be|have) (<=|>=|<|>)\s*(-?[\d.]+)/.exec(message);
  if (bound) {
    const [, type, operator, limitText] = bound;
    const limit = Number(limitText);
    if (type === 'string' || type === 'array') {
      if (operator === '>=' && limit <= 1) return t('issueEmpty');
      if (operator === '<=')
        return t(type === 'array' ? 'issueTooManyItems' : 'issueTooLong', { limit: number(limit) });
      return t('issueAtLeast', { limit: number(limit) });
    }
    const keys = { '<=': 'issueAtMost', '>=': 'issueAtLeast', '<': 'issueBelow', '>': 'issueAbove' } as const;
    return t(keys[operator as keyof typeof keys], { limit: number(limit) });
  }
  if (/expected number/.test(message)) return t('issueNotNumber');
  const unknown = /^Unrecognized keys?: (.*)$/.exec(message);
  if (unknown) return t('issueUnknownFields', { fields: unknown[1].replace(/"/g, '') });
  return `${t('issueInvalid')} (${message})`;
}

function isEmptyIssue(issue: ValidationIssue): boolean {
  return /expected string to have >=1 characters/.test(issue.message ?? '');
}

function wordProblem(
  problem: CapacityProblem,
  capacity: Record<string, number | undefined>,
  t: Translate,
  number: (value: number) => string,
): string {
  // The requested figure is only in the server's sentence ("antenna height 80 m is above the mast's 60 m").
  const requested = Number(/(\d+(?:\.\d+)?)/.exec(problem.message ?? '')?.[1] ?? Number.NaN);
  const shown = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '?' : number(value));
  switch (problem.code) {
    case 'antenna_above_mast':
      return t('refusedAntennaAboveMast', { antenna: shown(requested), mast: shown(capacity.maxAntennaHeightM) });
    case 'no_free_slot':
      return t('refusedNoFreeSlot', { slots: shown(capacity.tenantSlots) });
    case 'wind_load':
      return t('refusedWindLoad', { requested: shown(requested), left: shown(capacity.freeWindLoadAreaM2) });
    case 'weight':
      return t('refusedWeight', { requested: shown(requested), left: shown(capacity.freeEquipmentWeightKg) });
    case 'already_tenant':
      return t('refusedAlreadyTenant');
    case 'duplicate_request':
      return t('refusedDuplicateRequest');
    default:
      return problem.message ?? '';
  }
}

function stateName(state: string, t: Translate): string {
  const key = `state_${state}`;
  return key in STATE_KEYS ? t(key as StringKey) : state;
}

const STATE_KEYS = {
  state_draft: true,
  state_submitted: true,
  state_approved: true,
  state_rejected: true,
  state_withdrawn: true,
  state_built: true,
  state_lapsed: true,
} as const;

/** The role a 403 names ("an operator may not do this"). */
function roleKey(message: string): StringKey | null {
  if (/operator/.test(message)) return 'whoOperator';
  if (/province/.test(message)) return 'whoProvince';
  if (/ministry/.test(message)) return 'whoMinistry';
  return null;
}

/** Who the state machine says may act ("only the province can approve a request"). */
function actorKey(message: string): StringKey {
  if (/only the operator/.test(message)) return 'actorOperator';
  if (/only the system/.test(message)) return 'actorSystem';
  return 'actorProvince';
}

/** "try again in 60 s" or "in 1 minute" (the login limiter's words, when no Retry-After came). */
function secondsIn(message: string): number | null {
  const match = /in (\d+)\s*(s|second|minute)/.exec(message);
  if (!match) return null;
  return Number(match[1]) * (match[2] === 'minute' ? 60 : 1);
}

function bytes(value: number, number: (value: number) => string): string {
  if (value >= 1024 * 1024) return `${number(Math.round((value / (1024 * 1024)) * 10) / 10)} MB`;
  if (value >= 1024) return `${number(Math.round(value / 1024))} kB`;
  return `${number(value)} B`;
}

/** The file row of the mast a refusal names: the page adds it (`row`); else its place among the masts sent. */
function fileRow(details: Record<string, unknown>): number {
  return typeof details.row === 'number' ? details.row : Number(details.index) + 1;
}
