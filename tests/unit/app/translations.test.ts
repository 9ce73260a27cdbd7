import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STRINGS } from '../../../src/app/i18n/strings';
import { findUntranslatedText } from './findUntranslatedText';

/** Keys whose Vietnamese and English are the same on purpose: names, units, symbols. */
// Names that are the same in both languages: a model's name, province names, the currency's own name.
const SAME_IN_BOTH = new Set<string>(['model_cost231', 'preset_ha_noi', 'preset_hai_duong', 'currencyVnd']);

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsxFiles(path);
    return path.endsWith('.tsx') ? [path] : [];
  });
}

describe('every string in both languages', () => {
  it('has a Vietnamese and an English text for every key, different unless the same on purpose', () => {
    const problems: string[] = [];
    for (const [key, texts] of Object.entries(STRINGS) as Array<[string, { vi: string; en: string }]>) {
      if (!texts.vi.trim() || !texts.en.trim()) problems.push(`${key}: empty`);
      else if (texts.vi === texts.en && !SAME_IN_BOTH.has(key)) problems.push(`${key}: the same in both (${texts.en})`);
    }
    for (const key of SAME_IN_BOTH) if (!(key in STRINGS)) problems.push(`${key}: whitelisted but not a key`);
    expect(problems).toEqual([]);
  });

  it('shows no English text in a .tsx file outside t()', () => {
    const files = tsxFiles('src/app');
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((file) =>
      findUntranslatedText(readFileSync(file, 'utf8')).map(({ line, text }) => `${file}:${line}: ${text}`),
    );
    expect(found).toEqual([]);
  });

  it('catches the literals it is meant to catch, and leaves code and translated text alone', () => {
    const source = [
      'export function Untranslated({ language, t }: Props) {',
      '  // A comment in English is not text.',
      '  if (language) {',
      '    void 0;',
      '  } else {',
      '    void 1;',
      '  }',
      '  return (',
      '    <div className={language ? "tab active" : "tab"}>',
      '      <button type="button">Run the coverage</button>',
      '      <input placeholder="Search masts" data-testid="search" />',
      "      {language === 'vi' ? 'Đường' : 'Road'}",
      '      <p>',
      "        {t('province')}: <strong>{name}</strong> 4G, 100 MHz",
      '      </p>',
      '      <h1>CoSite</h1>',
      '      <p>',
      '        Several lines',
      '        of English',
      '      </p>',
      '    </div>',
      '  );',
      '}',
    ].join('\n');
    expect(findUntranslatedText(source)).toEqual([
      { line: 10, text: 'Run the coverage' },
      { line: 18, text: 'Several lines of English' },
      { line: 11, text: 'Search masts' },
      { line: 12, text: 'Road' },
    ]);
  });
});
