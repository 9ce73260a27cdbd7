import type { SessionUser } from '../auth/sessionUser';
import type { Sql } from '../db/sqlDatabase';
import type { ScopeName } from './routeRules';

export type ScopeDecision = 'allow' | 'forbidden' | 'notFound';

interface ScopeInput {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
}

/** Whether `user` may reach the record or province a request names, per its route's scope (see ScopeName). */
export async function checkScope(
  db: Sql,
  scope: ScopeName,
  user: SessionUser,
  input: ScopeInput,
): Promise<ScopeDecision> {
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
      const plan = await planScope(db, input.params.planId);
      return plan && plan.province_id === user.provinceId ? 'allow' : 'notFound';
    }
    case 'publishedPlan': {
      const plan = await planScope(db, input.params.planId);
      return plan && plan.published_version !== null ? 'allow' : 'notFound';
    }
    case 'requestOfOwnProvince': {
      const request = await requestScope(db, input.params.requestId);
      return request && request.province_id === user.provinceId ? 'allow' : 'notFound';
    }
    case 'ownRequest': {
      const request = await requestScope(db, input.params.requestId);
      return request && request.operator === user.operator ? 'allow' : 'notFound';
    }
  }
}

function planScope(db: Sql, planId: unknown) {
  return db.get<{ province_id: string; published_version: number | null }>(
    'SELECT province_id, published_version FROM plans WHERE id = ?',
    [String(planId)],
  );
}

function requestScope(db: Sql, requestId: unknown) {
  return db.get<{ province_id: string; operator: string }>(
    'SELECT province_id, operator FROM colocation_requests WHERE id = ?',
    [String(requestId)],
  );
}
