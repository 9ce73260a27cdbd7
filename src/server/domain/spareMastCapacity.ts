import { tenantSlots } from '../../core/colocation/spareCapacity';
import type { MastType } from '../../core/model/tower';

/**
 * What a mast can still carry for co-location: its tenant slots (the core's slot table, DEFAULT_TENANT_SLOTS in
 * src/core/colocation/spareCapacity.ts, so the server and the co-location analysis agree), and a wind-load area and
 * equipment weight budget per mast class.
 *
 * The budgets are planning assumptions, not values from a standard: no public Vietnamese table gives them per class
 * (Joint Circular 15/2016/TTLT-BTTTT-BXD only defines the classes; rooftop A1 masts are at most 3 m with arms at most
 * 0.5 m, so they are small). A province with structural figures for a mast should decide on those.
 */
export interface MastLoadBudget {
  /** Total projected antenna area the structure is assumed to carry, m². */
  windLoadAreaM2: number;
  /** Total equipment weight the structure is assumed to carry, kg. */
  equipmentWeightKg: number;
}

export const MAST_LOAD_BUDGET_BY_TYPE: Readonly<Record<MastType, MastLoadBudget>> = {
  A1: { windLoadAreaM2: 3, equipmentWeightKg: 300 },
  A2a: { windLoadAreaM2: 10, equipmentWeightKg: 900 },
  A2b: { windLoadAreaM2: 16, equipmentWeightKg: 1600 },
  A2c: { windLoadAreaM2: 20, equipmentWeightKg: 2000 },
};

/** A mast whose class is unknown gets the budget of a small bulky mast (A2a). */
export const UNKNOWN_MAST_LOAD_BUDGET: MastLoadBudget = MAST_LOAD_BUDGET_BY_TYPE.A2a;

/** What one existing tenant whose equipment is not recorded is assumed to use: about three panels and their radios. */
export const NOMINAL_TENANT_LOAD = {
  windLoadAreaM2: 1.5,
  equipmentWeightKg: 150,
} as const;

/** Equipment committed to a mast beyond its recorded tenants (approved co-location requests). */
export interface CommittedLoad {
  windLoadAreaM2: number | null;
  weightKg: number | null;
}

export interface SpareMastCapacity {
  tenantSlots: number;
  freeSlots: number;
  windLoadAreaM2: number;
  freeWindLoadAreaM2: number;
  equipmentWeightKg: number;
  freeEquipmentWeightKg: number;
  /** Highest antenna height above ground the mast allows, m; null when the mast's height is unknown. */
  maxAntennaHeightM: number | null;
}

/**
 * Spare capacity of one mast: slots and budgets less the recorded tenants (nominal load each) and the committed
 * loads (a committed load without a figure counts as nominal). Free figures never go below zero.
 */
export function spareMastCapacity(input: {
  mastType: MastType | null;
  heightM: number | null;
  tenantCount: number;
  committed: readonly CommittedLoad[];
  /** Overrides the slot table (a proposed site planned for a given number of operators). */
  tenantSlots?: number | null;
}): SpareMastCapacity {
  const budget = input.mastType ? MAST_LOAD_BUDGET_BY_TYPE[input.mastType] : UNKNOWN_MAST_LOAD_BUDGET;
  const slots = input.tenantSlots ?? tenantSlots(input.mastType, input.heightM);
  let usedArea = input.tenantCount * NOMINAL_TENANT_LOAD.windLoadAreaM2;
  let usedWeight = input.tenantCount * NOMINAL_TENANT_LOAD.equipmentWeightKg;
  for (const load of input.committed) {
    usedArea += load.windLoadAreaM2 ?? NOMINAL_TENANT_LOAD.windLoadAreaM2;
    usedWeight += load.weightKg ?? NOMINAL_TENANT_LOAD.equipmentWeightKg;
  }
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    tenantSlots: slots,
    freeSlots: Math.max(0, slots - input.tenantCount - input.committed.length),
    windLoadAreaM2: budget.windLoadAreaM2,
    freeWindLoadAreaM2: round(Math.max(0, budget.windLoadAreaM2 - usedArea)),
    equipmentWeightKg: budget.equipmentWeightKg,
    freeEquipmentWeightKg: round(Math.max(0, budget.equipmentWeightKg - usedWeight)),
    maxAntennaHeightM: input.heightM,
  };
}
