import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportGeoJson } from '../../../src/core/export/exportGeoJson';
import { towersToFeatures } from '../../../src/core/export/towersToFeatures';
import { readTowerFile } from '../../../src/core/io/readTowerFile';
import { TowerFileError } from '../../../src/core/io/towerFileError';
import type { TowerParseResult } from '../../../src/core/io/towerParseResult';
import type { Tower } from '../../../src/core/model/tower';
import { seededRandom } from '../../../src/core/util/seededRandom';
import { shapefileZip, xlsxWith, zipWithLyingEntry } from '../../fixtures/hostile/makeHostileFiles';

/**
 * Issue 17, item 4: a seeded fuzzer over every tower reader. Real files (the demo towers' first rows, the GeoJSON,
 * KML, KMZ and workbook fixtures, a zipped shapefile as convert writes it) are mutated 10,000 times in all: byte
 * flips, truncation, delimiters removed and doubled, huge fields, NaN/Infinity/1e308 coordinates, wrong encodings,
 * line-ending mixes, zip bombs, nested zips, XML entities, lying headers. Each read must end in a result or a
 * TowerFileError (the readers' own one-line error; exit 2 on the command line), within 5 s; a mutation that touches
 * one row must leave every other row accepted with the same values; a change of encoding or line endings must leave
 * all of them. Counts per reader and mutation kind are printed. Same seed, same cases, every run.
 */
const SEED = 20_261_206;
const CASE_BUDGET_MS = 5_000;

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const integer = (random: Random, max: number) => Math.floor(random() * max);

/** What a mutation promises: which rows (1-based data rows / features) it may have changed. */
interface Mutated {
  bytes: Uint8Array;
  name: string;
  /** Rows the mutation touched; `null` when it may touch any (byte flips, truncation), `[]` when it touches none. */
  touched: number[] | null;
  /** Small zip limits, so that a bomb is stopped after a few MiB (the real limits are tested in hostileFiles). */
  zipLimits?: { maxEntryBytes: number; maxTotalBytes: number };
}
const SMALL_ZIP_LIMITS = { maxEntryBytes: 4 * 1024 * 1024, maxTotalBytes: 6 * 1024 * 1024 };
type Mutation = (random: Random) => Mutated;

const demoLines = readFileSync(new URL('../../../data/demo/towers.csv', import.meta.url), 'utf8')
  .split('\n')
  .slice(0, 31);
const csvText = `${demoLines.join('\n')}\n`;
const csvName = 'towers.csv';

/** Byte-level mutations any format gets. */
function byteMutations(source: () => Uint8Array, name: string): Record<string, Mutation> {
  return {
    byteFlips: (random) => {
      const bytes = source().slice();
      const flips = 1 + integer(random, 8);
      for (let i = 0; i < flips; i++) bytes[integer(random, bytes.length)] ^= 1 << integer(random, 8);
      return { bytes, name, touched: null };
    },
    truncation: (random) => ({ bytes: source().slice(0, integer(random, source().length)), name, touched: null }),
    sliceRepeated: (random) => {
      const bytes = source();
      const from = integer(random, bytes.length);
      const to = Math.min(bytes.length, from + 1 + integer(random, 64));
      const out = new Uint8Array(bytes.length + (to - from));
      out.set(bytes.subarray(0, to));
      out.set(bytes.subarray(from), to);
      return { bytes: out, name, touched: null };
    },
  };
}

/** A CSV with one data row (1-based) rewritten by `change`; the other rows untouched. */
function csvRowChanged(random: Random, change: (fields: string[], random: Random) => string): Mutated {
  const lines = csvText.split('\n');
  const row = 1 + integer(random, lines.length - 2);
  lines[row] = change(lines[row].split(','), random);
  return { bytes: strToU8(lines.join('\n')), name: csvName, touched: [row] };
}

const csvMutations: Record<string, Mutation> = {
  ...byteMutations(() => strToU8(csvText), csvName),
  delimiterRemoved: (random) =>
    csvRowChanged(random, (fields) => {
      const at = integer(random, fields.length - 1);
      return [...fields.slice(0, at), fields[at] + fields[at + 1], ...fields.slice(at + 2)].join(',');
    }),
  delimiterDoubled: (random) =>
    csvRowChanged(random, (fields) => {
      const at = integer(random, fields.length);
      return [...fields.slice(0, at), '', ...fields.slice(at)].join(',');
    }),
  hugeField: (random) =>
    csvRowChanged(random, (fields) => {
      const copy = [...fields];
      copy[integer(random, copy.length)] = pick(random, ['x', '""', 'é']).repeat(
        pick(random, [20_000, 200_000, 1_100_000]),
      );
      return copy.join(',');
    }),
  badCoordinate: (random) =>
    csvRowChanged(random, (fields) => {
      const copy = [...fields];
      copy[3 + integer(random, 2)] = pick(random, ['NaN', 'Infinity', '-Infinity', '1e308', '-1e308', '1e-320', '']);
      return copy.join(',');
    }),
  strayQuote: (random) =>
    csvRowChanged(random, (fields) => {
      const copy = [...fields];
      const at = integer(random, copy.length);
      copy[at] = pick(random, ['"', `"${copy[at]}`, `${copy[at]}"`, `"${copy[at]}"x`, `"a""b`]);
      return copy.join(',');
    }),
  controlCharacter: (random) =>
    csvRowChanged(random, (fields) => {
      const copy = [...fields];
      const at = integer(random, copy.length);
      copy[at] = `${copy[at]}${pick(random, ['\u0000', '\u0001', '\uFFFD', '\u2028'])}`;
      return copy.join(',');
    }),
  lineEndingMix: (random) => {
    const lines = csvText.split('\n');
    const text = lines.map((line, i) =>
      i === lines.length - 1 ? line : `${line}${pick(random, ['\n', '\r\n', '\r'])}`,
    );
    return { bytes: strToU8(text.join('')), name: csvName, touched: [] };
  },
  encoding: (random) => {
    const kind = pick(random, ['utf16le', 'utf16be', 'utf8Bom', 'sepLine']);
    if (kind === 'utf8Bom') return { bytes: strToU8(`\uFEFF${csvText}`), name: csvName, touched: [] };
    if (kind === 'sepLine') return { bytes: strToU8(`sep=,\r\n${csvText}`), name: csvName, touched: [] };
    const out = new Uint8Array(2 + csvText.length * 2);
    out.set(kind === 'utf16le' ? [0xff, 0xfe] : [0xfe, 0xff]);
    for (let i = 0; i < csvText.length; i++) {
      const code = csvText.charCodeAt(i);
      out[2 + i * 2 + (kind === 'utf16le' ? 0 : 1)] = code & 0xff;
      out[2 + i * 2 + (kind === 'utf16le' ? 1 : 0)] = code >> 8;
    }
    return { bytes: out, name: csvName, touched: [] };
  },
  lyingName: () => ({ bytes: strToU8(csvText), name: 'towers.xlsx', touched: [] }),
};

const geoJsonTowers = (): Tower[] =>
  demoLines.slice(1, 21).map((line) => {
    const [id, operator, , lon, lat, height] = line.split(',');
    return {
      id,
      operator,
      lon: Number(lon),
      lat: Number(lat),
      heightM: Number(height),
      radiusM: null,
      mastType: null,
      tenants: [operator],
    };
  });
const geoJsonText = exportGeoJson(towersToFeatures(geoJsonTowers()));
const geoJsonFixture = readFileSync(new URL('../../fixtures/towers/towers.geojson', import.meta.url));

const geoJsonMutations: Record<string, Mutation> = {
  ...byteMutations(() => strToU8(geoJsonText), 'towers.geojson'),
  fixtureFlips: byteMutations(() => new Uint8Array(geoJsonFixture), 'towers.geojson').byteFlips,
  badCoordinate: (random) => {
    const parsed = JSON.parse(geoJsonText) as { features: { geometry: { coordinates: unknown[] } }[] };
    const row = 1 + integer(random, parsed.features.length);
    const marker = '"__BAD__"';
    parsed.features[row - 1].geometry.coordinates[integer(random, 2)] = '__BAD__';
    const text = JSON.stringify(parsed).replace(
      marker,
      pick(random, ['NaN', 'Infinity', '-Infinity', '1e308', '1e999', 'null']),
    );
    return { bytes: strToU8(text), name: 'towers.geojson', touched: [row] };
  },
  deepNesting: (random) => {
    const depth = pick(random, [1_000, 50_000, 200_000]);
    const text = geoJsonText.replace('"coordinates":[', `"coordinates":${'['.repeat(depth)}`);
    return { bytes: strToU8(text), name: 'towers.geojson', touched: null };
  },
  lyingCrs: (random) => {
    const name = pick(random, ['urn:ogc:def:crs:EPSG::3405', 'urn:ogc:def:crs:EPSG::999999', 'EPSG:4326x', '']);
    const text = geoJsonText.replace(
      '{"type":"FeatureCollection"',
      `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"${name}"}}`,
    );
    return { bytes: strToU8(text), name: 'towers.geojson', touched: null };
  },
};

const kmlText = readFileSync(new URL('../../fixtures/import/towers_extended_data.kml', import.meta.url), 'utf8');
const kmzBytes = new Uint8Array(
  readFileSync(new URL('../../fixtures/import/towers_extended_data.kmz', import.meta.url)),
);

const kmlMutations: Record<string, Mutation> = {
  ...byteMutations(() => strToU8(kmlText), 'towers.kml'),
  xmlEntities: (random) => {
    const doctype = pick(random, [
      '<!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>',
      '<!DOCTYPE kml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
      '<!DOCTYPE kml [<!ENTITY x "x">]>',
    ]);
    const body = kmlText.replace(/^<\?xml[^>]*\?>\s*/, '');
    const text = `<?xml version="1.0"?>${doctype}${body.replace('<name>', '<name>&f;&xxe;&x;')}`;
    return { bytes: strToU8(text), name: 'towers.kml', touched: null };
  },
  utf16: () => {
    const out = new Uint8Array(2 + kmlText.length * 2);
    out.set([0xff, 0xfe]);
    for (let i = 0; i < kmlText.length; i++) {
      out[2 + i * 2] = kmlText.charCodeAt(i) & 0xff;
      out[3 + i * 2] = kmlText.charCodeAt(i) >> 8;
    }
    return { bytes: out, name: 'towers.kml', touched: [] };
  },
  badCoordinate: (random) => ({
    bytes: strToU8(
      kmlText.replace(/<coordinates>[^<,]*/, `<coordinates>${pick(random, ['NaN', 'Infinity', '1e308', ''])}`),
    ),
    name: 'towers.kml',
    touched: null,
  }),
};

const kmzMutations: Record<string, Mutation> = {
  ...byteMutations(() => kmzBytes, 'towers.kmz'),
  zipBomb: (random) => ({
    bytes: zipWithLyingEntry({}, 'doc.kml', pick(random, [8, 16]) * 1024 * 1024, pick(random, [100, 0, 5_000])),
    name: 'towers.kmz',
    touched: null,
    zipLimits: SMALL_ZIP_LIMITS,
  }),
  nestedZip: (random) => {
    const depth = 1 + integer(random, 3);
    let bytes = kmzBytes;
    for (let i = 0; i < depth; i++) bytes = zipSync({ [i === 0 ? 'inner.kmz' : 'inner.zip']: bytes });
    return { bytes, name: pick(random, ['towers.kmz', 'towers.zip']), touched: null };
  },
  kmlInsideFlipped: (random) => {
    const entries = unzipSync(kmzBytes);
    const name = Object.keys(entries).find((key) => key.endsWith('.kml')) as string;
    const text = strFromU8(entries[name]);
    const at = integer(random, text.length);
    entries[name] = strToU8(
      text.slice(0, at) + pick(random, ['<', '&', '"', ']]>', '&#0;', '\u0000']) + text.slice(at),
    );
    return { bytes: zipSync(entries), name: 'towers.kmz', touched: null };
  },
};

const shapefileTowers = geoJsonTowers().slice(0, 12);
const shapefileBytes = shapefileZip(shapefileTowers);

/** The zipped shapefile with one part's bytes rewritten by `change`. */
function shapefilePartChanged(
  extension: string,
  change: (bytes: Uint8Array, random: Random) => void,
  random: Random,
  touched: number[] | null,
): Mutated {
  const entries = unzipSync(shapefileBytes);
  const name = Object.keys(entries).find((key) => key.endsWith(extension)) as string;
  const bytes = entries[name].slice();
  change(bytes, random);
  entries[name] = bytes;
  return { bytes: zipSync(entries), name: 'towers.zip', touched };
}

const shapefileMutations: Record<string, Mutation> = {
  ...byteMutations(() => shapefileBytes, 'towers.zip'),
  dbfLyingCount: (random) =>
    shapefilePartChanged(
      '.dbf',
      (bytes) => new DataView(bytes.buffer).setUint32(4, pick(random, [13, 1000, 5_000_000, 0xffffffff]), true),
      random,
      [],
    ),
  dbfHeaderFlips: (random) =>
    shapefilePartChanged(
      '.dbf',
      (bytes) => {
        bytes[integer(random, 32)] ^= 1 << integer(random, 8);
      },
      random,
      null,
    ),
  shpRecordDamaged: (random) => {
    const record = integer(random, shapefileTowers.length);
    return shapefilePartChanged(
      '.shp',
      (bytes) => {
        // Point records are 28 bytes from offset 100: damage the header (number, length) or the shape type.
        const view = new DataView(bytes.buffer);
        const field = pick(random, [0, 4, 8]);
        // Record number and length are big-endian, the shape type little-endian.
        view.setInt32(100 + record * 28 + field, pick(random, [0x7ffffff0, -1, 0, 3, 99]), field === 8);
      },
      random,
      [record + 1],
    );
  },
  shxFlips: (random) =>
    shapefilePartChanged(
      '.shx',
      (bytes) => {
        bytes[integer(random, bytes.length)] ^= 1 << integer(random, 8);
      },
      random,
      null,
    ),
  nestedZip: (random) => ({
    bytes: zipSync({ 'inner.zip': shapefileBytes }),
    name: pick(random, ['towers.zip', 'x.shz']),
    touched: null,
  }),
};

const xlsxBase = await xlsxWith((xml) => xml, 8);
const xlsxFixture = new Uint8Array(readFileSync(new URL('../../fixtures/import/towers.xlsx', import.meta.url)));
const xlsxMutations: Record<string, Mutation> = {
  byteFlips: byteMutations(() => xlsxFixture, 'towers.xlsx').byteFlips,
  truncation: byteMutations(() => xlsxFixture, 'towers.xlsx').truncation,
  lyingRanges: (random) => {
    const entries = unzipSync(xlsxBase);
    const sheet = 'xl/worksheets/sheet1.xml';
    const range = pick(random, [
      'A1:XFD1048576',
      'A300:XFD1048576',
      'B2:B4',
      'A1:A1',
      'ZZZ9:A1',
      'A0:B-1',
      'XFD1048576:A1',
    ]);
    const what = pick(random, ['merge', 'validation', 'dimension', 'mergeMany']);
    let xml = strFromU8(entries[sheet]);
    if (what === 'merge')
      xml = xml.replace('</sheetData>', `</sheetData><mergeCells count="1"><mergeCell ref="${range}"/></mergeCells>`);
    if (what === 'mergeMany') {
      const many = Array.from({ length: 6000 }, (_, i) => `<mergeCell ref="A${i * 2 + 20}:C${i * 2 + 21}"/>`).join('');
      xml = xml.replace('</sheetData>', `</sheetData><mergeCells count="6000">${many}</mergeCells>`);
    }
    if (what === 'validation')
      xml = xml.replace(
        '</sheetData>',
        `</sheetData><dataValidations count="1"><dataValidation type="whole" sqref="${range} A1:C3"><formula1>1</formula1></dataValidation></dataValidations>`,
      );
    if (what === 'dimension') xml = xml.replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="${range}"/>`);
    entries[sheet] = strToU8(xml);
    return { bytes: zipSync(entries), name: 'towers.xlsx', touched: null };
  },
  sheetXmlFlipped: (random) => {
    const entries = unzipSync(xlsxBase);
    const name = pick(random, ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/workbook.xml', 'xl/styles.xml']);
    const text = strFromU8(entries[name] ?? new Uint8Array());
    const at = integer(random, text.length);
    entries[name] = strToU8(
      text.slice(0, at) + pick(random, ['<', '>', '"', '&', 'r="XFD1048576"', '<row r="1048576">']) + text.slice(at),
    );
    return { bytes: zipSync(entries), name: 'towers.xlsx', touched: null };
  },
  zipBomb: (random) => {
    const { 'xl/worksheets/sheet1.xml': _sheet, ...others } = unzipSync(xlsxBase);
    return {
      bytes: zipWithLyingEntry(others, 'xl/worksheets/sheet1.xml', pick(random, [70, 100]) * 1024 * 1024),
      name: 'towers.xlsx',
      touched: null,
    };
  },
};

/** Cases per reader: small inputs; workbooks cost most (exceljs), so they get fewer. */
const PLAN: { reader: string; mutations: Record<string, Mutation>; cases: number }[] = [
  { reader: 'csv', mutations: csvMutations, cases: 6_200 },
  { reader: 'geojson', mutations: geoJsonMutations, cases: 1_500 },
  { reader: 'kml', mutations: kmlMutations, cases: 800 },
  { reader: 'kmz', mutations: kmzMutations, cases: 500 },
  { reader: 'shapefile', mutations: shapefileMutations, cases: 700 },
  { reader: 'xlsx', mutations: xlsxMutations, cases: 300 },
];

interface Failure {
  reader: string;
  kind: string;
  caseNumber: number;
  problem: string;
}

/** Accepted towers by their row (CSV: data row; features: feature number), from a result. */
function towersByRow(result: TowerParseResult, rows: number[]): Map<number, unknown> {
  const rejectedRows = new Set(result.rejected.map((problem) => problem.row));
  const acceptedRows = rows.filter((row) => !rejectedRows.has(row));
  return new Map(result.towers.map((tower, i) => [acceptedRows[i], tower]));
}

describe('fuzzing the tower readers (issue 17)', () => {
  it('10,000 seeded mutations: only the readers’ own errors, each within 5 s, no good row lost', async () => {
    const random = seededRandom(SEED);
    const counts: Record<string, Record<string, { cases: number; read: number; refused: number; ms: number }>> = {};
    const failures: Failure[] = [];
    let slowest = { ms: 0, reader: '', kind: '' };
    let peakRssBytes = 0;
    const baselines = new Map<string, { result: TowerParseResult; ids: Map<string, unknown> }>();
    const baseline = async (reader: string, bytes: Uint8Array, name: string) => {
      if (!baselines.has(reader)) {
        const result = await readTowerFile(bytes, name);
        baselines.set(reader, { result, ids: new Map(result.towers.map((tower) => [tower.id, tower])) });
      }
      return baselines.get(reader) as { result: TowerParseResult; ids: Map<string, unknown> };
    };
    await baseline('csv', strToU8(csvText), csvName);
    await baseline('geojson', strToU8(geoJsonText), 'towers.geojson');
    await baseline('kml', strToU8(kmlText), 'towers.kml');
    await baseline('shapefile', shapefileBytes, 'towers.zip');
    let caseNumber = 0;
    for (const { reader, mutations, cases } of PLAN) {
      const kinds = Object.keys(mutations);
      counts[reader] = {};
      for (let i = 0; i < cases; i++) {
        caseNumber++;
        const kind = kinds[i % kinds.length];
        const mutated = mutations[kind](random);
        counts[reader][kind] ??= { cases: 0, read: 0, refused: 0, ms: 0 };
        const tally = counts[reader][kind];
        tally.cases++;
        const start = performance.now();
        let result: TowerParseResult | null = null;
        try {
          result = await readTowerFile(mutated.bytes, mutated.name, { zipLimits: mutated.zipLimits });
          tally.read++;
        } catch (error) {
          if (error instanceof TowerFileError && !/[\r\n]/.test(error.message)) tally.refused++;
          else failures.push({ reader, kind, caseNumber, problem: `threw ${String(error).slice(0, 200)}` });
        }
        const ms = performance.now() - start;
        tally.ms += ms;
        if (ms > slowest.ms) slowest = { ms, reader, kind };
        if (ms > CASE_BUDGET_MS) failures.push({ reader, kind, caseNumber, problem: `took ${ms.toFixed(0)} ms` });
        if (caseNumber % 500 === 0) peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss);
        const base = baselines.get(reader);
        if (mutated.touched === null || !base) continue;
        if (result === null) {
          failures.push({ reader, kind, caseNumber, problem: 'a row-local mutation made the whole file unreadable' });
          continue;
        }
        if (reader === 'csv' || reader === 'geojson' || reader === 'shapefile') {
          // Rows are numbered in both results: every untouched row accepted before is accepted now, unchanged.
          const rowCount =
            reader === 'csv' ? demoLines.length - 1 : base.result.towers.length + base.result.rejected.length;
          const rows = Array.from({ length: rowCount }, (_, k) => k + 1);
          const before = towersByRow(base.result, rows);
          const after = towersByRow(result, rows);
          for (const [row, tower] of before) {
            if (mutated.touched.includes(row)) continue;
            if (JSON.stringify(after.get(row)) !== JSON.stringify(tower)) {
              failures.push({
                reader,
                kind,
                caseNumber,
                problem: `row ${row} lost or changed: ${JSON.stringify(after.get(row))?.slice(0, 120)}`,
              });
              break;
            }
          }
        } else {
          for (const [id, tower] of base.ids) {
            if (JSON.stringify(result.towers.find((candidate) => candidate.id === id)) !== JSON.stringify(tower)) {
              failures.push({ reader, kind, caseNumber, problem: `tower ${id} lost or changed` });
              break;
            }
          }
        }
      }
    }
    const lines = Object.entries(counts).flatMap(([reader, kinds]) =>
      Object.entries(kinds).map(
        ([kind, tally]) =>
          `${reader.padEnd(10)} ${kind.padEnd(18)} ${String(tally.cases).padStart(5)} cases ${String(tally.read).padStart(5)} read ${String(tally.refused).padStart(5)} refused ${String(Math.round(tally.ms)).padStart(6)} ms`,
      ),
    );
    console.log(
      `fuzzReaders seed ${SEED}: ${caseNumber} cases, slowest ${slowest.ms.toFixed(0)} ms (${slowest.reader} ${slowest.kind}), ` +
        `peak RSS ${(peakRssBytes / 2 ** 20).toFixed(0)} MiB\n${lines.join('\n')}`,
    );
    expect(caseNumber).toBeGreaterThanOrEqual(10_000);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(peakRssBytes).toBeLessThan(1.5 * 2 ** 30);
  }, 300_000);
});
