import type Database from 'better-sqlite3';
import type { SessionUser } from '../auth/sessionUser';
import type { ScopeName } from './routeRules';

export type ScopeDecision = 'allow' | 'forbidden' | 'notFound';

interface ScopeInput {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
}

/** Whether `user` may reach the record or province a request names, per its route's scope (see ScopeName). */
export function checkScope(
  db: Database.Database,
  scope: ScopeName,
  user: SessionUser,
  input: ScopeInput,
): ScopeDecision {
  switch (scope) {
    case 'any':
      return 'allow';
    case 'ownProvince':
      return input.params.provinceId === user.provinceId ? 'allow' : 'forbidden';
    case 'ownProvinceFilter':
      return input.query.provinceId === undefined || input.query.provinceId === user.provinceId ? 'allow' : 'forbidden';
    case 'ownOperatorFilter':
      return input.query.operator === undefined || input.query.operator === user.operator ? 'allow' : 'forbidden';
    case 'planOfOwnProvince': {
      const plan = planScope(db, input.params.planId);
      return plan && plan.province_id === user.provinceId ? 'allow' : 'notFound';
    }
    case 'publishedPlan': {
      const plan = planScope(db, input.params.planId);
      return plan && plan.published_version !== null ? 'allow' : 'notFound';
    }
    case 'requestOfOwnProvince': {
      const request = requestScope(db, input.params.requestId);
      return request && request.province_id === user.provinceId ? 'allow' : 'notFound';
    }
    case 'ownRequest': {
      const request = requestScope(db, input.params.requestId);
      return request && request.operator === user.operator ? 'allow' : 'notFound';
    }
  }
}

function planScope(db: Database.Database, planId: unknown) {
  return db.prepare('SELECT province_id, published_version FROM plans WHERE id = ?').get(String(planId)) as
    | { province_id: string; published_version: number | null }
    | undefined;
}

function requestScope(db: Database.Database, requestId: unknown) {
  return db.prepare('SELECT province_id, operator FROM colocation_requests WHERE id = ?').get(String(requestId)) as
    | { province_id: string; operator: string }
    | undefined;
}
