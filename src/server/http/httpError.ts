/** An error the API answers with its own status and a message meant for the person using the app. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: string;
  message: string;
  details?: unknown;
}

export const notFound = (what = 'not found') => new HttpError(404, 'not_found', what);
export const forbidden = (message = 'your account may not do this') => new HttpError(403, 'forbidden', message);

/** The account of a route that the authorization rules only open to logged-in roles. */
export function signedIn<T>(user: T | null): T {
  if (!user) throw new HttpError(401, 'unauthenticated', 'log in first (POST /api/session)');
  return user;
}
