/**
 * The ministry typing a target while an earlier save is still on its way: the saves go one after the other, each based
 * on the version the previous one made, so none is refused as someone else's change and the last value typed is the
 * server's. Against the real server (fastify inject behind a fetch that keeps cookies), its answers slowed down.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { followServerTargets, setTarget, useMinistryStore } from '../../../src/app/ministry/ministryStore';
import { signIn, useServerStore } from '../../../src/app/server/serverStore';
import { browserFetch, startTestServer, TEST_ACCOUNTS, TEST_PASSWORD, type TestServer } from '../server/testServer';

const SLOW_SAVE_MS = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the ministry's target saves", () => {
  let server: TestServer;
  let unfollow: () => void;
  beforeEach(async () => {
    server = await startTestServer({ masts: 0 });
    const fetch = browserFetch(server);
    // Every save takes a second to answer, as over a slow link.
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === 'PUT') await sleep(SLOW_SAVE_MS);
      return fetch(input, init);
    });
    useServerStore.setState({ available: true });
    unfollow = followServerTargets();
  });
  afterEach(async () => {
    unfollow();
    vi.unstubAllGlobals();
    await server.close();
  });

  it('keeps the last value typed, with no refusal, when keys come faster than the server answers', async () => {
    expect(await signIn(TEST_ACCOUNTS.ministry.username, TEST_PASSWORD)).toBe(true);
    await vi.waitFor(() => expect(useMinistryStore.getState().serverTargets?.version).toBe(0), { timeout: 5000 });
    // "5", "52", "52,5" (a share in percent: 0.05, 0.52, 0.525) a key every 650 ms, past the 600 ms pause.
    for (const value of [0.05, 0.52, 0.525]) {
      setTarget('coverage_5g_share', value);
      await sleep(650);
    }
    await vi.waitFor(
      async () => {
        const saved = (await (await fetch('/api/readiness/targets')).json()) as {
          targets: { targets: Record<string, number>; version: number };
        };
        expect(saved.targets.targets.coverage_5g_share).toBe(0.525);
        expect(useMinistryStore.getState().serverTargets?.version).toBe(saved.targets.version);
      },
      { timeout: 10_000, interval: 200 },
    );
    expect(useServerStore.getState().refusals.saveTargets).toBeUndefined();
    expect(useMinistryStore.getState().targets.coverage_5g_share).toBe(0.525);

    // The field left again with the same value (a blur): no new version on the server.
    const versions = async () =>
      ((await (await fetch('/api/readiness/targets')).json()) as { targets: { version: number } }).targets.version;
    const before = await versions();
    setTarget('coverage_5g_share', 0.525);
    await sleep(SLOW_SAVE_MS + 900);
    expect(await versions()).toBe(before);
  }, 20_000);
});
