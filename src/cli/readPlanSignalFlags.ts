import type { SignalRunSettings } from '../core/coverage/prepareSignalRun';
import { TECHNOLOGIES, type Technology } from '../core/coverage/radioPresets';
import { CliError } from './cliError';
import type { ParsedFlags } from './parseFlags';
import { LINK_BUDGET_FLAG_NAMES, readLinkBudgetFlags } from './readLinkBudgetFlags';
import { readNumberFlag } from './readNumberFlag';
import { readModelFlag, readTerrainFlags, TERRAIN_FLAGS } from './readPropagationFlags';
import { readChoiceFlag } from './readStringFlag';

/** Analysis grid cell of a plan on predicted signal when --grid-m is absent, metres (the coverage command's). */
export const PLAN_DEFAULT_GRID_M = 100;

/** Flags that only mean something with --model (a plan on predicted signal). */
export const PLAN_MODEL_FLAGS = [
  'grid-m',
  'technology',
  'threshold-dbm',
  'assume-5g',
  'site-height-m',
  ...LINK_BUDGET_FLAG_NAMES,
  ...TERRAIN_FLAGS,
] as const;

/** What a plan on predicted signal reads from its flags: the run's settings and the DEM paths to load. */
export interface PlanSignalFlags {
  settings: SignalRunSettings;
  /** --terrain FILE[,FILE...] as given; undefined without terrain. */
  terrainPaths: string | undefined;
  /** Antenna height of a candidate's new mast where the candidates file gives none, m (--site-height-m, default 35). */
  siteHeightM: number;
}

/** A new shared mast's antenna height when neither the flag nor the candidates file says, m (class A2b). */
export const PLAN_DEFAULT_SITE_HEIGHT_M = 35;

/**
 * The prediction flags of `propose --model M`, with the coverage command's meanings and refusals (exit 2, one line):
 * null without --model, after checking that no flag needing it was given. The technology defaults to 5G (the shared
 * sites are 5G sites); the link budget (frequency, EIRP, shadowing margin, indoor service) as the coverage command's
 * flags give it, by default the outdoor receiver (shadowing margin 8.3 dB, -110 dBm).
 */
export function readPlanSignalFlags(flags: ParsedFlags): PlanSignalFlags | null {
  const modelId = readModelFlag(flags.model);
  if (modelId === null) {
    const misplaced = PLAN_MODEL_FLAGS.find((name) => flags[name] !== undefined);
    if (misplaced) throw new CliError(`--${misplaced} needs --model (propagation mode)`);
    return null;
  }
  if (flags['radius-m'] !== undefined) {
    throw new CliError('--radius-m is for the fixed-radius mode: leave it out with --model');
  }
  const gridM = readNumberFlag(flags, 'grid-m', { min: 1, what: 'a cell size in m' }) ?? PLAN_DEFAULT_GRID_M;
  const technology: Technology = readChoiceFlag(flags, 'technology', TECHNOLOGIES, '5g');
  const linkBudget = readLinkBudgetFlags(flags);
  const thresholdDbm = readNumberFlag(flags, 'threshold-dbm', { min: -200, max: 50, what: 'an RSRP in dBm' });
  const { terrainPaths, terrain } = readTerrainFlags(flags, modelId);
  const siteHeightM =
    readNumberFlag(flags, 'site-height-m', { min: 0, max: 300, exclusive: true, what: 'an antenna height in m' }) ??
    PLAN_DEFAULT_SITE_HEIGHT_M;
  return {
    settings: {
      modelId,
      technology,
      gridM,
      thresholdDbm,
      ...linkBudget,
      assume5g: flags['assume-5g'] === true,
      terrain,
    },
    terrainPaths,
    siteHeightM,
  };
}
