import { type MastAttributes, mastTypeFromCode } from '../model/mastAttributes';
import type { MastType } from '../model/tower';
import { type TowerArrays, tenantCountAt } from '../model/towerArrays';

/**
 * One row of the tenant-slot table: how many operators a mast of this class (and height range) can host.
 * Rows are read in order and the first that matches wins. `mastType: null` matches masts of unknown class.
 * Height bounds are inclusive; a mast of unknown height counts as 0 m (the conservative reading: fewest slots).
 */
export interface TenantSlotRule {
  mastType: MastType | null;
  minHeightM?: number;
  maxHeightM?: number;
  slots: number;
}

/**
 * Default slots (an assumption to edit, not a published norm): rooftop A1 poles carry 2 operators; A2a masts up to
 * 15 m 2, taller 3; A2b ground towers 3, from 40 m 4; A2c 4; unknown class 2. Plans quote 2-4 operators per shared
 * site (Hà Nội).
 */
export const DEFAULT_TENANT_SLOTS: readonly TenantSlotRule[] = [
  { mastType: 'A1', slots: 2 },
  { mastType: 'A2a', maxHeightM: 15, slots: 2 },
  { mastType: 'A2a', slots: 3 },
  { mastType: 'A2b', minHeightM: 40, slots: 4 },
  { mastType: 'A2b', slots: 3 },
  { mastType: 'A2c', slots: 4 },
  { mastType: null, slots: 2 },
];

/** Tenant slots of a mast from the table; 0 when no row matches. */
export function tenantSlots(
  mastType: MastType | null,
  heightM: number | null,
  table: readonly TenantSlotRule[] = DEFAULT_TENANT_SLOTS,
): number {
  const height = heightM === null || Number.isNaN(heightM) ? 0 : heightM;
  for (const rule of table) {
    if (rule.mastType !== mastType) continue;
    if (rule.minHeightM !== undefined && height < rule.minHeightM) continue;
    if (rule.maxHeightM !== undefined && height > rule.maxHeightM) continue;
    return rule.slots;
  }
  return 0;
}

export interface MastCapacity {
  /** Slots per mast from the table. */
  slots: Uint8Array;
  /** Operators on the mast now (owner included). */
  tenants: Uint8Array;
  /** max(0, slots - tenants). */
  spare: Uint8Array;
}

export function computeSpareCapacity(
  towers: Pick<TowerArrays, 'count' | 'tenantBits' | 'tenantCount'>,
  masts: MastAttributes,
  table: readonly TenantSlotRule[] = DEFAULT_TENANT_SLOTS,
): MastCapacity {
  const slots = new Uint8Array(towers.count);
  const tenants = new Uint8Array(towers.count);
  const spare = new Uint8Array(towers.count);
  for (let i = 0; i < towers.count; i++) {
    slots[i] = tenantSlots(mastTypeFromCode(masts.mastTypeCode[i]), masts.heightM[i], table);
    tenants[i] = tenantCountAt(towers, i);
    spare[i] = Math.max(0, slots[i] - tenants[i]);
  }
  return { slots, tenants, spare };
}
