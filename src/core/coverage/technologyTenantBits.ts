import type { Tower } from '../model/tower';
import type { Technology } from './radioPresets';

export interface TechnologyTenantBits {
  /** Per tower (same order), bit k set when operator operatorNames[k] runs the technology on the mast. */
  bits: Uint8Array;
  /** False when no mast of the file says anything about this technology (the bits then follow `whenSilent`). */
  fromFile: boolean;
}

export interface TechnologyTenantOptions {
  /**
   * 5G when no mast of the file says anything about it: 'none' (the tower-file convention: no has_5g / tenants_5g
   * column means no 5G) or 'every-tenant' (a "what if every mast had 5G" upper bound). Default 'none'.
   */
  whenSilent?: 'none' | 'every-tenant';
}

/**
 * Which tenants of each mast run a technology, from what the tower file says (Tower.has4g, Tower.tenants5g). 4G: every
 * tenant unless the file says the mast has none (has_4g 0). 5G: the tenants the file lists (tenants_5g, or every
 * tenant with has_5g); a mast that says nothing runs no 5G. When no mast of the file says anything about 5G, `whenSilent`
 * decides. Operators without a band for the technology are left out later, by their radio.
 */
export function technologyTenantBits(
  towers: readonly Tower[],
  operatorNames: readonly string[],
  technology: Technology,
  options: TechnologyTenantOptions = {},
): TechnologyTenantBits {
  const bitOf = (name: string) => {
    const k = operatorNames.indexOf(name);
    return k < 0 ? 0 : 1 << k;
  };
  const tenantBits = (tower: Tower) => [tower.operator, ...tower.tenants].reduce((bits, name) => bits | bitOf(name), 0);
  const bits = new Uint8Array(towers.length);
  if (technology === '4g') {
    towers.forEach((tower, t) => {
      bits[t] = tower.has4g === false ? 0 : tenantBits(tower);
    });
    return { bits, fromFile: true };
  }
  const fromFile = towers.some((tower) => tower.tenants5g !== undefined);
  const everyTenant = !fromFile && options.whenSilent === 'every-tenant';
  towers.forEach((tower, t) => {
    bits[t] = everyTenant ? tenantBits(tower) : (tower.tenants5g ?? []).reduce((value, name) => value | bitOf(name), 0);
  });
  return { bits, fromFile };
}
