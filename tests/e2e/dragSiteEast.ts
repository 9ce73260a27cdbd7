import type { Page } from 'playwright-core';

/**
 * Drags the proposed site at [lon, lat] 80 px east on the map at zoom 12 (eight 10 px steps, MapLibre's own pointer
 * events, as a planner drags it), then waits until the plan is evaluated where the sites now are.
 */
export async function dragSiteEast(page: Page, site: { lon: number; lat: number }): Promise<void> {
  await page.evaluate(([lon, lat]) => window.cosite?.jumpTo(lon, lat, 12), [site.lon, site.lat]);
  await page.evaluate(() => window.cosite?.waitForMapIdle());
  const box = await page.getByTestId('map').boundingBox();
  const point = await page.evaluate(([lon, lat]) => window.cosite?.project(lon, lat), [site.lon, site.lat]);
  if (!box || !point) throw new Error('no map');
  await page.mouse.move(box.x + point.x, box.y + point.y);
  await page.mouse.down();
  for (let step = 1; step <= 8; step++) await page.mouse.move(box.x + point.x + step * 10, box.y + point.y);
  await page.mouse.up();
  await page.waitForFunction(() => (window.cositeSharing?.() as { method: string } | null)?.method === 'fixed');
}
