/**
 * The 15-second poll against the real server (fastify inject behind a fetch that keeps cookies): a poll that finds
 * nothing new leaves the store's lists as they were (the same arrays), so nothing redraws; a change replaces them.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refreshServerData, signIn, signOut, useServerStore } from '../../../src/app/server/serverStore';
import { browserFetch, startTestServer, TEST_ACCOUNTS, TEST_PASSWORD, type TestServer } from '../server/testServer';

describe('the poll of the server’s lists', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ masts: 4 });
    vi.stubGlobal('fetch', browserFetch(server));
    useServerStore.setState({ available: true });
  });
  afterEach(async () => {
    await signOut();
    vi.unstubAllGlobals();
    await server.close();
  });

  it('keeps the same lists when nothing changed, and takes new ones when something did', async () => {
    expect(await signIn(TEST_ACCOUNTS.planner.username, TEST_PASSWORD)).toBe(true);
    const before = useServerStore.getState();
    await refreshServerData('poll');
    const after = useServerStore.getState();
    expect(after.requests).toBe(before.requests);
    expect(after.audit).toBe(before.audit);
    expect(after.proposedSites).toBe(before.proposedSites);
    expect(after.plans).toBe(before.plans);
    expect(after.notifications).toBe(before.notifications);

    // Another account's import (an audit entry) is new data: the audit list is replaced.
    const viettel = await server.loggedIn('viettel');
    const imported = await viettel.post('/api/provinces/VN25/masts/import', {
      towers: [{ id: 'VT-POLL', operator: 'Viettel', lon: 108.21, lat: 16.06, tenants: ['Viettel'] }],
      mode: 'add',
      sourceName: 'viettel.csv',
    });
    expect(imported.status, imported.text).toBe(200);
    await refreshServerData('poll');
    const changed = useServerStore.getState();
    expect(changed.audit).not.toBe(after.audit);
    expect(changed.audit.length).toBeGreaterThan(after.audit.length);
    expect(changed.requests).toBe(after.requests);
  });
});
