/** The plan's money budget from the panel's settings to the solver's request, the saved plan and back. */
import { describe, expect, it } from 'vitest';
import { planToServerDocument } from '../../../src/app/sharing/planToServerDocument';
import { serverDocumentToPlan } from '../../../src/app/sharing/serverDocumentToPlan';
import { isPlanStale } from '../../../src/app/sharing/sharingStaleness';
import { DEFAULT_PLAN_SETTINGS } from '../../../src/app/sharing/sharingStore';
import { fromUsd, toUsd } from '../../../src/core/model/money';
import { buildSitePlanRequest, type SitePlanData } from '../../../src/core/siting/buildSitePlanRequest';
import type { PlanSharedSitesResult } from '../../../src/core/siting/planSharedSites';
import { planDocumentSchema } from '../../../src/server/domain/planDocument';

const NO_DATA = { population: null, towers: null, masts: null, backbone: [] } as unknown as SitePlanData;
const EMPTY_PLAN = { method: 'greedy+swap', sites: [], populationNewlyCovered: 0, gapPercent: 0, totalCapexUsd: 0 };

describe('the plan money budget', () => {
  it('reaches the solver as a cost budget beside the site count, and no budget means none', () => {
    expect(buildSitePlanRequest({ ...DEFAULT_PLAN_SETTINGS, maxCapexUsd: 700_000 }, NO_DATA).budget).toEqual({
      maxSites: DEFAULT_PLAN_SETTINGS.sites,
      maxCostUsd: 700_000,
    });
    expect(buildSitePlanRequest({ ...DEFAULT_PLAN_SETTINGS, maxCapexUsd: null }, NO_DATA).budget).toEqual({
      maxSites: DEFAULT_PLAN_SETTINGS.sites,
    });
  });

  it('is saved with the plan and read back (through the server schema), and changing it makes the plan stale', () => {
    const settings = { ...DEFAULT_PLAN_SETTINGS, maxCapexUsd: 612_345.5 };
    const document = planToServerDocument(EMPTY_PLAN as unknown as PlanSharedSitesResult, settings, 'vi', []);
    const stored = JSON.parse(JSON.stringify(planDocumentSchema.parse(document)));
    expect(serverDocumentToPlan(stored).settings.maxCapexUsd).toBe(612_345.5);
    const none = planToServerDocument(EMPTY_PLAN as unknown as PlanSharedSitesResult, DEFAULT_PLAN_SETTINGS, 'vi', []);
    expect(serverDocumentToPlan(JSON.parse(JSON.stringify(none))).settings.maxCapexUsd).toBeNull();
    const towers: never[] = [];
    expect(isPlanStale({ settings, towers }, { ...settings }, towers)).toBe(false);
    expect(isPlanStale({ settings, towers }, { ...settings, maxCapexUsd: 500_000 }, towers)).toBe(true);
  });

  it('is typed in millions of đồng at the project rate: 17,500 million ₫ at 25,000 ₫/USD is 700,000 USD', () => {
    const money = { currency: 'VND' as const, vndPerUsd: 25_000 };
    expect(toUsd(17_500 * 1_000_000, money)).toBe(700_000);
    expect(fromUsd(toUsd(17_500 * 1_000_000, money), money)).toBe(17_500_000_000);
    expect(toUsd(700_000, { currency: 'USD', vndPerUsd: 25_000 })).toBe(700_000);
  });
});
