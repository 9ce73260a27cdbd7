import type { MastType } from '../../core/model/tower';
import { type CommittedLoad, type SpareMastCapacity, spareMastCapacity } from './spareMastCapacity';

/** The mast or proposed shared site a request is for, as the server knows it. */
export interface ColocationTarget {
  mastType: MastType | null;
  /** Antenna height the structure allows above ground, m (a mast's `height_m`); null when unknown. */
  heightM: number | null;
  /** Operators already on it, owner included. */
  tenants: readonly string[];
  /** Operators on it when a file gave a count rather than names (then larger than `tenants.length`). */
  tenantCount?: number | null;
  /** Slot count planned for a proposed site (overrides the class's). */
  tenantSlots?: number | null;
}

export interface RequestedEquipment {
  operator: string;
  antennaHeightM: number;
  windLoadAreaM2: number | null;
  weightKg: number | null;
}

export interface CapacityProblem {
  code: 'already_tenant' | 'duplicate_request' | 'no_free_slot' | 'antenna_above_mast' | 'wind_load' | 'weight';
  message: string;
}

export interface CapacityCheck {
  ok: boolean;
  problems: CapacityProblem[];
  capacity: SpareMastCapacity;
}

/**
 * Whether a target can take the requested equipment: a free slot, the antenna within the mast's height, the wind-load
 * area and weight within what is left, and the operator not already on the target or asking for it twice.
 * `committed` holds the loads approved for other requests on the target (not yet built, so not yet tenants).
 */
export function checkColocationRequest(input: {
  target: ColocationTarget;
  equipment: RequestedEquipment;
  committed: readonly CommittedLoad[];
  /** Another open request by the same operator for the same target. */
  hasOpenRequestForTarget: boolean;
}): CapacityCheck {
  const { target, equipment } = input;
  const capacity = spareMastCapacity({
    mastType: target.mastType,
    heightM: target.heightM,
    tenantCount: Math.max(target.tenantCount ?? 0, target.tenants.length),
    committed: input.committed,
    tenantSlots: target.tenantSlots,
  });
  const problems: CapacityProblem[] = [];
  if (target.tenants.includes(equipment.operator)) {
    problems.push({ code: 'already_tenant', message: `${equipment.operator} is already on this site` });
  }
  if (input.hasOpenRequestForTarget) {
    problems.push({
      code: 'duplicate_request',
      message: `${equipment.operator} already has an open request for this site`,
    });
  }
  if (capacity.freeSlots < 1) {
    problems.push({
      code: 'no_free_slot',
      message: `no free slot: ${capacity.tenantSlots} slots, all taken by tenants or approved requests`,
    });
  }
  if (target.heightM !== null && equipment.antennaHeightM > target.heightM) {
    problems.push({
      code: 'antenna_above_mast',
      message: `antenna height ${equipment.antennaHeightM} m is above the mast's ${target.heightM} m`,
    });
  }
  if (equipment.windLoadAreaM2 !== null && equipment.windLoadAreaM2 > capacity.freeWindLoadAreaM2) {
    problems.push({
      code: 'wind_load',
      message: `wind-load area ${equipment.windLoadAreaM2} m² exceeds the ${capacity.freeWindLoadAreaM2} m² left`,
    });
  }
  if (equipment.weightKg !== null && equipment.weightKg > capacity.freeEquipmentWeightKg) {
    problems.push({
      code: 'weight',
      message: `equipment weight ${equipment.weightKg} kg exceeds the ${capacity.freeEquipmentWeightKg} kg left`,
    });
  }
  return { ok: problems.length === 0, problems, capacity };
}
