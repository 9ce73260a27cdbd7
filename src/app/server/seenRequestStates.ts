import type { ColocationRequest } from './apiTypes';

type RequestState = ColocationRequest['state'];

const keyOf = (userId: number) => `cosite:seen-requests:${userId}`;

/**
 * The state of each request as this account last saw it in this browser (saved after every refresh), or null when
 * it has not been here before (or the browser keeps nothing): what a later visit compares with to say what changed
 * meanwhile.
 */
export function readSeenRequestStates(userId: number): Map<string, RequestState> | null {
  try {
    const text = localStorage.getItem(keyOf(userId));
    if (text === null) return null;
    const entries = JSON.parse(text) as unknown;
    if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) return null;
    return new Map(
      Object.entries(entries as Record<string, unknown>).filter(
        (entry): entry is [string, RequestState] => typeof entry[1] === 'string',
      ),
    );
  } catch {
    return null;
  }
}

/** Keeps the states of the requests the account sees now (a full browser storage only loses the comparison). */
export function saveSeenRequestStates(userId: number, requests: readonly ColocationRequest[]): void {
  try {
    localStorage.setItem(
      keyOf(userId),
      JSON.stringify(Object.fromEntries(requests.map((request) => [request.id, request.state]))),
    );
  } catch {
    // No storage (private mode, quota): the next visit just has nothing to compare with.
  }
}
