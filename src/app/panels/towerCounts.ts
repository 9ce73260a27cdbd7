import { towerTenantCount } from '../../core/model/tower';
import type { ProvinceDataset } from '../data/provinceDataset';

export interface TowerCounts {
  /** Masts per owner, in the order owners first appear. */
  byOwner: Map<string, number>;
  /** Masts with two or more tenants (named, or a count the file gave). */
  shared: number;
}

const cache = new WeakMap<ProvinceDataset, TowerCounts>();

/** Counted once per dataset: the panels re-render on every language or layer change, 100,000 masts or not. */
export function towerCounts(dataset: ProvinceDataset): TowerCounts {
  let counts = cache.get(dataset);
  if (!counts) {
    const byOwner = new Map<string, number>();
    let shared = 0;
    for (const tower of dataset.towers) {
      byOwner.set(tower.operator, (byOwner.get(tower.operator) ?? 0) + 1);
      if (towerTenantCount(tower) > 1) shared++;
    }
    counts = { byOwner, shared };
    cache.set(dataset, counts);
  }
  return counts;
}
