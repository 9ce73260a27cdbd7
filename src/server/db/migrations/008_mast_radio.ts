/**
 * What a station list says about the radios on a mast, kept with the mast so that an operator's list saved on the
 * server gives the same 4G/5G figures and sector predictions after a reload as before it was saved:
 * - `has_4g`: 0 when the file says the mast carries no 4G, 1 when it says it does; NULL: not said (4G for every
 *   tenant, the core's default);
 * - `tenants_5g`: the tenants running 5G on the mast (a JSON list, like `tenants`); NULL: not said (no 5G);
 * - `radius_5g_m`: the 5G reach for the fixed-radius mode, when the file gives it;
 * - `azimuths_deg`, `tilts_deg`, `bands`: the sectors' azimuths and downtilts (JSON lists of numbers) and the bands as
 *   written (a JSON list of strings), when the file gives them.
 * The same column types in both engines (an integer 0/1 rather than PostgreSQL's boolean): the store writes one set
 * of values for either.
 */
const columns = (real: string) => `
ALTER TABLE masts ADD COLUMN has_4g INTEGER CHECK (has_4g IS NULL OR has_4g IN (0, 1));
ALTER TABLE masts ADD COLUMN tenants_5g TEXT;
ALTER TABLE masts ADD COLUMN radius_5g_m ${real} CHECK (radius_5g_m IS NULL OR radius_5g_m > 0);
ALTER TABLE masts ADD COLUMN azimuths_deg TEXT;
ALTER TABLE masts ADD COLUMN tilts_deg TEXT;
ALTER TABLE masts ADD COLUMN bands TEXT;
`;

export const up = columns('REAL');
export const postgres = columns('DOUBLE PRECISION');
