/**
 * What a user is told about a file: the reason in English (the command line's words, and the UI's fallback) and, where
 * the UI words it in its own language, a code and the values the message names. `hint` is a second message that
 * explains the first (the file's encoding under a missing-column error).
 */
export interface WordedMessage {
  reason: string;
  code?: string;
  params?: Record<string, string | number>;
  hint?: WordedMessage;
}

/** A worded message's code, values and hint, without its reason (what an error adds to its message). */
export type WordedFields = Omit<WordedMessage, 'reason'>;

/** The worded form of anything thrown: its message, and its code, values and hint when it carries them. */
export function wordedOf(error: unknown): WordedMessage {
  if (!(error instanceof Error)) return { reason: String(error) };
  const { code, params, hint } = error as Error & Partial<WordedMessage>;
  const worded: WordedMessage = { reason: error.message };
  if (typeof code === 'string') worded.code = code;
  if (params && typeof params === 'object') worded.params = params;
  if (hint && typeof hint === 'object' && typeof hint.reason === 'string') worded.hint = hint;
  return worded;
}

/**
 * An error the UI can word in its own language: the message is the one line the command line shows (and the UI's
 * fallback), `code`, `params` and `hint` those of WordedMessage. The file readers' errors extend it; the fields cross
 * the worker boundary (workers/keepWordedErrors).
 */
export class WordedError extends Error {
  readonly code?: string;
  readonly params?: Record<string, string | number>;
  readonly hint?: WordedMessage;

  constructor(message: string, worded: WordedFields = {}) {
    super(message);
    if (worded.code !== undefined) this.code = worded.code;
    if (worded.params !== undefined) this.params = worded.params;
    if (worded.hint !== undefined) this.hint = worded.hint;
  }
}
