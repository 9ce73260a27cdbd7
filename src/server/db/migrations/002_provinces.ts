import { PROVINCES } from '../../provinces';

/** The 34 provinces in force since 1 July 2025, with the demo dataset's codes VN01..VN34. */
export const up = `INSERT INTO provinces (id, name) VALUES\n${PROVINCES.map(
  (province) => `  ('${province.id}', '${province.name.replaceAll("'", "''")}')`,
).join(',\n')};`;
