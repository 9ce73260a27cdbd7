/** The server also serves the built app: files, the single-page fallback, and JSON 404s under /api. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testServer';

describe('static app', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cosite-dist-'));
  let server: TestServer;
  beforeAll(async () => {
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>CoSite</title>');
    writeFileSync(path.join(dir, 'app.js'), 'console.log(1)');
    server = await startTestServer({ masts: 1, staticDir: dir });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves files, falls back to index.html for app paths, and answers JSON 404 under /api', async () => {
    const client = server.client();
    const page = await client.get('/');
    expect(page.text).toContain('<title>CoSite</title>');
    expect(String(page.headers['content-security-policy'])).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
    expect(String((await client.get('/app.js')).headers['content-security-policy'])).toMatch(/worker-src 'self' blob:/);
    expect((await client.get('/app.js')).text).toBe('console.log(1)');
    expect((await client.get('/province/VN25')).text).toContain('<title>CoSite</title>');
    const api = await client.get('/api/nope');
    expect(api.status).toBe(404);
    expect(api.body).toMatchObject({ error: 'not_found' });
    expect((await client.get('/api/health')).body).toMatchObject({ ok: true, service: 'cosite' });
  });

  it("answers a file server's refusals with the API's error codes", async () => {
    const client = server.client();
    const traversal = await client.get('/a%00b.js');
    const badUrl = await client.get('/%E0%A4%A');
    const range = await client.request('GET', '/app.js', undefined, { headers: { range: 'bytes=500-600' } });
    expect({ status: traversal.status, body: traversal.body }).toEqual({
      status: 403,
      body: expect.objectContaining({ error: 'forbidden' }),
    });
    expect({ status: badUrl.status, body: badUrl.body }).toMatchObject({
      status: 400,
      body: { error: 'invalid_input' },
    });
    expect(badUrl.headers['x-content-type-options']).toBe('nosniff');
    expect({ status: range.status, body: range.body }).toMatchObject({
      status: 416,
      body: { error: 'range_not_satisfiable' },
    });
  });

  it('refuses to start without a built app', async () => {
    await expect(startTestServer({ masts: 1, staticDir: path.join(dir, 'missing') })).rejects.toThrow(/no built app/);
  });
});
