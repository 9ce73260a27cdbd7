/** One attribute read from a placemark's HTML description. */
export interface DescriptionField {
  name: string;
  value: string;
}

/**
 * Fields a description can list before the rest is taken for prose: a station list has tens of attributes, and a
 * hostile one with a hundred thousand would become as many columns in the preview and the reader.
 */
export const MAX_DESCRIPTION_FIELDS = 1_000;

/** Longest "name" in a "name: value" line: longer text before a colon is a sentence, not a field name. */
const MAX_LINE_NAME_CHARS = 40;

/** Most words in a "name: value" line's name ("Độ cao đỉnh cột anten (m)" has 6). */
const MAX_LINE_NAME_WORDS = 6;

/**
 * Name/value pairs in a placemark's description, as ArcGIS ("Layer To KML"), QGIS and Google Earth write attributes
 * there instead of in ExtendedData:
 * - rows of an HTML table with exactly two cells (td or th), name then value; rows of one cell (ArcGIS's title row),
 *   of three or more, with a cell spanning columns or rows, or holding a table of its own are skipped. Rows of nested
 *   tables count (ArcGIS puts its attribute table inside a cell of an outer one);
 * - when no such row is found, "name: value" lines separated by <br> (or p, div, li, tr; a text with no such tag is
 *   prose, whatever its colons): a name of at most 40 characters and 6 words with a letter in it, so that a sentence
 *   with a colon ("moved in 2019: see the report") and times ("10:30") are not taken.
 * Tags inside cells are dropped, entities decoded (named common and Latin-1 ones, numeric), whitespace collapsed
 * and trimmed, a name's trailing colon dropped; ArcGIS's "<Null>" reads as empty. A name given twice keeps its first
 * value; at most MAX_DESCRIPTION_FIELDS are read. HTML escaped twice (no tag, "&lt;table&gt;") is unescaped first.
 * Plain prose gives no fields.
 * Limits: one pass over the text from '<' to '<' (each tag's '>' searched once, comments and script/style skipped
 * whole), tables nested at most 32 deep, and regexes only of bounded or single-run form, so a hostile description costs
 * time in proportion to its length (about 0.1-0.4 s per MB here). A '>' inside an attribute's quotes ends the tag
 * early, and a description written as KML elements rather than text (no CDATA, not escaped) never gets here: the XML
 * reader has already flattened it to its text.
 */
export function readDescriptionFields(description: string): DescriptionField[] {
  // HTML escaped twice (inside CDATA as well): "&lt;table&gt;" with no tag at all is taken as the markup it stands for.
  const html = !description.includes('<') && description.includes('&lt;') ? decodeEntities(description) : description;
  const scan = scanDescription(html);
  const fields = new FieldList();
  for (const [name, value] of scan.rows) fields.add(name, value);
  if (fields.list.length > 0 || !scan.broken) return fields.list;
  for (const line of scan.lines) {
    const pair = splitLine(line);
    if (pair) fields.add(pair[0], pair[1]);
  }
  return fields.list;
}

/** Pairs in order, first value of each name kept, at most MAX_DESCRIPTION_FIELDS. */
class FieldList {
  readonly list: DescriptionField[] = [];
  private readonly names = new Set<string>();

  add(rawName: string, rawValue: string): void {
    const name = rawName.endsWith(':') ? rawName.slice(0, -1).trimEnd() : rawName;
    if (name === '' || this.names.has(name) || this.list.length >= MAX_DESCRIPTION_FIELDS) return;
    this.names.add(name);
    this.list.push({ name, value: /^<null>$/i.test(rawValue) ? '' : rawValue });
  }
}

interface Row {
  cells: string[];
  /** A cell spans columns or rows, or holds a table: not a name/value row. */
  skip: boolean;
  /** Text parts of the cell being read, or null between cells. */
  cell: string[] | null;
}

interface Table {
  row: Row | null;
}

/** Tables nested deeper are read as part of the one around them (ArcGIS nests two; a hostile file a million). */
const MAX_TABLE_DEPTH = 32;

/** Tags after which a "name: value" line ends (open or closing). */
const LINE_BREAK_TAGS = new Set([
  'br',
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'tr',
  'table',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);

/** Elements whose text is not content. */
const RAW_TEXT_TAGS = new Set(['script', 'style', 'title']);

/**
 * Two-cell rows (name and value, cleaned), the text's lines (decoded, not collapsed) and whether a tag broke it into
 * lines, in one pass. Table tags are
 * taken as HTML takes them when left open: a <td> opens a row, a <tr> closes the previous one, text outside any
 * table belongs to the lines only.
 */
function scanDescription(text: string): { rows: [string, string][]; lines: string[]; broken: boolean } {
  const rows: [string, string][] = [];
  const lines: string[] = [];
  let line: string[] = [];
  let broken = false;
  const tables: Table[] = [];
  let rawUntil: string | null = null;
  // Tables opened past MAX_TABLE_DEPTH: their tags go to the deepest table kept.
  let ignoredTables = 0;
  let textStart = 0;

  const addText = (end: number) => {
    if (end <= textStart || rawUntil !== null) return;
    const decoded = decodeEntities(text.slice(textStart, end));
    line.push(decoded);
    const cell = tables.at(-1)?.row?.cell;
    if (cell) cell.push(decoded);
  };
  const breakLine = () => {
    broken = true;
    if (line.length > 0) lines.push(line.join(''));
    line = [];
  };
  const closeCell = (row: Row) => {
    if (row.cell === null) return;
    row.cells.push(row.cell.length === 0 ? '' : collapse(row.cell.join('')));
    row.cell = null;
  };
  const closeRow = (table: Table) => {
    const row = table.row;
    if (row === null) return;
    closeCell(row);
    if (!row.skip && row.cells.length === 2 && rows.length < MAX_DESCRIPTION_FIELDS) {
      rows.push([row.cells[0], row.cells[1]]);
    }
    table.row = null;
  };
  const currentTable = () => {
    if (tables.length === 0) tables.push({ row: null });
    return tables[tables.length - 1];
  };

  let at = text.indexOf('<');
  while (at >= 0) {
    if (text.startsWith('<!--', at)) {
      addText(at);
      const end = text.indexOf('-->', at + 4);
      if (end < 0) {
        textStart = text.length;
        break;
      }
      textStart = end + 3;
      at = text.indexOf('<', textStart);
      continue;
    }
    const closing = text.charCodeAt(at + 1) === 47;
    const nameStart = at + (closing ? 2 : 1);
    const declaration = !closing && (text.charCodeAt(nameStart) === 33 || text.charCodeAt(nameStart) === 63);
    let nameEnd = nameStart;
    while (nameEnd < text.length && isAsciiLetterOrDigit(text.charCodeAt(nameEnd))) nameEnd++;
    if (!declaration && (nameEnd === nameStart || !isAsciiLetter(text.charCodeAt(nameStart)))) {
      // "a < b", "<3": text, as a browser shows it.
      at = text.indexOf('<', at + 1);
      continue;
    }
    const tagEnd = text.indexOf('>', nameEnd);
    if (tagEnd < 0) break; // no '>' in the rest: all of it is text
    addText(at);
    textStart = tagEnd + 1;
    at = text.indexOf('<', textStart);
    if (declaration) continue; // <!DOCTYPE ...>, <?xml ...?>
    const name = text.slice(nameStart, nameEnd).toLowerCase();
    if (rawUntil !== null) {
      if (closing && name === rawUntil) rawUntil = null;
      continue;
    }
    if (!closing && RAW_TEXT_TAGS.has(name)) {
      rawUntil = name;
      continue;
    }
    if (LINE_BREAK_TAGS.has(name)) breakLine();
    switch (name) {
      case 'table': {
        if (closing && ignoredTables > 0) ignoredTables--;
        else if (closing) {
          const table = tables.pop();
          if (table) closeRow(table);
        } else {
          const row = tables.at(-1)?.row;
          if (row?.cell) row.skip = true;
          if (tables.length < MAX_TABLE_DEPTH) tables.push({ row: null });
          else ignoredTables++;
        }
        break;
      }
      case 'tr': {
        const table = currentTable();
        closeRow(table);
        if (!closing) table.row = { cells: [], skip: false, cell: null };
        break;
      }
      case 'td':
      case 'th': {
        line.push(' '); // cells of a row that is read as a line
        const table = currentTable();
        if (closing) {
          if (table.row) closeCell(table.row);
          break;
        }
        if (table.row === null) table.row = { cells: [], skip: false, cell: null };
        closeCell(table.row);
        table.row.cell = [];
        if (tagEnd > nameEnd + 1 && spansCells(text, nameEnd, tagEnd)) table.row.skip = true;
        break;
      }
      case 'br': {
        const cell = tables.at(-1)?.row?.cell;
        if (cell) cell.push(' ');
        break;
      }
    }
  }
  addText(text.length);
  if (line.length > 0) lines.push(line.join(''));
  while (tables.length > 0) closeRow(tables.pop() as Table);
  return { rows, lines, broken };
}

/** Whether a cell's attributes (text[from, to)) give it a colspan or rowspan above 1. */
function spansCells(text: string, from: number, to: number): boolean {
  const attributes = text.slice(from, to).toLowerCase();
  for (const attribute of ['colspan', 'rowspan']) {
    let found = attributes.indexOf(attribute);
    while (found >= 0) {
      let k = found + attribute.length;
      while (k < attributes.length && isSpace(attributes.charCodeAt(k))) k++;
      if (attributes.charCodeAt(k) === 61) {
        k++;
        while (k < attributes.length && isSpace(attributes.charCodeAt(k))) k++;
        if (attributes.charCodeAt(k) === 34 || attributes.charCodeAt(k) === 39) k++;
        const digits = k;
        while (k < attributes.length && attributes.charCodeAt(k) >= 48 && attributes.charCodeAt(k) <= 57) k++;
        if (Number(attributes.slice(digits, k) || '1') > 1) return true;
      }
      found = attributes.indexOf(attribute, found + attribute.length);
    }
  }
  return false;
}

/**
 * "Name: value" split at the first colon, cleaned, when the name looks like a field name (see readDescriptionFields).
 * The value is cleaned only for a name that passes.
 */
function splitLine(line: string): [string, string] | null {
  const colon = line.indexOf(':');
  // White space before collapsing (indentation, line ends) may make a name a few times longer, not hundreds.
  if (colon <= 0 || colon > MAX_LINE_NAME_CHARS * 25) return null;
  const name = collapse(line.slice(0, colon));
  if (name.length === 0 || name.length > MAX_LINE_NAME_CHARS) return null;
  if (name.split(' ').length > MAX_LINE_NAME_WORDS || !/\p{L}/u.test(name)) return null;
  const value = collapse(line.slice(colon + 1));
  if (value.startsWith('//')) return null; // a bare address: "http://..."
  return [name, value];
}

/** Runs of white space (with no-break spaces) as one space, trimmed. */
function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Entities with a name: XML's, the common typographic ones, and Latin-1 letters (older exporters write "M&atilde;").
 * Others are left as written.
 */
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  deg: '°',
  copy: '©',
  reg: '®',
  middot: '·',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  bull: '•',
  times: '×',
  divide: '÷',
  plusmn: '±',
  micro: 'µ',
  sup2: '²',
  sup3: '³',
  frac12: '½',
  euro: '€',
};

// Latin-1 letters by their HTML names: upper case from U+00C0, the same names in lower case from U+00E0 (× and ÷,
// which sit between, are above; ß has no upper case and ÿ no lower-case row of its own).
const LATIN1_LETTERS =
  'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde ' +
  'Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN';
LATIN1_LETTERS.split(' ').forEach((name, index) => {
  if (name === 'times') return;
  NAMED_ENTITIES[name] = String.fromCharCode(0xc0 + index);
  NAMED_ENTITIES[name.toLowerCase()] = String.fromCharCode(0xe0 + index);
});
NAMED_ENTITIES.szlig = 'ß';
NAMED_ENTITIES.yuml = 'ÿ';

/** Bounded quantifiers only: at most 33 characters are looked at from each '&'. */
const ENTITY = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, body: string) => {
    if (body.charCodeAt(0) !== 35) return Object.hasOwn(NAMED_ENTITIES, body) ? NAMED_ENTITIES[body] : whole;
    const hex = body.charCodeAt(1) === 120 || body.charCodeAt(1) === 88;
    const code = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
    const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
    return valid ? String.fromCodePoint(code) : '\ufffd';
  });
}

function isAsciiLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

function isAsciiLetterOrDigit(code: number): boolean {
  return isAsciiLetter(code) || (code >= 48 && code <= 57);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12;
}
