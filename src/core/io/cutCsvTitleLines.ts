import type { WordedMessage } from '../model/wordedMessage';
import { detectTextEncoding, textDecoderFor } from './decodeTextFile';
import { mergeTwoRowHeader } from './mergeTwoRowHeader';
import { readCsvTable } from './readCsvTable';
import { resolveTowerColumns } from './resolveTowerColumns';

/** How a line is rated as the header of a tower table: required columns found first, then the number of columns. */
export function towerHeaderScore(names: string[]): number {
  return (4 - resolveTowerColumns(names).missing.length) * 1000 + names.length;
}

/** Lines searched for the header: operators' exports put one or a few title lines above it. */
export const HEADER_SEARCH_RECORDS = 20;

/** The note a table whose header is written over two rows gets: the names it was read with. */
export function twoRowHeaderNote(names: readonly string[], line: number): WordedMessage {
  const shown = names.filter((name) => name !== '');
  const list = shown.length > 12 ? `${shown.slice(0, 12).join(', ')}, …` : shown.join(', ');
  return {
    reason: `the header is written over two rows (line ${line} and the next): read as one (${list})`,
    code: 'twoRowHeader',
    params: { line, names: list },
  };
}

/** The note a file with title lines gets (the lines are named, nothing is dropped silently). */
export function titleLinesNote(titles: readonly string[]): WordedMessage {
  const first = titles[0].length > 80 ? `${titles[0].slice(0, 80)}…` : titles[0];
  return {
    reason: `${titles.length} title line(s) above the header were skipped ('${first}')`,
    code: 'titleLinesSkipped',
    params: { count: titles.length, first },
  };
}

/**
 * A CSV export whose header comes after title lines ("DANH SÁCH TRẠM BTS ..." and a blank line, as Excel saves an
 * operator's sheet): the bytes from the header's line on (a UTF-8 byte-order mark kept), how many lines were cut and
 * the title lines' text. Null when the best header of the first 20 non-blank records is the first one. The header is
 * rated as the preview rates it (towerHeaderScore), so the dialog and the reader agree.
 */
export function cutCsvTitleLines(bytes: Uint8Array): {
  bytes: Uint8Array;
  skippedLines: number;
  titles: string[];
  /** A header over two rows: the names read together; the body then starts at its second row, read as the header. */
  twoRowHeader?: { names: string[]; line: number };
} | null {
  const encoding = detectTextEncoding(bytes);
  const head = textDecoderFor(encoding).decode(bytes.subarray(0, 64 * 1024), { stream: true });
  const table = readCsvTable(head, {
    score: towerHeaderScore,
    headerWithin: HEADER_SEARCH_RECORDS,
    maxRows: 0,
    mergeHeaderRows: mergeTwoRowHeader,
  });
  const twoRows = table.headerRows === 2 && table.subHeaderLine !== undefined;
  if (table.titleLines.length === 0 && !twoRows) return null;
  const skippedLines = (twoRows ? (table.subHeaderLine as number) : table.headerLine) - 1;
  // UTF-16 (Excel's "Unicode Text") is read in 2-byte units after its byte-order mark; the others byte by byte.
  const unit = encoding.label === 'utf-16le' || encoding.label === 'utf-16be' ? 2 : 1;
  const bom = unit === 2 ? 2 : bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const codeAt = (at: number) =>
    unit === 1
      ? bytes[at]
      : encoding.label === 'utf-16le'
        ? bytes[at] | (bytes[at + 1] << 8)
        : (bytes[at] << 8) | bytes[at + 1];
  // Line breaks as readCsvRecord counts them (\r\n, \n or \r), in code units: every supported encoding writes them as
  // single units that occur in no other character.
  let at = bom;
  let breaks = 0;
  while (at + unit <= bytes.length && breaks < skippedLines) {
    const code = codeAt(at);
    if (code === 0x0a) {
      breaks++;
      at += unit;
    } else if (code === 0x0d) {
      breaks++;
      at += at + 2 * unit <= bytes.length && codeAt(at + unit) === 0x0a ? 2 * unit : unit;
    } else at += unit;
  }
  if (breaks < skippedLines) return null;
  const body = new Uint8Array(bom + bytes.length - at);
  body.set(bytes.subarray(0, bom));
  body.set(bytes.subarray(at), bom);
  return {
    bytes: body,
    skippedLines,
    titles: table.titleLines,
    ...(twoRows ? { twoRowHeader: { names: table.header, line: table.headerLine } } : {}),
  };
}
