import { describe, expect, it } from 'vitest';
import { publishedSiteName, summarizePlanForPublishing } from '../../../src/app/sharing/summarizePlanForPublishing';
import type { PlanSharedSitesResult } from '../../../src/core/siting/planSharedSites';

type Site = PlanSharedSitesResult['sites'][number];
const site = (id: string, kind: string, people: number, backboneM: number | null, spacingOk = true): Site =>
  ({
    id,
    kind,
    newlyCoveredPopulation: people,
    backboneDistanceM: backboneM,
    spacing: { requiredM: 300, nearestMastM: 500, nearestProposedM: null, ok: spacingOk },
  }) as unknown as Site;

describe('summarizePlanForPublishing', () => {
  it('counts what is published and flags sites covering nobody, far from fibre or breaking a rule, by their names', () => {
    const plan = {
      sites: [
        site('L000001', 'lattice', 5000, 800),
        site('VN25-000123', 'existing_mast', 1200, 12_500),
        site('L000968', 'user', 0.4, 34_000),
        site('L000010', 'lattice', 300, 200, false),
      ],
      populationNewlyCovered: 6500.4,
      totalCapexUsd: 321_000,
      candidates: { rejected: [{ id: 'L000968', reason: 'inside exclusion zone 1' }] },
    } as unknown as PlanSharedSitesResult;
    expect(summarizePlanForPublishing(plan)).toEqual({
      sites: 4,
      populationNewlyCovered: 6500.4,
      totalCapexUsd: 321_000,
      coveringNobody: ['S3'],
      farFromFibre: [
        { name: 'S2 (VN25-000123)', distanceM: 12_500 },
        { name: 'S3', distanceM: 34_000 },
      ],
      rulesBroken: [
        { name: 'S3', rule: { id: 'L000968', reason: 'inside exclusion zone 1' } },
        { name: 'S4', rule: 'spacing' },
      ],
    });
  });

  it('names a site as the operators see it: S and its rank, with an existing mast’s id', () => {
    expect(publishedSiteName(0, { kind: 'lattice', id: 'L000968' })).toBe('S1');
    expect(publishedSiteName(14, { kind: 'existing_mast', id: 'VN25-001610' })).toBe('S15 (VN25-001610)');
  });
});
