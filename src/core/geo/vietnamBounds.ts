/** Mainland Vietnam with the Hoàng Sa and Trường Sa archipelagos, as a box in degrees: coarse on purpose. */
export const VIETNAM_BOUNDS = { west: 102, south: 6, east: 118, north: 23.5 } as const;
