/**
 * Long calls in the core take these options: a progress callback (fraction 0..1) and an AbortSignal.
 * They yield to the event loop every `sliceMs` so that, inside a worker, a cancel message can arrive and be acted on.
 */
export interface LongCallOptions {
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export function isCancelledError(error: unknown): boolean {
  return error instanceof Error && error.name === 'CancelledError';
}

const SLICE_MS = 25;

/** A clock that yields to the event loop when the current slice of work has run long enough. */
export function createYieldClock(options: LongCallOptions, sliceMs = SLICE_MS) {
  let sliceStart = performance.now();
  return async function checkpoint(fraction: number): Promise<void> {
    if (options.signal?.aborted) throw new CancelledError();
    if (performance.now() - sliceStart < sliceMs) return;
    options.onProgress?.(fraction);
    // A macrotask, not a microtask: lets queued messages (cancel) run before the next slice.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (options.signal?.aborted) throw new CancelledError();
    sliceStart = performance.now();
  };
}
