/**
 * JSON.parse, with a failure turned into `{ error }`: the engine's message plus the line and column of the reported
 * position when the message gives only a character offset.
 */
export function parseJsonText(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    if (!position || /line \d+/.test(message)) return { error: message };
    const before = text.slice(0, Number(position[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return { error: `${message} (line ${line}, column ${column})` };
  }
}
