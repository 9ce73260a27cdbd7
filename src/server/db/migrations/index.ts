import * as initial from './001_initial';
import * as provinces from './002_provinces';
import * as mastProvenance from './003_mast_provenance';
import * as rateLimits from './004_rate_limits';
import * as rowLevelSecurity from './005_row_level_security';
import * as spatial from './006_spatial';
import * as readinessTargets from './007_readiness_targets';
import * as mastRadio from './008_mast_radio';

export interface Migration {
  /** Applied in increasing order; never renumber or edit a released migration, add a new one. */
  version: number;
  name: string;
  /** The same change in each engine's SQL: a version number means the same schema on both. */
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sqlite: initial.up, postgres: initial.postgres },
  { version: 2, name: 'provinces', sqlite: provinces.up, postgres: provinces.up },
  { version: 3, name: 'mast_provenance', sqlite: mastProvenance.up, postgres: mastProvenance.postgres },
  { version: 4, name: 'rate_limits', sqlite: rateLimits.up, postgres: rateLimits.postgres },
  { version: 5, name: 'row_level_security', sqlite: rowLevelSecurity.up, postgres: rowLevelSecurity.postgres },
  { version: 6, name: 'spatial', sqlite: spatial.up, postgres: spatial.postgres },
  { version: 7, name: 'readiness_targets', sqlite: readinessTargets.up, postgres: readinessTargets.postgres },
  { version: 8, name: 'mast_radio', sqlite: mastRadio.up, postgres: mastRadio.postgres },
];
