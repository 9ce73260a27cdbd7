import { ApiError } from '../server/apiClient';

/** A server refusal naming a mast by its place in the import (`details.index`), with that mast's file row added. */
export function withFileRow(error: unknown, towerRows: readonly number[] | undefined): unknown {
  if (!(error instanceof ApiError) || typeof error.details !== 'object' || error.details === null) return error;
  const details = error.details as Record<string, unknown>;
  // Invalid input names each mast by its path among those sent (`towers.12.heightM`): each gets its file row too.
  if (Array.isArray(details.issues)) {
    const issues = details.issues.map((issue: unknown) => {
      const path = (issue as { path?: unknown })?.path;
      const index = typeof path === 'string' ? /^towers\.(\d+)(\.|$)/.exec(path)?.[1] : undefined;
      const row = index === undefined ? undefined : towerRows?.[Number(index)];
      return row === undefined ? issue : { ...(issue as object), row };
    });
    return new ApiError(error.status, error.code, error.message, { ...details, issues }, error.retryAfterS);
  }
  const row = typeof details.index === 'number' ? towerRows?.[details.index] : undefined;
  if (row === undefined) return error;
  return new ApiError(error.status, error.code, error.message, { ...details, row }, error.retryAfterS);
}
