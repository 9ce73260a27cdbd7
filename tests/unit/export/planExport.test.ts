import { describe, expect, it } from 'vitest';
import { PLAN_KML_STYLES, planFeatures } from '../../../src/app/sharing/planFeatures';
import { provenanceAfterMove, provenanceOfOpened, provenanceOfSearch } from '../../../src/app/sharing/siteProvenance';
import { exportCsv } from '../../../src/core/export/exportCsv';
import { exportKml } from '../../../src/core/export/exportKml';
import type { SiteExplanation } from '../../../src/core/siting/explainSite';
import type { PlanSharedSitesResult } from '../../../src/core/siting/planSharedSites';
import type { CandidateKind } from '../../../src/core/siting/siteCandidate';

/** A site of a hand-built plan: only what the export reads is meaningful. */
function site(id: string, kind: CandidateKind, lon: number, lat: number, capexUsd: number): SiteExplanation {
  return {
    candidateIndex: 0,
    id,
    kind,
    lon,
    lat,
    mastType: 'A2b',
    heightM: 35,
    zone: 'urban',
    newlyCoveredPopulation: 1000.4,
    newlyCoveredWeight: 2000.8,
    newlyCoveredByOperator: { Viettel: 600.2, MobiFone: 400.2 },
    operatorsGaining: ['Viettel', 'MobiFone'],
    joiningOperators: ['Viettel', 'MobiFone'],
    backboneDistanceM: 250.4,
    nearestMast: { id: 'T9', distanceM: 410.6 },
    spacing: { requiredM: 300, nearestMastM: 410.6, nearestProposedM: null, ok: true },
    cost: { capexUsd, fibreM: 250, fibreUsd: 6250, rentUsdPerYear: 9600, netPresentUsd: capexUsd * 3 },
    savingsVsAlone: [
      { operator: 'Viettel', aloneUsd: 3000, sharedShareUsd: 1000, savingUsd: 2000 },
      { operator: 'MobiFone', aloneUsd: 3000, sharedShareUsd: 1000, savingUsd: 2000 },
    ],
  };
}

function plan(method: PlanSharedSitesResult['method'], sites: SiteExplanation[]): PlanSharedSitesResult {
  return {
    sites,
    populationNewlyCovered: 3001,
    objective: 6002,
    upperBound: method === 'fixed' ? Number.NaN : 6300,
    gapPercent: method === 'fixed' ? Number.NaN : (100 * (6300 - 6002)) / 6300,
    proven: false,
    method,
    boundSource: method === 'fixed' ? 'none' : 'lagrangian',
    totalCapexUsd: sites.reduce((sum, s) => sum + s.cost.capexUsd, 0),
    totalNetPresentUsd: 0,
    demand: { cells: 0, population: 0, weight: 0, unreachableWeight: 0, mergedItems: 0 },
    candidates: { generated: 3, accepted: 3, rejected: [], latticeSpacingM: 1000, conflictPairs: 0 },
    timingsMs: {},
  };
}

const searched = plan('greedy+swap', [
  site('L12', 'lattice', 108.2, 16.05, 26_250),
  site('T7', 'existing_mast', 108.21, 16.06, 5_000),
  site('L40', 'lattice', 108.22, 16.07, 30_000),
]);
// The planner dragged L40: the core evaluates all three as fixed sites (L12 and L40 become `user`, T7 stays a mast).
const afterDrag = plan('fixed', [
  { ...site('L12', 'user', 108.2, 16.05, 26_250) },
  site('T7', 'existing_mast', 108.21, 16.06, 5_000),
  site('L40', 'user', 108.225, 16.072, 31_000),
]);
const money = { currency: 'VND', vndPerUsd: 25_000 } as const;

describe('plan export: provenance, gap and money', () => {
  it('a searched plan: every site proposed by the search, as its kind, with the gap as a number', () => {
    const features = planFeatures(searched, { provenance: provenanceOfSearch(searched), money });
    expect(features.map((f) => f.properties?.provenance)).toEqual(['proposed', 'proposed', 'proposed']);
    expect(features.map((f) => f.properties?.plan_method)).toEqual(['greedy+swap', 'greedy+swap', 'greedy+swap']);
    expect(features.map((f) => f.properties?.kind)).toEqual(['lattice', 'existing_mast', 'lattice']);
    expect(features.map((f) => f.properties?.site_class)).toEqual(['new_mast', 'existing_mast', 'new_mast']);
    // 100 x 298 / 6300 = 4.730158...
    expect(features[0].properties?.plan_gap_percent).toBe(4.73);
    expect(features[0].properties?.name).toBe('S1 · L12');
  });

  it('after one drag: only the dragged site is moved (by whom), the others keep proposed, their kind and method', () => {
    const provenance = provenanceAfterMove(provenanceOfSearch(searched), 'L40', 'planner.dn');
    const features = planFeatures(afterDrag, { provenance, money });
    const column = (key: string) => features.map((f) => f.properties?.[key]);
    expect(column('provenance')).toEqual(['proposed', 'proposed', 'moved']);
    expect(column('plan_method')).toEqual(['greedy+swap', 'greedy+swap', 'greedy+swap']);
    expect(column('kind')).toEqual(['lattice', 'existing_mast', 'user']);
    expect(column('site_class')).toEqual(['new_mast', 'existing_mast', 'moved']);
    expect(column('moved_by')).toEqual([null, null, 'planner.dn']);
    expect(column('plan_evaluation')).toEqual(['fixed', 'fixed', 'fixed']);
    expect(column('plan_gap_percent')).toEqual([null, null, null]);
  });

  it('a saved plan opened: sites opened, no method known', () => {
    const features = planFeatures(afterDrag, { provenance: provenanceOfOpened(['L12', 'T7', 'L40']), money });
    expect(features.map((f) => f.properties?.provenance)).toEqual(['opened', 'opened', 'opened']);
    expect(features.map((f) => f.properties?.plan_method)).toEqual([null, null, null]);
  });

  it('keeps the costs in USD and adds the currency, the rate and the đồng amounts', () => {
    const [first] = planFeatures(searched, { provenance: provenanceOfSearch(searched), money });
    expect(first.properties).toMatchObject({
      capex_usd: 26_250,
      savings_vs_alone_usd: 4000,
      currency: 'VND',
      vnd_per_usd: 25_000,
      capex_vnd: 656_250_000, // 26,250 x 25,000
      savings_vs_alone_vnd: 100_000_000, // 4,000 x 25,000
    });
  });

  it('CSV: the gap of a fixed plan is an empty cell, never NaN; provenance columns per site', () => {
    const provenance = provenanceAfterMove(provenanceOfSearch(searched), 'L40', null);
    const text = new TextDecoder().decode(exportCsv(planFeatures(afterDrag, { provenance, money })));
    expect(text).not.toMatch(/NaN/);
    const [header, ...rows] = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const columns = header.split(',');
    const cells = rows.map((row) => row.split(','));
    const at = (key: string) => cells.map((row) => row[columns.indexOf(key)]);
    expect(at('plan_gap_percent')).toEqual(['', '', '']);
    expect(at('provenance')).toEqual(['proposed', 'proposed', 'moved']);
    expect(at('kind')).toEqual(['lattice', 'existing_mast', 'user']);
    expect(at('plan_method')).toEqual(['greedy+swap', 'greedy+swap', 'greedy+swap']);
    // A NaN anywhere else is an empty cell too.
    expect(
      new TextDecoder().decode(
        exportCsv([
          { type: 'Feature', geometry: { type: 'Point', coordinates: [108, 16] }, properties: { x: Number.NaN } },
        ]),
      ),
    ).toBe('lon,lat,x\r\n108,16,\r\n'); // TextDecoder drops the byte-order mark
  });

  it('KML: placemarks named by rank and id, styled by class, no NaN', () => {
    const provenance = provenanceAfterMove(provenanceOfSearch(searched), 'L40', null);
    const kml = exportKml(planFeatures(afterDrag, { provenance, money }), {
      styles: PLAN_KML_STYLES,
      styleProperty: 'site_class',
    });
    expect(kml).not.toMatch(/NaN/);
    expect(kml).not.toMatch(/plan_gap_percent/);
    for (const id of ['existing_mast', 'new_mast', 'moved']) expect(kml).toContain(`<Style id="${id}">`);
    expect(kml).toContain('<Style id="moved"><IconStyle><color>ffb43cd6</color><scale>1.3</scale></IconStyle></Style>');
    const placemarks = kml.match(/<Placemark>.*?<\/Placemark>/g) ?? [];
    expect(placemarks.length).toBe(3);
    expect(placemarks.map((p) => p.match(/<name>(.*?)<\/name>/)?.[1])).toEqual(['S1 · L12', 'S2 · T7', 'S3 · L40']);
    expect(placemarks.map((p) => p.match(/<styleUrl>#(.*?)<\/styleUrl>/)?.[1])).toEqual([
      'new_mast',
      'existing_mast',
      'moved',
    ]);
    // The name is the placemark's own element, not a data field.
    expect(placemarks[0]).not.toContain('<SimpleData name="name">');
  });
});
