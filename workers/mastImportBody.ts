import type { Tower } from '../src/core/model/tower';

export type MastImportModeName = 'replaceOperator' | 'add' | 'updateById';

/**
 * The JSON body of the server's mast import (`POST /api/provinces/:id/masts/import`): the fields its schema takes, in
 * one string. Built in a worker for a large import (100,000 masts make ~15 MB of JSON: a long task on the page).
 */
export function mastImportBodyText(towers: readonly Tower[], mode: MastImportModeName, sourceName: string): string {
  return JSON.stringify({
    towers: towers.map((tower) => ({
      id: tower.id,
      operator: tower.operator,
      lon: tower.lon,
      lat: tower.lat,
      heightM: tower.heightM,
      mastType: tower.mastType,
      tenants: tower.tenants,
      radiusM: tower.radiusM,
      tenantCount: tower.tenantCount ?? null,
      // The radio fields only when the file said them (the server's default is null): 200,000 masts stay ~35 MB.
      ...(tower.has4g === undefined ? {} : { has4g: tower.has4g }),
      ...(tower.tenants5g === undefined ? {} : { tenants5g: tower.tenants5g }),
      ...(tower.radius5gM === undefined ? {} : { radius5gM: tower.radius5gM }),
      ...(tower.azimuthsDeg === undefined ? {} : { azimuthsDeg: tower.azimuthsDeg }),
      ...(tower.tiltsDeg === undefined ? {} : { tiltsDeg: tower.tiltsDeg }),
      ...(tower.bands === undefined ? {} : { bands: tower.bands }),
    })),
    mode,
    sourceName,
  });
}
