import * as initial from './001_initial';
import * as provinces from './002_provinces';
import * as mastProvenance from './003_mast_provenance';

export interface Migration {
  /** Applied in increasing order; never renumber or edit a released migration, add a new one. */
  version: number;
  name: string;
  up: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', up: initial.up },
  { version: 2, name: 'provinces', up: provinces.up },
  { version: 3, name: 'mast_provenance', up: mastProvenance.up },
];
