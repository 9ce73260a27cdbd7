/**
 * Undo/redo over immutable snapshots. One user gesture is one step: edits sharing a `gestureKey` within
 * `COALESCE_MS` (typing digits into one field, dragging one slider) merge into the step already on the stack.
 */
export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  lastGestureKey: string | null;
  lastEditAt: number;
}

export const HISTORY_LIMIT = 100;
export const COALESCE_MS = 800;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastGestureKey: null, lastEditAt: 0 };
}

export function recordEdit<T>(history: History<T>, next: T, gestureKey: string | null, nowMs: number): History<T> {
  if (next === history.present) return history;
  const coalesce =
    gestureKey !== null && gestureKey === history.lastGestureKey && nowMs - history.lastEditAt < COALESCE_MS;
  return {
    past: coalesce ? history.past : [...history.past, history.present].slice(-HISTORY_LIMIT),
    present: next,
    future: [],
    lastGestureKey: gestureKey,
    lastEditAt: nowMs,
  };
}

export function undo<T>(history: History<T>): History<T> {
  if (history.past.length === 0) return history;
  return {
    past: history.past.slice(0, -1),
    present: history.past[history.past.length - 1],
    future: [history.present, ...history.future],
    lastGestureKey: null,
    lastEditAt: 0,
  };
}

export function redo<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history;
  return {
    past: [...history.past, history.present],
    present: history.future[0],
    future: history.future.slice(1),
    lastGestureKey: null,
    lastEditAt: 0,
  };
}

/** Replaces the present without an undo step (loading a saved project, opening a share link). */
export function resetHistory<T>(present: T): History<T> {
  return createHistory(present);
}
