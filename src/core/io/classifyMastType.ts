import { MAST_TYPES, type MastType } from '../model/tower';
import { normalizeText } from '../util/normalizeText';
import { ownValue } from '../util/ownProperty';

/**
 * What a mast-type word of a file stands for, in the classes of Joint Circular 15/2016/TTLT-BTTTT-BXD:
 * - `A1`: non-bulky (a pole on a building at most 3 m and 20% of its height, or camouflaged: "cột cóc", "ngụy trang");
 * - `A2a`: a bulky mast on a building (a self-supporting or guyed tower on the roof);
 * - `A2b` / `A2c`: a mast on the ground up to 50 m / over 50 m;
 * - `ground`: a ground mast whose class follows from the row's height ("cột tự đứng", "cột dây co", "monopole"):
 *   A2c above 50 m, else A2b;
 * - `unknown`: the word says nothing the rules can use; the field is left empty without a warning (the user said so).
 */
export type MastTypeChoice = MastType | 'ground' | 'unknown';

export const MAST_TYPE_CHOICES: readonly MastTypeChoice[] = [...MAST_TYPES, 'ground', 'unknown'];

/** Height above which a ground mast is A2c rather than A2b, metres (JC 15/2016). */
export const A2C_MIN_HEIGHT_M = 50;

export interface MastTypeProposal {
  choice: MastTypeChoice;
  /** 0-1: how sure the word list is. */
  confidence: number;
}

/** The key a value mapping uses for a file's word: lower case, no diacritics (đ -> d), single spaces. */
export function categoricalValueKey(value: string): string {
  // Every row of a file asks for the key of its operator and mast type: a few dozen words, a million times.
  let key = keyCache.get(value);
  if (key === undefined) {
    key = computeKey(value);
    if (keyCache.size >= 4096) keyCache.clear();
    keyCache.set(value, key);
  }
  return key;
}

const keyCache = new Map<string, string>();

function computeKey(value: string): string {
  return normalizeText(value, 'NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s_\-/.,()]+/g, ' ')
    .trim();
}

const CODES: Record<string, MastType> = {
  a1: 'A1',
  a1a: 'A1',
  a1b: 'A1',
  a2a: 'A2a',
  a2b: 'A2b',
  a2c: 'A2c',
};

const has = (key: string, words: readonly string[]) => words.some((word) => ` ${key} `.includes(` ${word} `));

const CAMOUFLAGE = ['nguy trang', 'than thien moi truong', 'camouflaged', 'camouflage', 'stealth', 'cot coc'];
const ROOFTOP = [
  'tren nha',
  'tren mai',
  'tren toa nha',
  'tren cong trinh',
  'san thuong',
  'mai nha',
  'rooftop',
  'roof top',
  'roof',
  'on building',
  'building',
];
const TOWER = [
  'tu dung',
  'day co',
  'self supporting',
  'selfsupporting',
  'sst',
  'lattice',
  'guyed',
  'guy',
  'tower',
  'cot thep',
];
const GROUND = [
  ...TOWER,
  'monopole',
  'don than',
  'cot don',
  'be tong',
  'concrete',
  'greenfield',
  'mat dat',
  'duoi dat',
  'ground',
];
const INDOOR = ['ibc', 'indoor', 'in building', 'small cell', 'smallcell', 'trong nha'];

/**
 * The class a file's mast-type word most likely means, or null when the word is not recognised. Vietnamese and English
 * words as operators' lists write them ("Cột tự đứng", "cột dây co", "Trên nhà", "cột cóc", "monopole", "rooftop",
 * "guyed", "self-supporting", "A2b").
 */
export function proposeMastType(value: string): MastTypeProposal | null {
  const key = categoricalValueKey(value);
  if (key === '') return null;
  const code = ownValue(CODES, key.replace(/ /g, ''));
  if (code) return { choice: code, confidence: 1 };
  if (has(key, CAMOUFLAGE)) return { choice: 'A1', confidence: 0.9 };
  if (has(key, ROOFTOP)) {
    // A tower standing on the roof is bulky (A2a); a pole there is non-bulky (A1) when small enough.
    return has(key, TOWER) ? { choice: 'A2a', confidence: 0.8 } : { choice: 'A1', confidence: 0.7 };
  }
  if (has(key, GROUND)) return { choice: 'ground', confidence: 0.8 };
  if (has(key, INDOOR)) return { choice: 'A1', confidence: 0.5 };
  return null;
}

/** The class of one row: `ground` by the row's height (unknown height: A2b, with a note). */
export function resolveMastTypeChoice(
  choice: MastTypeChoice,
  heightM: number | null,
): { mastType: MastType | null; note?: string } {
  if (choice === 'unknown') return { mastType: null };
  if (choice !== 'ground') return { mastType: choice };
  if (heightM === null) return { mastType: 'A2b', note: 'ground mast of unknown height taken as A2b (up to 50 m)' };
  return { mastType: heightM > A2C_MIN_HEIGHT_M ? 'A2c' : 'A2b' };
}
