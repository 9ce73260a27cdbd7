import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../../../src/core/io/parseJsonText';

describe('parseJsonText on hostile nesting (a 5 KB file crashed the readers with "Maximum call stack size exceeded")', () => {
  it('text that stops inside 5,000 open arrays breaks at its end: line 1, column 5,001', () => {
    expect(parseJsonText('['.repeat(5000))).toEqual({
      error: 'Unexpected end of JSON input (line 1, column 5001)',
      line: 1,
      column: 5001,
    });
  });

  it('an error deeper than the scanner can recurse keeps the engine message, without a position', () => {
    const parsed = parseJsonText(`${'['.repeat(100_000)}}`);
    expect(parsed).toHaveProperty('error');
    expect(parsed).not.toHaveProperty('line');
    expect((parsed as { error: string }).error).toMatch(/not valid JSON/);
  });

  it('a shallow error still has its line and column (the scanner finds it)', () => {
    expect(parseJsonText('{\n  "a": 1,\n  }')).toMatchObject({ line: 3, column: 3 });
  });
});
