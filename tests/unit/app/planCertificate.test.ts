import { describe, expect, it } from 'vitest';
import { decodeShareHash, encodeShareHash } from '../../../src/app/persistence/shareLink';
import { planSettingsAsRun } from '../../../src/app/sharing/planSettingsAsRun';
import { planToServerDocument } from '../../../src/app/sharing/planToServerDocument';
import { readSavedCertificate, withSavedCertificate } from '../../../src/app/sharing/savedPlanCertificate';
import { serverDocumentToPlan } from '../../../src/app/sharing/serverDocumentToPlan';
import { isColocationStale, isPlanStale } from '../../../src/app/sharing/sharingStaleness';
import { defaultProject } from '../../../src/app/store/projectDocument';
import { DEFAULT_MONEY } from '../../../src/core/model/money';
import { buildSignalSitePlanRequest } from '../../../src/core/siting/buildSignalSitePlanRequest';
import type { SitePlanSettings } from '../../../src/core/siting/buildSitePlanRequest';
import { planSharedSites } from '../../../src/core/siting/planSharedSites';
import { planDocumentSchema } from '../../../src/server/domain/planDocument';
import { coverageFixtureTowers, signalSitePlanData } from '../../fixtures/coverage/signalSitePlanData';

const parsed = { towers: coverageFixtureTowers() };
const data = signalSitePlanData;

const SETTINGS: SitePlanSettings = {
  operators: ['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile'],
  weighting: 'people_x_operators',
  siteRadiusM: 1500,
  sites: 3,
  solver: 'greedy_swap',
  defaultRadiusM: 1500,
  maxBackboneDistanceM: null,
  useSpacingRule: false,
  exclusionZones: [],
};
const PROPAGATION: NonNullable<SitePlanSettings['propagation']> = {
  modelId: 'uma-nlos',
  technology: '5g',
  gridM: 1000,
  thresholdDbm: -120,
  indoor: false,
  metropolitan: false,
  shadowingMarginDb: 8.3,
  assume5g: true,
};

/** A plan saved (through the server's schema, as JSON), reopened and evaluated as placed: what the report does. */
async function reopenAndEvaluate(
  settings: SitePlanSettings,
  move?: { index: number; dLon: number },
  base: SitePlanSettings = SETTINGS,
) {
  const inputs = await data();
  const searched = await planSharedSites(await buildSignalSitePlanRequest(settings, inputs));
  const document = planToServerDocument(searched, settings, 'vi', parsed.towers);
  const stored = JSON.parse(JSON.stringify(planDocumentSchema.parse(document)));
  const reopened = serverDocumentToPlan(stored);
  const fixedSites = reopened.fixedSites.map((site, i) =>
    i === move?.index ? { ...site, lon: site.lon + move.dLon } : site,
  );
  const evaluated = await planSharedSites(
    await buildSignalSitePlanRequest({ ...base, ...reopened.settings, fixedSites }, inputs),
  );
  return { searched, reopened, evaluated, shown: withSavedCertificate(evaluated, reopened.certificate) };
}

describe('a saved plan reopened as placed keeps the bound its search computed', () => {
  it('by fixed radius: the same value, so the same method, bound and gap as on the screen that saved it', async () => {
    const { searched, evaluated, shown } = await reopenAndEvaluate(SETTINGS);
    expect(searched.method).toBe('greedy+swap');
    expect(evaluated.method).toBe('fixed');
    expect(evaluated.populationNewlyCovered).toBeCloseTo(searched.populationNewlyCovered, 6);
    expect(shown.method).toBe('greedy+swap');
    expect(shown.boundSource).toBe(searched.boundSource);
    expect(shown.upperBound).toBe(searched.upperBound);
    expect(shown.gapPercent).toBeCloseTo(searched.gapPercent, 9);
    expect(shown.populationNewlyCovered).toBe(evaluated.populationNewlyCovered);
  });

  it('on predicted signal: the settings it was made on come back, and with them the same figures', async () => {
    const { searched, reopened, evaluated, shown } = await reopenAndEvaluate({ ...SETTINGS, propagation: PROPAGATION });
    expect(reopened.settings.propagation).toMatchObject({ modelId: 'uma-nlos', gridM: 1000, thresholdDbm: -120 });
    expect(evaluated.populationNewlyCovered).toBeCloseTo(searched.populationNewlyCovered, 6);
    expect(evaluated.sites.map((site) => site.newlyCoveredPopulation)).toEqual(
      searched.sites.map((site) => site.newlyCoveredPopulation),
    );
    expect(shown.method).toBe(searched.method);
    expect(shown.gapPercent).toBeCloseTo(searched.gapPercent, 9);
  });

  it("the radius of masts without one comes back with the plan: evaluated over another default, the plan's figures", async () => {
    // C-04 and C-05 give no radius: at 20 km (the whole fixture) they serve three operators everywhere, so a site
    // there is worth its people once (MobiFone's), against up to four times at the base's 1,500 m.
    const made = { ...SETTINGS, defaultRadiusM: 20_000 };
    const { searched, reopened, evaluated, shown } = await reopenAndEvaluate(made, undefined, SETTINGS);
    expect(reopened.settings.defaultRadiusM).toBe(20_000);
    expect(evaluated.objective).toBeCloseTo(searched.objective, 6);
    expect(shown.method).toBe(searched.method);
    expect(shown.upperBound).toBe(searched.upperBound);
    // The same sites over 1,500 m (what the report did before the radius was saved): another value, so no bound.
    const inputs = await data();
    const atBase = await planSharedSites(
      await buildSignalSitePlanRequest({ ...SETTINGS, fixedSites: reopened.fixedSites }, inputs),
    );
    expect(atBase.objective).toBeGreaterThan(searched.objective * 1.2);
    expect(withSavedCertificate(atBase, reopened.certificate).method).toBe('fixed');
  });

  it('a site moved since: another value, so "as placed" with no bound', async () => {
    const { searched, evaluated, shown } = await reopenAndEvaluate(SETTINGS, { index: 0, dLon: 0.02 });
    expect(evaluated.objective).not.toBeCloseTo(searched.objective, 3);
    expect(shown).toBe(evaluated);
    expect(shown.method).toBe('fixed');
  });

  it('reads a certificate only when every field is sound', () => {
    const sound = { method: 'exact', objective: 10, upperBound: 12, boundSource: 'highs', proven: false };
    expect(readSavedCertificate(sound)).toEqual(sound);
    expect(readSavedCertificate({ ...sound, method: 'fixed' })).toBeNull();
    expect(readSavedCertificate({ ...sound, boundSource: 'none' })).toBeNull();
    expect(readSavedCertificate({ ...sound, upperBound: 9 })).toBeNull();
    expect(readSavedCertificate({ ...sound, objective: Number.NaN })).toBeNull();
    expect(readSavedCertificate(null)).toBeNull();
  });

  it('reads a hostile prediction as the coverage settings are read: values out of range take the defaults', () => {
    const document = planToServerDocument(
      { sites: [], method: 'fixed', boundSource: 'none' } as never,
      { ...SETTINGS, propagation: { ...PROPAGATION, gridM: 0.001, thresholdDbm: 5 } },
      'en',
      [],
    );
    const { settings } = serverDocumentToPlan(document);
    expect(settings.propagation).toMatchObject({ modelId: 'uma-nlos', gridM: 100, thresholdDbm: -110 });
  });
});

describe('the share link carries the co-location settings of the figures on screen', () => {
  it('comes back as it went, and a bad value is left out', () => {
    const project = defaultProject('VN25');
    const link = encodeShareHash({ project, view: null, colocation: { preset: 'ha_noi', distanceM: 100 } });
    expect(decodeShareHash(link)?.colocation).toEqual({ preset: 'ha_noi', distanceM: 100 });
    const custom = encodeShareHash({ project, view: null, colocation: { preset: 'custom', distanceM: 250 } });
    expect(decodeShareHash(custom)?.colocation).toEqual({ preset: 'custom', distanceM: 250 });
    const bad = encodeShareHash({ project, view: null, colocation: { preset: 'atlantis', distanceM: 100 } as never });
    expect(decodeShareHash(bad)?.colocation).toBeUndefined();
    // The opportunities' radius as computed; a hostile one is left out.
    expect(decodeShareHash(encodeShareHash({ project, view: null, opportunitiesRadiusM: 3000 }))).toMatchObject({
      opportunitiesRadiusM: 3000,
    });
    expect(decodeShareHash(encodeShareHash({ project, view: null, opportunitiesRadiusM: -1 }))).not.toHaveProperty(
      'opportunitiesRadiusM',
    );
  });
});

describe('results on screen say when they no longer answer the panel', () => {
  const towers = parsed.towers;
  it('co-location: other masts or another distance', () => {
    const basis = { settings: { preset: 'custom' as const, distanceM: 100 }, towers, defaultRadiusM: 2000 };
    expect(isColocationStale(basis, { preset: 'custom', distanceM: 100 }, towers, 2000)).toBe(false);
    expect(isColocationStale(basis, { preset: 'custom', distanceM: 150 }, towers, 2000)).toBe(true);
    expect(isColocationStale(basis, { preset: 'da_nang', distanceM: 100 }, towers, 2000)).toBe(true);
    expect(isColocationStale(basis, { preset: 'custom', distanceM: 100 }, [...towers], 2000)).toBe(true);
    // The opportunities count as covered what masts without a radius reach at the coverage tab's radius.
    expect(isColocationStale(basis, { preset: 'custom', distanceM: 100 }, towers, 3000)).toBe(true);
    expect(isColocationStale(null, { preset: 'custom', distanceM: 100 }, towers, 2000)).toBe(false);
  });
  it('plan: other masts, another site count, another coverage basis', () => {
    const basis = { settings: SETTINGS, towers };
    expect(isPlanStale(basis, { ...SETTINGS }, towers)).toBe(false);
    expect(isPlanStale(basis, { ...SETTINGS, sites: 2 }, towers)).toBe(true);
    expect(isPlanStale(basis, { ...SETTINGS, propagation: PROPAGATION }, towers)).toBe(true);
    expect(isPlanStale(basis, SETTINGS, towers.slice(1))).toBe(true);
  });
  it("plan: the coverage tab's radius and prediction, as a run would take them (planSettingsAsRun)", () => {
    const coverage = defaultProject('VN25').coverage;
    const made = planSettingsAsRun({ ...SETTINGS, propagation: PROPAGATION }, coverage, DEFAULT_MONEY);
    expect(made.defaultRadiusM).toBe(coverage.defaultRadiusM);
    expect(made.propagation).toMatchObject({ modelId: coverage.modelId, technology: '5g', gridM: coverage.gridM });
    const basis = { settings: made, towers };
    const now = (changes: Partial<typeof coverage>) =>
      planSettingsAsRun({ ...SETTINGS, propagation: PROPAGATION }, { ...coverage, ...changes }, DEFAULT_MONEY);
    expect(isPlanStale(basis, now({}), towers)).toBe(false);
    expect(isPlanStale(basis, now({ defaultRadiusM: 3000 }), towers)).toBe(true);
    expect(isPlanStale(basis, now({ modelId: 'rma-nlos' }), towers)).toBe(true);
    expect(isPlanStale(basis, now({ thresholdDbm: -100 }), towers)).toBe(true);
    // The 5G radios' EIRPs, whatever technology the tab shows: a 4G EIRP typed on the tab is not a 5G radio's.
    const edited = {
      ...coverage,
      technology: '4g' as const,
      eirpDbmByOperator: { '4g': { Viettel: 55 }, '5g': { MobiFone: 70 } },
    };
    const onEdited = planSettingsAsRun({ ...SETTINGS, propagation: PROPAGATION }, edited, DEFAULT_MONEY);
    expect(onEdited.propagation?.eirpDbmByOperator).toEqual({ MobiFone: 70 });
    // A plan by fixed radius does not follow the prediction's settings.
    const fixed = { settings: planSettingsAsRun(SETTINGS, coverage, DEFAULT_MONEY), towers };
    expect(
      isPlanStale(fixed, planSettingsAsRun(SETTINGS, { ...coverage, thresholdDbm: -100 }, DEFAULT_MONEY), towers),
    ).toBe(false);
  });
  it('plan: a budget typed in đồng is what was typed; its USD amount, and so the plan, follow the rate', () => {
    const coverage = defaultProject('VN25').coverage;
    const typed = { ...SETTINGS, maxCapexVnd: 20_000_000_000, maxCapexUsd: 800_000 };
    const at25k = planSettingsAsRun(typed, coverage, { currency: 'VND', vndPerUsd: 25_000 });
    // 20 billion đồng at 25,000 and at 26,000 đồng a dollar, by hand.
    expect(at25k.maxCapexUsd).toBe(800_000);
    const at26k = planSettingsAsRun(typed, coverage, { currency: 'VND', vndPerUsd: 26_000 });
    expect(at26k.maxCapexUsd).toBeCloseTo(769_230.769, 3);
    expect(at26k.maxCapexVnd).toBe(20_000_000_000);
    expect(isPlanStale({ settings: at25k, towers }, at26k, towers)).toBe(true);
    // Typed in USD: the rate changes nothing.
    const usd = { ...SETTINGS, maxCapexVnd: null, maxCapexUsd: 800_000 };
    expect(planSettingsAsRun(usd, coverage, { currency: 'USD', vndPerUsd: 26_000 }).maxCapexUsd).toBe(800_000);
    // Saved with the plan and read back.
    const document = planToServerDocument(
      { sites: [], method: 'fixed', boundSource: 'none' } as never,
      at26k,
      'vi',
      [],
    );
    expect(serverDocumentToPlan(document).settings).toMatchObject({ maxCapexVnd: 20_000_000_000 });
  });
});
