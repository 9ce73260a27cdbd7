import { describe, expect, it } from 'vitest';
import { type FlagSpec, parseFlags } from '../../../src/cli/parseFlags';

const spec: FlagSpec = {
  towers: { type: 'string', valueName: 'FILE', description: 'towers' },
  json: { type: 'boolean', description: 'compact' },
  help: { type: 'boolean', description: 'help' },
};

describe('parseFlags', () => {
  it('reads --flag value, --flag=value and boolean flags', () => {
    expect(parseFlags(['--towers', 'a.csv', '--json'], spec)).toEqual({
      ok: true,
      flags: { towers: 'a.csv', json: true },
    });
    expect(parseFlags(['--towers=b=c.csv', '--json=false'], spec)).toEqual({
      ok: true,
      flags: { towers: 'b=c.csv', json: false },
    });
    expect(parseFlags(['-h'], spec)).toEqual({ ok: true, flags: { help: true } });
    expect(parseFlags([], spec)).toEqual({ ok: true, flags: {} });
  });

  it('returns one-line errors for unknown, repeated, valueless flags and stray arguments', () => {
    expect(parseFlags(['--tower', 'a.csv'], spec)).toEqual({
      ok: false,
      error: 'unknown flag --tower (flags: --towers, --json, --help)',
    });
    expect(parseFlags(['-x'], spec)).toMatchObject({ ok: false, error: expect.stringMatching(/^unknown flag -x/) });
    expect(parseFlags(['--towers'], spec)).toEqual({ ok: false, error: 'flag --towers needs a value: --towers FILE' });
    expect(parseFlags(['--towers', '--json'], spec)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/needs a value/),
    });
    expect(parseFlags(['--towers='], spec)).toEqual({ ok: false, error: 'flag --towers has an empty value' });
    expect(parseFlags(['--towers', 'a', '--towers', 'b'], spec)).toEqual({
      ok: false,
      error: 'flag --towers given twice',
    });
    expect(parseFlags(['--json=yes'], spec)).toMatchObject({ ok: false });
    expect(parseFlags(['a.csv'], spec)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^unexpected argument 'a.csv'/),
    });
    expect(parseFlags(['--toString'], spec)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^unknown flag --toString/),
    });
  });
});
