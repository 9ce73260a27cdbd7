/**
 * An input outside the range a path-loss model was defined (fitted, validated) for. Models compute anyway (an
 * extrapolation is still the best estimate there is), so this is a note for the user, not an error.
 */
export interface ValidityIssue {
  /** "UMa NLOS" */
  model: string;
  /** "distance", "base station height" */
  quantity: string;
  value: number;
  min: number;
  max: number;
  unit: string;
}

/** The issue when `value` is outside [min, max], else null. */
export function checkRange(
  model: string,
  quantity: string,
  value: number,
  min: number,
  max: number,
  unit: string,
): ValidityIssue | null {
  return value >= min && value <= max ? null : { model, quantity, value, min, max, unit };
}

/** The non-null issues of a list, in order. */
export function collectIssues(...issues: Array<ValidityIssue | null>): ValidityIssue[] {
  return issues.filter((issue): issue is ValidityIssue => issue !== null);
}

/** "UMa NLOS: distance 6000 m is outside the model's range 10-5000 m (computed anyway)" */
export function describeValidityIssue(issue: ValidityIssue): string {
  return `${issue.model}: ${issue.quantity} ${formatValue(issue.value)} ${issue.unit} is outside ${describeRange(issue)} (computed anyway)`;
}

export function describeRange(issue: Pick<ValidityIssue, 'min' | 'max' | 'unit'>): string {
  if (issue.min === issue.max) return `the model's ${issue.min} ${issue.unit}`;
  if (issue.max === Infinity) return `the model's minimum ${issue.min} ${issue.unit}`;
  return `the model's range ${issue.min}-${issue.max} ${issue.unit}`;
}

export function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}
