/**
 * Great-circle distance in metres written out from its definition (R = 6,371,008.8 m), apart from the code under test,
 * so tests check src/core/geo against the formula rather than against itself.
 */
export function haversineByDefinition(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
}
