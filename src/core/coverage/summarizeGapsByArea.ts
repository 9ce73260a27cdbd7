/** Population covered and not covered within one area (a commune). */
export interface AreaGap {
  /** Index of the area in the list the labels refer to. */
  area: number;
  name: string;
  populationTotal: number;
  populationCovered: number;
  /** Population of the area's cells that no operator covers: the gap. */
  populationUncovered: number;
}

export interface GapsByAreaInput {
  /** Population per cell, row-major; NaN and `nodata` are skipped. */
  values: ArrayLike<number>;
  nodata?: number | null;
  /** Non-zero where the cell is covered (operator bits, or a 0/1 mask). */
  covered: Uint8Array;
  /** Area index per cell, -1 for none (labelCellCentresInAreas / transferCellLabels). */
  labels: Int32Array;
  names: readonly string[];
  /** Cells to count (non-zero), e.g. the province mask; all when absent. */
  mask?: Uint8Array;
}

/** Covered and uncovered population per area, in area order (every area listed, empty ones with zeros). */
export function summarizeGapsByArea(input: GapsByAreaInput): AreaGap[] {
  const { values, covered, labels, names, mask } = input;
  const nodata = input.nodata ?? null;
  const totals = new Float64Array(names.length);
  const coveredTotals = new Float64Array(names.length);
  for (let i = 0; i < labels.length; i++) {
    const area = labels[i];
    if (area < 0 || (mask && mask[i] === 0)) continue;
    const value = values[i];
    if (Number.isNaN(value) || value === nodata) continue;
    totals[area] += value;
    if (covered[i] !== 0) coveredTotals[area] += value;
  }
  return names.map((name, area) => ({
    area,
    name,
    populationTotal: totals[area],
    populationCovered: coveredTotals[area],
    populationUncovered: totals[area] - coveredTotals[area],
  }));
}
