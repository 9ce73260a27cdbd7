const DEG = Math.PI / 180;

/**
 * Points along the great circle between two lon/lat points (degrees) on a sphere, by spherical linear interpolation
 * of their unit vectors: pointAt(t) is the point at fraction t of the arc, so equal steps of t are equal distances.
 * One object is reused for many arcs (`set`) and writes its answer into `lonDeg`/`latDeg`: no allocation per point,
 * for the viewshed's inner loop. Antipodal endpoints (no single great circle) are not handled.
 */
export class GreatCircleArc {
  /** The last point pointAt computed, degrees. */
  lonDeg = 0;
  latDeg = 0;
  /** Central angle between the endpoints, radians (the haversine angle: distance / R). */
  angleRad = 0;
  private ax = 0;
  private ay = 0;
  private az = 0;
  private bx = 0;
  private by = 0;
  private bz = 0;
  private sinAngle = 0;

  set(fromLonDeg: number, fromLatDeg: number, toLonDeg: number, toLatDeg: number): this {
    const fromLat = fromLatDeg * DEG;
    const toLat = toLatDeg * DEG;
    const fromLon = fromLonDeg * DEG;
    const toLon = toLonDeg * DEG;
    this.ax = Math.cos(fromLat) * Math.cos(fromLon);
    this.ay = Math.cos(fromLat) * Math.sin(fromLon);
    this.az = Math.sin(fromLat);
    this.bx = Math.cos(toLat) * Math.cos(toLon);
    this.by = Math.cos(toLat) * Math.sin(toLon);
    this.bz = Math.sin(toLat);
    const sinHalfLat = Math.sin((toLat - fromLat) / 2);
    const sinHalfLon = Math.sin((toLon - fromLon) / 2);
    const a = sinHalfLat * sinHalfLat + Math.cos(fromLat) * Math.cos(toLat) * sinHalfLon * sinHalfLon;
    this.angleRad = 2 * Math.asin(Math.min(1, Math.sqrt(a)));
    this.sinAngle = Math.sin(this.angleRad);
    return this;
  }

  /** The point at fraction t (0 = from, 1 = to) into lonDeg/latDeg. */
  pointAt(t: number): void {
    let x: number;
    let y: number;
    let z: number;
    if (this.sinAngle < 1e-15) {
      x = this.ax;
      y = this.ay;
      z = this.az;
    } else {
      const wa = Math.sin((1 - t) * this.angleRad) / this.sinAngle;
      const wb = Math.sin(t * this.angleRad) / this.sinAngle;
      x = wa * this.ax + wb * this.bx;
      y = wa * this.ay + wb * this.by;
      z = wa * this.az + wb * this.bz;
    }
    this.latDeg = Math.atan2(z, Math.sqrt(x * x + y * y)) / DEG;
    this.lonDeg = Math.atan2(y, x) / DEG;
  }
}
