import { BoundaryFileError } from './boundaryFileError';

/**
 * Throws BoundaryFileError unless `position` is a finite [lon, lat] in degrees. `kind` names the geometry in the
 * message ("polygon", "line"); `reprojectAdvice` ends the message for values that look projected.
 */
export function checkLonLatPosition(position: unknown, kind: string, reprojectAdvice: string): void {
  if (
    !Array.isArray(position) ||
    typeof position[0] !== 'number' ||
    typeof position[1] !== 'number' ||
    !Number.isFinite(position[0]) ||
    !Number.isFinite(position[1])
  ) {
    const found = String(JSON.stringify(position));
    throw new BoundaryFileError(`a ${kind} position is not [lon, lat]: ${found}`, {
      code: 'notPosition',
      params: { kind, found },
    });
  }
  if (Math.abs(position[0]) > 180 || Math.abs(position[1]) > 90) {
    throw new BoundaryFileError(
      `coordinates are not longitude/latitude degrees (found [${position[0]}, ${position[1]}]); ${reprojectAdvice}`,
      { code: 'notDegrees', params: { kind, lon: position[0], lat: position[1] } },
    );
  }
}
