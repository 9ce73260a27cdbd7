import type { SignalCoverageBand } from '../src/core/coverage/computeSignalCoverage';
import type { TowerArrays } from '../src/core/model/towerArrays';

/** The buffers of a signal band's rasters, to transfer rather than copy. */
export function coverageBuffers(coverage: SignalCoverageBand): ArrayBuffer[] {
  return [
    coverage.bestSignalDbm.buffer as ArrayBuffer,
    coverage.servingTowerIndex.buffer as ArrayBuffer,
    ...coverage.bestSignalDbmByOperator.map((signal) => signal.buffer as ArrayBuffer),
  ];
}

/** The buffers of packed towers (ids are strings, cloned). */
export function towerArraysBuffers(arrays: TowerArrays): ArrayBuffer[] {
  return [
    ...[arrays.lon, arrays.lat, arrays.radiusM, arrays.heightM, arrays.ownerIndex, arrays.tenantBits].map(
      (array) => array.buffer as ArrayBuffer,
    ),
    ...(arrays.tenantCount ? [arrays.tenantCount.buffer as ArrayBuffer] : []),
  ];
}
