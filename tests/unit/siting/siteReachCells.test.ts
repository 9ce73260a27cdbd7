import { describe, expect, it } from 'vitest';
import { mergeCoverSets } from '../../../src/core/siting/coverSets';
import { siteReachCells } from '../../../src/core/siting/siteReachCells';

describe('siteReachCells', () => {
  it("credits each demand cell to the first site in the plan's order that reaches it, cells ascending", () => {
    // Five demand cells (grid cells 3, 7, 8, 12, 20 of a 5 x 5 grid). Candidate 0 reaches demand 0, 1, 2; candidate 1
    // demand 2, 3; candidate 2 demand 4 (not chosen). Demand 1 and 0 share a candidate set: merged into one item.
    const demand = { count: 5, cellIndex: Uint32Array.of(3, 7, 8, 12, 20) };
    const cover = mergeCoverSets([1, 1, 1, 1, 1], Uint32Array.of(0, 3, 5, 6), Uint32Array.of(0, 1, 2, 2, 3, 4));
    expect(cover.itemCount).toBe(4);
    const grid = { width: 5, height: 5, originLon: 108, originLat: 16, cellSizeLonDeg: 0.001, cellSizeLatDeg: 0.001 };
    // Plan order: candidate 1 first (site 0), then candidate 0 (site 1).
    const reach = siteReachCells([1, 0], cover, demand, grid);
    expect([...reach.cellIndex]).toEqual([3, 7, 8, 12]);
    expect([...reach.siteIndex]).toEqual([1, 1, 0, 0]);
    expect(reach.grid).toEqual(grid);
    expect([...siteReachCells([], cover, demand, grid).cellIndex]).toEqual([]);
  });
});
