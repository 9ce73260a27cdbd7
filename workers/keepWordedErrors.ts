import * as Comlink from 'comlink';

/**
 * Comlink sends a thrown Error across as its message, name and stack only; the readers' errors also carry a code, the
 * values it names and a hint (WordedMessage), which the UI needs to word them in its own language. This keeps them:
 * the worker side serializes them too, and Comlink's own deserializer assigns every field it gets back onto the Error.
 * Imported for its effect by the worker's entry.
 */
const base = Comlink.transferHandlers.get('throw') as Comlink.TransferHandler<
  { value: unknown },
  { isError: boolean; value: Record<string, unknown> }
>;

Comlink.transferHandlers.set('throw', {
  canHandle: base.canHandle,
  serialize(thrown: { value: unknown }) {
    const [wire, transfer] = base.serialize(thrown);
    const error = thrown.value as { code?: unknown; params?: unknown; hint?: unknown };
    if (wire.isError && error instanceof Error) {
      for (const key of ['code', 'params', 'hint'] as const) {
        // Structured-clone safe: strings, and plain objects of strings and numbers.
        if (error[key] === undefined) continue;
        try {
          wire.value[key] = JSON.parse(JSON.stringify(error[key]));
        } catch {
          // Not plain data (a function, a BigInt): left out; the message still says what happened.
        }
      }
    }
    return [wire, transfer];
  },
  deserialize: base.deserialize,
} as Comlink.TransferHandler<unknown, unknown>);
