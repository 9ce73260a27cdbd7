import type { ReadinessPartial } from './readinessTypes';

const PER_SLOT = [
  'cells',
  'population',
  'covered4g',
  'covered5g',
  'masts',
  'tenancies',
  'sharedMasts',
  'mastsWith4g',
  'mastsWith5g',
  'mastsNearBackbone',
] as const;
const PER_SLOT_AND_OPERATOR = [
  'covered4gByOperator',
  'covered5gByOperator',
  'mastsOwnedByOperator',
  'tenanciesByOperator',
  'tenancies5gByOperator',
] as const;

/** A partial of zeros: `slotCount` is the number of provinces plus one (outside every province). */
export function createEmptyPartial(slotCount: number, operatorCount: number): ReadinessPartial {
  const partial = { slotCount, operatorCount } as ReadinessPartial;
  for (const key of PER_SLOT) partial[key] = new Float64Array(slotCount);
  for (const key of PER_SLOT_AND_OPERATOR) partial[key] = new Float64Array(slotCount * operatorCount);
  return partial;
}

/**
 * The sum of band partials: the partial of the union of their bands. Sums are float64 and the order of bands may
 * change the last bits of a population sum (far below one person), never a count.
 */
export function mergeReadinessPartials(partials: readonly ReadinessPartial[]): ReadinessPartial {
  if (partials.length === 0) throw new RangeError('no partials to merge');
  const { slotCount, operatorCount } = partials[0];
  const merged = createEmptyPartial(slotCount, operatorCount);
  for (const partial of partials) {
    if (partial.slotCount !== slotCount || partial.operatorCount !== operatorCount) {
      throw new RangeError('partials of different runs (slot or operator counts differ)');
    }
    for (const key of [...PER_SLOT, ...PER_SLOT_AND_OPERATOR]) {
      const target = merged[key];
      const source = partial[key];
      for (let i = 0; i < target.length; i++) target[i] += source[i];
    }
  }
  return merged;
}
