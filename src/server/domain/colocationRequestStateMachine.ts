/**
 * The life of a co-location request. Every change of state goes through `transitionRequest`, which is pure: the
 * server applies its answer in a transaction together with the audit row.
 *
 *   draft ──submit──▶ submitted ──approve──▶ approved ──reportBuilt──▶ built
 *     │                  │  └──reject───▶ rejected     ├──lapse───────▶ lapsed
 *     └──withdraw──▶ withdrawn ◀──withdraw──┘          └──withdraw────▶ withdrawn
 *
 * An approval lapses `lapseMonths` after the decision unless the operator reports the site built before then.
 */
export type RequestState = 'draft' | 'submitted' | 'approved' | 'rejected' | 'withdrawn' | 'built' | 'lapsed';
export const REQUEST_STATES: readonly RequestState[] = [
  'draft',
  'submitted',
  'approved',
  'rejected',
  'withdrawn',
  'built',
  'lapsed',
];
export const TERMINAL_REQUEST_STATES: readonly RequestState[] = ['rejected', 'withdrawn', 'built', 'lapsed'];
/** States in which a request still counts against the same operator filing again for the same site. */
export const OPEN_REQUEST_STATES: readonly RequestState[] = ['draft', 'submitted', 'approved'];

export type RequestAction = 'submit' | 'withdraw' | 'approve' | 'reject' | 'reportBuilt' | 'lapse';
/** Who may take an action: the requesting operator, the province that decides, or the server's clock. */
export type RequestActor = 'operator' | 'province' | 'system';

interface TransitionRule {
  from: readonly RequestState[];
  to: RequestState;
  actor: RequestActor;
}

export const REQUEST_TRANSITIONS: Readonly<Record<RequestAction, TransitionRule>> = {
  submit: { from: ['draft'], to: 'submitted', actor: 'operator' },
  withdraw: { from: ['draft', 'submitted', 'approved'], to: 'withdrawn', actor: 'operator' },
  approve: { from: ['submitted'], to: 'approved', actor: 'province' },
  reject: { from: ['submitted'], to: 'rejected', actor: 'province' },
  reportBuilt: { from: ['approved'], to: 'built', actor: 'operator' },
  lapse: { from: ['approved'], to: 'lapsed', actor: 'system' },
};

export interface TransitionContext {
  actor: RequestActor;
  now: Date;
  /** When the approval lapses (set for approved requests). */
  approvalExpiresAt: Date | null;
  /** Reason given with the action (required to reject). */
  reason?: string | null;
}

export type TransitionResult =
  | { ok: true; to: RequestState }
  | {
      ok: false;
      code: 'wrong_actor' | 'invalid_transition' | 'reason_required' | 'approval_lapsed' | 'not_due';
      message: string;
    };

export function transitionRequest(
  state: RequestState,
  action: RequestAction,
  context: TransitionContext,
): TransitionResult {
  const rule = REQUEST_TRANSITIONS[action];
  if (rule.actor !== context.actor) {
    return {
      ok: false,
      code: 'wrong_actor',
      message: `only the ${rule.actor} can ${describeAction(action)} a request`,
    };
  }
  if (!rule.from.includes(state)) {
    return {
      ok: false,
      code: 'invalid_transition',
      message: `cannot ${describeAction(action)} a request that is ${state} (only when ${rule.from.join(' or ')})`,
    };
  }
  if (action === 'reject' && !context.reason?.trim()) {
    return { ok: false, code: 'reason_required', message: 'a rejection needs a reason' };
  }
  const expired = context.approvalExpiresAt !== null && context.now.getTime() >= context.approvalExpiresAt.getTime();
  if (action === 'reportBuilt' && expired) {
    return {
      ok: false,
      code: 'approval_lapsed',
      message: `the approval lapsed on ${context.approvalExpiresAt?.toISOString()}; file a new request`,
    };
  }
  if (action === 'lapse' && !expired) {
    return { ok: false, code: 'not_due', message: 'the approval has not expired yet' };
  }
  return { ok: true, to: rule.to };
}

/** Actions an actor could take on a request in `state` now (the UI's buttons). */
export function availableActions(
  state: RequestState,
  actor: RequestActor,
  now: Date,
  approvalExpiresAt: Date | null,
): RequestAction[] {
  return (Object.keys(REQUEST_TRANSITIONS) as RequestAction[]).filter((action) => {
    if (action === 'lapse') return false;
    const result = transitionRequest(state, action, { actor, now, approvalExpiresAt, reason: 'x' });
    return result.ok;
  });
}

function describeAction(action: RequestAction): string {
  return action === 'reportBuilt' ? 'report as built' : action;
}

/**
 * The date `months` calendar months after `from` (UTC), clamped to the end of a shorter month:
 * 31 August + 6 months = 28 (or 29) February.
 */
export function addMonthsUtc(from: Date, months: number): Date {
  const year = from.getUTCFullYear();
  const month = from.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      year,
      month,
      Math.min(from.getUTCDate(), lastDay),
      from.getUTCHours(),
      from.getUTCMinutes(),
      from.getUTCSeconds(),
      from.getUTCMilliseconds(),
    ),
  );
}
