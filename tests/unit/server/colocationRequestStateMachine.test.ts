import { describe, expect, it } from 'vitest';
import {
  addMonthsUtc,
  availableActions,
  REQUEST_STATES,
  REQUEST_TRANSITIONS,
  type RequestAction,
  type RequestActor,
  type RequestState,
  TERMINAL_REQUEST_STATES,
  transitionRequest,
} from '../../../src/server/domain/colocationRequestStateMachine';

const now = new Date('2026-03-01T00:00:00Z');
const later = new Date('2026-09-01T00:00:00Z');
const actorOf = (action: RequestAction): RequestActor => REQUEST_TRANSITIONS[action].actor;

describe('co-location request state machine', () => {
  it('allows exactly the transitions of the table, every other (state, action) is refused', () => {
    const allowed: string[] = [];
    for (const state of REQUEST_STATES) {
      for (const action of Object.keys(REQUEST_TRANSITIONS) as RequestAction[]) {
        const result = transitionRequest(state, action, {
          actor: actorOf(action),
          now: action === 'lapse' ? later : now,
          approvalExpiresAt: state === 'approved' ? new Date('2026-06-01T00:00:00Z') : null,
          reason: 'because',
        });
        if (result.ok) allowed.push(`${state} -${action}-> ${result.to}`);
        else expect(result.code).toBe('invalid_transition');
      }
    }
    expect(allowed.sort()).toEqual(
      [
        'approved -lapse-> lapsed',
        'approved -reportBuilt-> built',
        'approved -withdraw-> withdrawn',
        'draft -submit-> submitted',
        'draft -withdraw-> withdrawn',
        'submitted -approve-> approved',
        'submitted -reject-> rejected',
        'submitted -withdraw-> withdrawn',
      ].sort(),
    );
  });

  it('has no way out of a terminal state', () => {
    for (const state of TERMINAL_REQUEST_STATES) {
      for (const actor of ['operator', 'province', 'system'] as RequestActor[]) {
        expect(availableActions(state, actor, now, null)).toEqual([]);
      }
    }
  });

  it('lets only the right party act', () => {
    expect(
      transitionRequest('submitted', 'approve', { actor: 'operator', now, approvalExpiresAt: null }),
    ).toMatchObject({
      ok: false,
      code: 'wrong_actor',
    });
    expect(transitionRequest('draft', 'submit', { actor: 'province', now, approvalExpiresAt: null })).toMatchObject({
      ok: false,
      code: 'wrong_actor',
    });
    expect(availableActions('submitted', 'province', now, null).sort()).toEqual(['approve', 'reject']);
    expect(availableActions('submitted', 'operator', now, null)).toEqual(['withdraw']);
  });

  it('needs a reason to reject', () => {
    for (const reason of [undefined, '', '   ']) {
      expect(
        transitionRequest('submitted', 'reject', { actor: 'province', now, approvalExpiresAt: null, reason }),
      ).toMatchObject({ ok: false, code: 'reason_required' });
    }
  });

  it('refuses "built" after the approval lapsed, and lapses only when due', () => {
    const expires = new Date('2026-06-01T00:00:00Z');
    expect(
      transitionRequest('approved', 'reportBuilt', { actor: 'operator', now, approvalExpiresAt: expires }).ok,
    ).toBe(true);
    expect(
      transitionRequest('approved', 'reportBuilt', { actor: 'operator', now: expires, approvalExpiresAt: expires }),
    ).toMatchObject({ ok: false, code: 'approval_lapsed' });
    expect(transitionRequest('approved', 'lapse', { actor: 'system', now, approvalExpiresAt: expires })).toMatchObject({
      ok: false,
      code: 'not_due',
    });
    expect(availableActions('approved', 'operator', later, expires)).toEqual(['withdraw']);
  });

  it('adds calendar months, clamping to the end of shorter months', () => {
    expect(addMonthsUtc(new Date('2026-01-15T08:00:00Z'), 6).toISOString()).toBe('2026-07-15T08:00:00.000Z');
    expect(addMonthsUtc(new Date('2026-08-31T10:00:00Z'), 6).toISOString()).toBe('2027-02-28T10:00:00.000Z');
    expect(addMonthsUtc(new Date('2027-08-31T10:00:00Z'), 6).toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(addMonthsUtc(new Date('2026-11-30T00:00:00Z'), 3).toISOString()).toBe('2027-02-28T00:00:00.000Z');
  });

  it('lists every state once', () => {
    expect(new Set<RequestState>(REQUEST_STATES).size).toBe(7);
  });
});
