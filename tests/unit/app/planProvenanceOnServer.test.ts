import { describe, expect, it } from 'vitest';
import { planToServerDocument } from '../../../src/app/sharing/planToServerDocument';
import { serverDocumentToPlan } from '../../../src/app/sharing/serverDocumentToPlan';
import type { PlanProvenance } from '../../../src/app/sharing/siteProvenance';
import type { SitePlanSettings } from '../../../src/core/siting/buildSitePlanRequest';
import type { PlanSharedSitesResult } from '../../../src/core/siting/planSharedSites';
import { planDocumentSchema } from '../../../src/server/domain/planDocument';

type Site = PlanSharedSitesResult['sites'][number];
const SETTINGS: SitePlanSettings = {
  operators: ['Viettel', 'VinaPhone', 'MobiFone'],
  weighting: 'people_x_operators',
  siteRadiusM: 1500,
  sites: 3,
  solver: 'greedy_swap',
  defaultRadiusM: 2000,
  maxBackboneDistanceM: null,
  useSpacingRule: true,
  exclusionZones: [],
};
const site = (id: string, kind: string, lon: number): Site =>
  ({
    id,
    kind,
    lon,
    lat: 16.05,
    heightM: 35,
    mastType: 'A2b',
    newlyCoveredPopulation: 1000,
    joiningOperators: ['Viettel', 'MobiFone'],
  }) as unknown as Site;

describe('site provenance in the plan saved on the server', () => {
  it('comes back as it was saved, through the server’s own schema, whoever reopens the plan', () => {
    const plan = {
      method: 'greedy+swap',
      sites: [
        site('L000001', 'lattice', 108.2),
        site('VN25-000123', 'existing_mast', 108.21),
        site('U1', 'user', 108.22),
      ],
      populationNewlyCovered: 3000,
      gapPercent: 0.4,
      totalCapexUsd: 100_000,
    } as unknown as PlanSharedSitesResult;
    const provenance: PlanProvenance = {
      L000001: { origin: 'moved', method: 'greedy+swap', proposedKind: 'lattice', movedBy: 'vn25-planner' },
      'VN25-000123': { origin: 'proposed', method: 'greedy+swap', proposedKind: 'existing_mast', movedBy: null },
    };
    const document = planToServerDocument(plan, SETTINGS, 'vi', [], provenance);
    // What the server stores and hands back (validated, JSON).
    const stored = JSON.parse(JSON.stringify(planDocumentSchema.parse(document)));
    const reopened = serverDocumentToPlan(stored);
    expect(reopened.fixedSites.map((s) => s.id)).toEqual(['L000001', 'VN25-000123', 'U1']);
    expect(reopened.provenance).toEqual(provenance);
  });

  it('leaves out an entry it cannot read, and keeps only the known values', () => {
    const document = planToServerDocument(
      {
        method: 'exact',
        sites: [site('A', 'lattice', 108.2), site('B', 'lattice', 108.3)],
      } as unknown as PlanSharedSitesResult,
      SETTINGS,
      'en',
      [],
    );
    const parameters = document.scenarios[0].parameters as Record<string, unknown>;
    parameters.provenance = [
      { origin: 'teleported' },
      { origin: 'moved', method: 'magic', proposedKind: 'x', movedBy: 7 },
    ];
    expect(serverDocumentToPlan(document).provenance).toEqual({
      B: { origin: 'moved', method: null, proposedKind: null, movedBy: null },
    });
  });
});
