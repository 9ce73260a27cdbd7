import type { Geometry, Position } from 'geojson';

/** Well-known text of a GeoJSON geometry (2D; extra ordinates are written too, as WKT Z). */
export function geometryToWkt(geometry: Geometry): string {
  const position = (p: Position) => p.join(' ');
  const list = (positions: Position[]) => `(${positions.map(position).join(', ')})`;
  const rings = (polygon: Position[][]) => `(${polygon.map(list).join(', ')})`;
  switch (geometry.type) {
    case 'Point':
      return `POINT (${position(geometry.coordinates)})`;
    case 'MultiPoint':
      return `MULTIPOINT ${list(geometry.coordinates)}`;
    case 'LineString':
      return `LINESTRING ${list(geometry.coordinates)}`;
    case 'MultiLineString':
      return `MULTILINESTRING ${rings(geometry.coordinates)}`;
    case 'Polygon':
      return `POLYGON ${rings(geometry.coordinates)}`;
    case 'MultiPolygon':
      return `MULTIPOLYGON (${geometry.coordinates.map(rings).join(', ')})`;
    case 'GeometryCollection':
      return `GEOMETRYCOLLECTION (${geometry.geometries.map(geometryToWkt).join(', ')})`;
  }
}

/** A GeoJSON geometry from well-known text, or a one-line reason it is not WKT. */
export function wktToGeometry(text: string): { geometry: Geometry } | { error: string } {
  const tokens = text.trim().match(/[A-Za-z]+|\(|\)|,|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g) ?? [];
  let at = 0;
  const fail = (message: string): never => {
    throw new Error(message);
  };
  const expect = (token: string) => (tokens[at] === token ? at++ : fail(`expected '${token}' at token ${at + 1}`));
  const positionList = (): Position[] => {
    expect('(');
    const positions: Position[] = [];
    do {
      if (tokens[at] === ',') at++;
      const position: number[] = [];
      while (at < tokens.length && /^[-+.\d]/.test(tokens[at])) position.push(Number(tokens[at++]));
      if (position.length < 2) fail('a position needs two numbers');
      positions.push(position);
    } while (tokens[at] === ',');
    expect(')');
    return positions;
  };
  const nested = <T>(item: () => T): T[] => {
    expect('(');
    const items = [item()];
    while (tokens[at] === ',') {
      at++;
      items.push(item());
    }
    expect(')');
    return items;
  };
  let collections = 0;
  const geometry = (): Geometry => {
    const type = (tokens[at++] ?? '').toUpperCase();
    if (tokens[at] && /^(Z|M|ZM)$/i.test(tokens[at])) at++;
    switch (type) {
      case 'POINT':
        return { type: 'Point', coordinates: positionList()[0] };
      case 'MULTIPOINT':
        // Both "MULTIPOINT (1 2, 3 4)" and "MULTIPOINT ((1 2), (3 4))".
        if (tokens[at + 1] === '(') return { type: 'MultiPoint', coordinates: nested(() => positionList()[0]) };
        return { type: 'MultiPoint', coordinates: positionList() };
      case 'LINESTRING':
        return { type: 'LineString', coordinates: positionList() };
      case 'MULTILINESTRING':
        return { type: 'MultiLineString', coordinates: nested(positionList) };
      case 'POLYGON':
        return { type: 'Polygon', coordinates: nested(positionList) };
      case 'MULTIPOLYGON':
        return { type: 'MultiPolygon', coordinates: nested(() => nested(positionList)) };
      case 'GEOMETRYCOLLECTION': {
        // As the GeoJSON reader: collections in collections at most 16 deep (and never a stack overflow).
        if (++collections > 16) fail('GEOMETRYCOLLECTIONs nested more than 16 deep');
        const geometries = nested(geometry);
        collections--;
        return { type: 'GeometryCollection', geometries };
      }
      default:
        return fail(`unknown WKT type '${type}'`);
    }
  };
  try {
    const result = geometry();
    if (at !== tokens.length) fail('text after the geometry');
    return { geometry: result };
  } catch (error) {
    return { error: `not WKT: ${(error as Error).message}` };
  }
}
