import type { Role } from '../auth/sessionUser';

/**
 * How far a role's access to a route reaches, checked after the input is validated:
 * - `any`: every province / every record the route serves (the route may still filter, e.g. an operator's list)
 * - `ownProvince`: the `:provinceId` in the path is the planner's province (else 403; province ids are public)
 * - `ownProvinceFilter`: a `provinceId` query filter, when given, is the planner's province (else 403); the route
 *   then limits its answer to that province
 * - `ownOperatorFilter`: an `operator` query filter, when given, is the account's operator (else 403)
 * - `planOfOwnProvince`, `publishedPlan`: the `:planId` belongs to the planner's province / has a published version
 * - `requestOfOwnProvince`, `ownRequest`: the `:requestId` is in the planner's province / was filed by the operator
 * Checks on records answer 404, exactly as for a record that does not exist, so ids of other parties' plans and
 * requests cannot be probed.
 */
export type ScopeName =
  | 'any'
  | 'ownProvince'
  | 'ownProvinceFilter'
  | 'ownOperatorFilter'
  | 'planOfOwnProvince'
  | 'publishedPlan'
  | 'requestOfOwnProvince'
  | 'ownRequest';

export type RouteRule =
  /** Anyone, logged in or not. */
  | { public: true }
  /** Only the listed roles, each within its scope; every other role gets 403 and no session gets 401. */
  | { public?: false; roles: Partial<Record<Role, ScopeName>> };

/**
 * THE authorization table: one entry per API route, `METHOD /path` exactly as registered. Deny by default: the
 * server refuses to start when an /api route has no entry here, and refuses a request whose route has none.
 * tests/unit/server/roleRouteMatrix.test.ts checks every role against every route.
 */
export const ROUTE_RULES: Readonly<Record<string, RouteRule>> = {
  'GET /api/health': { public: true },
  'GET /api/csrf': { public: true },
  'POST /api/session': { public: true },
  'GET /api/session': { roles: { ministry: 'any', province: 'any', operator: 'any' } },
  'DELETE /api/session': { roles: { ministry: 'any', province: 'any', operator: 'any' } },

  'GET /api/provinces': { roles: { ministry: 'any', province: 'any', operator: 'any' } },
  'GET /api/provinces/:provinceId': { roles: { ministry: 'any', province: 'ownProvince', operator: 'any' } },
  'PATCH /api/provinces/:provinceId/settings': { roles: { province: 'ownProvince' } },

  'GET /api/provinces/:provinceId/masts': { roles: { ministry: 'any', province: 'ownProvince', operator: 'any' } },
  // Operators import into any province, but only their own masts: the route refuses other operators' rows (403) and
  // ids of other operators' masts (409), and removes only the operator's own masts.
  'GET /api/provinces/:provinceId/masts/near': {
    roles: { ministry: 'any', province: 'ownProvince', operator: 'any' },
  },
  'POST /api/provinces/:provinceId/masts/import': { roles: { province: 'ownProvince', operator: 'any' } },
  'GET /api/provinces/:provinceId/proposed-sites': {
    roles: { ministry: 'any', province: 'ownProvince', operator: 'any' },
  },
  'GET /api/provinces/:provinceId/proposed-sites/backbone': {
    roles: { ministry: 'any', province: 'ownProvince', operator: 'any' },
  },

  'GET /api/provinces/:provinceId/plans': { roles: { ministry: 'any', province: 'ownProvince', operator: 'any' } },
  'POST /api/provinces/:provinceId/plans': { roles: { province: 'ownProvince' } },
  'GET /api/plans/:planId': { roles: { ministry: 'any', province: 'planOfOwnProvince', operator: 'publishedPlan' } },
  'PUT /api/plans/:planId': { roles: { province: 'planOfOwnProvince' } },
  'POST /api/plans/:planId/publish': { roles: { province: 'planOfOwnProvince' } },
  'GET /api/plans/:planId/versions': { roles: { ministry: 'any', province: 'planOfOwnProvince' } },
  'GET /api/plans/:planId/versions/:version': { roles: { ministry: 'any', province: 'planOfOwnProvince' } },

  'GET /api/requests': { roles: { ministry: 'any', province: 'ownProvinceFilter', operator: 'ownOperatorFilter' } },
  'POST /api/requests': { roles: { operator: 'any' } },
  'GET /api/requests/:requestId': {
    roles: { ministry: 'any', province: 'requestOfOwnProvince', operator: 'ownRequest' },
  },
  'POST /api/requests/:requestId/submit': { roles: { operator: 'ownRequest' } },
  'POST /api/requests/:requestId/withdraw': { roles: { operator: 'ownRequest' } },
  'POST /api/requests/:requestId/report-built': { roles: { operator: 'ownRequest' } },
  'POST /api/requests/:requestId/approve': { roles: { province: 'requestOfOwnProvince' } },
  'POST /api/requests/:requestId/reject': { roles: { province: 'requestOfOwnProvince' } },

  'GET /api/readiness/targets': { roles: { ministry: 'any', province: 'any', operator: 'any' } },
  'PUT /api/readiness/targets': { roles: { ministry: 'any' } },
  'GET /api/readiness/province-records': { roles: { ministry: 'any' } },

  'GET /api/audit': { roles: { ministry: 'any', province: 'ownProvinceFilter' } },
  'GET /api/audit.csv': { roles: { ministry: 'any', province: 'ownProvinceFilter' } },
};

export function routeKey(method: string, url: string): string {
  return `${method.toUpperCase()} ${url}`;
}
