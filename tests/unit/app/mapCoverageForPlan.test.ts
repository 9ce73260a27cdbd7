import { describe, expect, it } from 'vitest';
import { planSignalSettingsOf } from '../../../src/app/coverage/signalRunInPool';
import { mapCoverageForPlan } from '../../../src/app/sharing/mapCoverageForPlan';
import { defaultProject } from '../../../src/app/store/projectDocument';

describe("the map's coverage layer beside a plan on predicted signal", () => {
  const project = defaultProject('VN25');
  const signalTab = { ...project.coverage, mode: 'signal' as const };
  const plan = planSignalSettingsOf(signalTab);
  const on = (coverage: typeof project.coverage, layer = true) => ({ coverage, layers: { coverage: layer } });

  it('names what the map draws instead of the plan’s prediction', () => {
    // The tab in fixed-radius mode: rings, whatever was predicted.
    expect(mapCoverageForPlan(plan, on({ ...signalTab, mode: 'fixed' }), { settings: null, hasResult: false })).toBe(
      'fixed',
    );
    // Propagation mode, nothing run yet.
    expect(mapCoverageForPlan(plan, on(signalTab), { settings: null, hasResult: false })).toBe('none');
    // A 4G prediction on the map; the plan predicted 5G.
    const fourG = { ...signalTab, technology: '4g' as const };
    expect(mapCoverageForPlan(plan, on(fourG), { settings: fourG, hasResult: true })).toBe('other');
    // 5G, but another threshold.
    const other = { ...signalTab, technology: '5g' as const, thresholdDbm: -100 };
    expect(mapCoverageForPlan(plan, on(other), { settings: other, hasResult: true })).toBe('other');
  });

  it('says nothing when the map draws the plan’s prediction, the layer is off, or the plan is by radius', () => {
    const fiveG = { ...signalTab, technology: '5g' as const };
    expect(mapCoverageForPlan(plan, on(fiveG), { settings: fiveG, hasResult: true })).toBeNull();
    expect(
      mapCoverageForPlan(plan, on({ ...signalTab, mode: 'fixed' }, false), { settings: null, hasResult: false }),
    ).toBeNull();
    expect(
      mapCoverageForPlan(undefined, on({ ...signalTab, mode: 'fixed' }), { settings: null, hasResult: false }),
    ).toBeNull();
  });
});
