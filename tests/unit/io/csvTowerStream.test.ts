import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvTowerStream } from '../../../src/core/io/csvTowerStream';
import { parseTowersCsv } from '../../../src/core/io/parseTowersCsv';
import { readTowersCsvChunked } from '../../../src/core/io/readTowersCsvChunked';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/towers/${name}`, import.meta.url), 'utf8');

function parseInPieces(text: string, cuts: number[]) {
  const stream = new CsvTowerStream();
  let from = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    stream.push(text.slice(from, cut));
    from = cut;
  }
  stream.push(text.slice(from));
  return stream.end();
}

describe('CsvTowerStream', () => {
  const texts = [
    fixture('bad_rows.csv'),
    fixture('good.csv'),
    fixture('semicolon_decimal_comma.csv'),
    'id,operator,lon,lat\n"A\nsecond, line",Viettel,108,16\nB,Viettel,x,16\r\n\r\nC,"Viet""tel",108,16\n',
    'id;operator;lon;lat\nA;Viettel;108;16\nB;"Viettel;108;16\nC;Viettel;108;16\n',
  ];

  it('gives the same rows, lines and reasons however the text is cut into pieces (fast-check)', () => {
    for (const text of texts) {
      const whole = parseTowersCsv(text);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 12 }), (cuts) => {
          expect(parseInPieces(text, cuts)).toEqual(whole);
        }),
        { numRuns: 150, seed: 20261130 },
      );
    }
  });

  it('reads a file larger than one 1 MB slice, a quoted line break sitting on a slice edge', async () => {
    const header = 'id,operator,lon,lat,note\n';
    // Each at its own place (at least 0.001° apart: no row is another's further station).
    const decimals = (value: number) => String(value).padStart(3, '0');
    const row = (i: number) => `T${i},Viettel,108.${decimals(i % 1000)},16.${decimals(i % 997)},plain\n`;
    let body = '';
    let i = 0;
    while (header.length + body.length < 1024 * 1024 - 40) body += row(i++);
    // A record whose quoted note spans the 1 MB boundary, then more rows.
    body += `Q,Viettel,108.1005,16.1005,"first line\nsecond line ${'x'.repeat(80)}"\n`;
    for (let k = 0; k < 1000; k++) body += row(i++);
    const text = header + body;
    const bytes = new TextEncoder().encode(text);
    expect(bytes.length).toBeGreaterThan(1024 * 1024);
    const chunked = await readTowersCsvChunked(bytes);
    const whole = parseTowersCsv(text);
    expect(chunked.towers).toHaveLength(whole.towers.length);
    expect(chunked.rejected).toEqual(whole.rejected);
    expect(chunked.towers.find((t) => t.id === 'Q')).toBeDefined();
    expect(chunked.towers.at(-1)?.id).toBe(whole.towers.at(-1)?.id);
  });
});
