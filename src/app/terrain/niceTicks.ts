/** Round axis values: a step of 1, 2 or 5 × 10ⁿ and the ticks from a multiple of it below `low` to one above `high`. */
export interface NiceTicks {
  step: number;
  /** The axis' ends: `low` rounded down and `high` rounded up to the step. */
  min: number;
  max: number;
  /** min, min + step, ..., max. */
  values: number[];
}

/**
 * About `count` intervals over [low, high] with a round step (the chart's axes). An empty range (low = high) is widened
 * by 1 on each side so that the axis still has a length.
 */
export function niceTicks(low: number, high: number, count = 5): NiceTicks {
  if (!(high > low)) {
    low -= 1;
    high += 1;
  }
  const raw = (high - low) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  const step = magnitude * (residual < 1.5 ? 1 : residual < 3 ? 2 : residual < 7 ? 5 : 10);
  const first = Math.floor(low / step);
  const last = Math.ceil(high / step);
  // Multiples of the step, computed from integers so that 0.1 + 0.2 never shows up as 0.30000000000000004.
  const values: number[] = [];
  for (let i = first; i <= last; i++) values.push(Number((i * step).toPrecision(12)));
  return { step, min: values[0], max: values[values.length - 1], values };
}
