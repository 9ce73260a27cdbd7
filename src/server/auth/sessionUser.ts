export type Role = 'ministry' | 'province' | 'operator';
export const ROLES: readonly Role[] = ['ministry', 'province', 'operator'];

/** The account behind a request, as the server resolved it from the session cookie. */
export interface SessionUser {
  id: number;
  username: string;
  role: Role;
  /** Set for province planners: the one province they plan. */
  provinceId: string | null;
  /** Set for operator accounts: the canonical operator name (see OPERATORS). */
  operator: string | null;
  /** SHA-256 of the session token: binds CSRF tokens to this session. */
  sessionHash: string;
}

/** Public view of an account (what GET /api/session returns). */
export function publicUser(user: SessionUser) {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    provinceId: user.provinceId,
    operator: user.operator,
  };
}
