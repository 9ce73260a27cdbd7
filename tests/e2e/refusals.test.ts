/**
 * Every refusal the page can meet is shown where the person acted, in the UI's language, saying what to change: the
 * real server's 400, 401 and 422, and the other codes (403, 404, 409, 413, 429, 5xx, network down) answered by
 * page.route() with the bodies the server sends (copied from its answers in tests/unit/app/describeApiError.test.ts).
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './launchBrowser';
import { openApp, signIn } from './signIn';

let browser: Browser;
const contexts: BrowserContext[] = [];
const ARTIFACTS = 'tests/artifacts';

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  contexts.push(context);
  return openApp(context);
}

/** An answer as the server gives it: JSON error body, and headers (Retry-After) when it sends them. */
interface Answer {
  status: number;
  body?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

const ANSWERS = {
  unauthenticated: { status: 401, body: { error: 'unauthenticated', message: 'log in first (POST /api/session)' } },
  forbidden: { status: 403, body: { error: 'forbidden', message: 'an operator may not do this' } },
  notFound: { status: 404, body: { error: 'not_found', message: 'not found' } },
  requestConflict: {
    status: 409,
    body: {
      error: 'conflict',
      message: 'the request changed meanwhile (now approved, version 2; you saw version 1): reload it',
      details: { currentVersion: 2, state: 'approved' },
    },
  },
  planConflict: {
    status: 409,
    body: {
      error: 'conflict',
      message:
        'plan "Trạm 5G dùng chung đợt 1" was changed by nguyen.van.an at 2026-12-06T02:30:00.000Z (now version 3); your edit is based on version 2. Nothing was saved: reload the plan, apply your changes again and save.',
      details: { currentVersion: 3, updatedBy: 'nguyen.van.an', updatedAt: '2026-12-06T02:30:00.000Z' },
    },
  },
  requestTooLarge: {
    status: 413,
    body: {
      error: 'too_large',
      message: 'the request body is too large (at most 65536 bytes here)',
      details: { limitBytes: 65536 },
    },
  },
  planTooLarge: {
    status: 413,
    body: {
      error: 'too_large',
      message: 'the request body is too large (at most 20971520 bytes here)',
      details: { limitBytes: 20971520 },
    },
  },
  tooManyChanges: {
    status: 429,
    headers: { 'retry-after': '42' },
    body: { error: 'rate_limited', message: 'too many changes from this account: try again in 42 s' },
  },
  tooManyLogins: {
    status: 429,
    headers: { 'retry-after': '60' },
    body: { error: 'rate_limited', message: 'too many login attempts: try again in 1 minute' },
  },
  internal: { status: 500, body: { error: 'internal', message: 'internal server error' } },
  proxyDown: { status: 503, text: '<html><body>503 Service Unavailable</body></html>' },
} satisfies Record<string, Answer>;

/**
 * Answers the page's `method` requests to paths matching `path` with `answer` ('network' aborts them, as a dropped
 * connection does); everything else goes to the real server. Returns the function that removes the route.
 */
async function answerWith(page: Page, method: string, path: RegExp, answer: Answer | 'network') {
  const matches = (url: URL) => path.test(url.pathname);
  const handler = async (route: Route) => {
    if (route.request().method() !== method) return route.fallback();
    if (answer === 'network') return route.abort('failed');
    return route.fulfill({
      status: answer.status,
      headers: answer.headers,
      contentType: answer.text === undefined ? 'application/json' : 'text/html',
      body: answer.text ?? JSON.stringify(answer.body),
    });
  };
  await page.route(matches, handler);
  return () => page.unroute(matches, handler);
}

/** Presses `button` while the route gives `answer`, and returns the refusal shown in `place`. */
async function refusalAfter(
  page: Page,
  place: Locator,
  button: Locator,
  route: { method: string; path: RegExp; answer: Answer | 'network' },
): Promise<string> {
  const remove = await answerWith(page, route.method, route.path, route.answer);
  try {
    // The press clears the place's last refusal and sets busy at once (the store is synchronous): wait for the answer.
    await button.click();
    await page.waitForFunction(() => window.cositeServer?.().busy === false);
    const note = place.getByTestId('refusal');
    await note.waitFor();
    await expect(note.getAttribute('role')).resolves.toBe('alert');
    return ((await note.textContent()) ?? '').trim();
  } finally {
    await remove();
  }
}

const NETWORK_DOWN = 'Không kết nối được máy chủ: kiểm tra kết nối mạng rồi thử lại.';

describe('refusals, where the person acted', () => {
  it('sign-in: a wrong password (real 401) in Vietnamese and in English, too many attempts, network down', async () => {
    const page = await newPage();
    await page.getByTestId('tab-requests').click();
    const form = page.locator('form.sign-in');
    await page.getByTestId('sign-in-username').fill('viettel');
    await page.getByTestId('sign-in-password').fill('sai-mat-khau');
    await page.getByTestId('sign-in').click();
    await expect(form.getByTestId('refusal').textContent()).resolves.toBe(
      'Sai tên đăng nhập hoặc mật khẩu: kiểm tra lại (cả chữ hoa, chữ thường) rồi đăng nhập lại.',
    );
    // The same refusal follows the UI's language.
    await page.getByTestId('language-switch').click();
    await expect(form.getByTestId('refusal').textContent()).resolves.toBe(
      'Wrong user name or password: check them (capitals too) and sign in again.',
    );
    await page.getByTestId('language-switch').click();

    const signInButton = page.getByTestId('sign-in');
    const session = { method: 'POST', path: /^\/api\/session$/ };
    await expect(refusalAfter(page, form, signInButton, { ...session, answer: ANSWERS.tooManyLogins })).resolves.toBe(
      'Quá nhiều lần đăng nhập: đợi 60 giây rồi thử lại.',
    );
    await expect(refusalAfter(page, form, signInButton, { ...session, answer: 'network' })).resolves.toBe(NETWORK_DOWN);
    await expect(refusalAfter(page, form, signInButton, { ...session, answer: ANSWERS.internal })).resolves.toBe(
      'Máy chủ gặp lỗi (500): thử lại; nếu vẫn lỗi, báo quản trị viên.',
    );

    // Signed in, the province's masts cannot be read (a proxy's 503): the tab says the map still shows the masts it
    // had, and why; once the server answers again, "try again" brings them.
    const removeMasts = await answerWith(page, 'GET', /^\/api\/provinces\/[^/]+\/masts$/, ANSWERS.proxyDown);
    await signIn(page, 'viettel');
    const panel = page.getByTestId('requests-panel');
    await expect(page.evaluate(() => window.cositeServer?.().serverMasts)).resolves.toBe('failed');
    await expect(panel.getByTestId('server-masts-failed').textContent()).resolves.toContain(
      'Không tải được các cột của tỉnh từ máy chủ',
    );
    await expect(panel.getByTestId('refusal').textContent()).resolves.toBe(
      'Máy chủ tạm thời không phục vụ được (503): đợi một lát rồi thử lại; nếu vẫn lỗi, báo quản trị viên.',
    );
    await page.screenshot({ path: `${ARTIFACTS}/server-masts-failed-vi.png` });
    // The masts on screen now, to tell them from the server's when they come.
    await page.evaluate(() => {
      (window as unknown as { mastsBefore: unknown }).mastsBefore = window.cosite?.state().dataset?.towers;
    });
    const replaced = () =>
      page.evaluate(
        () => (window as unknown as { mastsBefore: unknown }).mastsBefore !== window.cosite?.state().dataset?.towers,
      );
    await expect(replaced()).resolves.toBe(false);
    await removeMasts();
    await panel.getByTestId('server-masts-retry').click();
    await page.waitForFunction(() => window.cositeServer?.().serverMasts === 'loaded');
    await expect(panel.getByTestId('server-masts-failed').count()).resolves.toBe(0);
    await expect(panel.getByTestId('refusal').count()).resolves.toBe(0);
    await expect(replaced()).resolves.toBe(true);

    // While they are on their way (held here), the search for where to co-locate waits for them: it would otherwise
    // run on the masts they replace and offer masts that are gone by the time one is clicked.
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-username').waitFor();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const mastsPath = (url: URL) => /^\/api\/provinces\/[^/]+\/masts$/.test(url.pathname);
    const hold = async (route: Route) => {
      await held;
      await route.fallback();
    };
    await page.route(mastsPath, hold);
    await page.getByTestId('sign-in-username').fill('viettel');
    await page.getByTestId('sign-in-password').fill(inject('demoPassword'));
    await page.getByTestId('sign-in').click();
    await panel.getByTestId('server-masts-loading').waitFor();
    await expect(panel.getByTestId('find-opportunities').isDisabled()).resolves.toBe(true);
    release();
    await page.waitForFunction(() => window.cositeServer?.().serverMasts === 'loaded');
    await expect(panel.getByTestId('server-masts-loading').count()).resolves.toBe(0);
    await expect(panel.getByTestId('find-opportunities').isEnabled()).resolves.toBe(true);
    await page.unroute(mastsPath, hold);
  });

  let filedMastId = '';

  it('a co-location request: the real 422 and 400, then every other code the filing can meet', async () => {
    const page = await newPage();
    await signIn(page, 'viettel');
    // A mast of another operator, with one tenant (room left) and a known height.
    const mast = await page.evaluate(() => {
      const towers = window.cosite?.state().dataset?.towers ?? [];
      const index = towers.findIndex(
        (tower) =>
          tower.tenants.length === 1 &&
          !tower.tenants.includes('Viettel') &&
          tower.mastType !== 'A1' &&
          tower.heightM !== null &&
          tower.heightM >= 30 &&
          tower.heightM <= 60,
      );
      // Selected in the same task as it was found (the server's masts may replace the list after signing in: the
      // selection then follows the mast's id).
      if (index >= 0) window.cosite?.select(index);
      return { index, id: towers[index]?.id ?? '', heightM: towers[index]?.heightM ?? 0 };
    });
    expect(mast.index).toBeGreaterThanOrEqual(0);
    await page.getByTestId('tab-overview').click();
    const form = page.getByTestId('request-form');
    const file = page.getByTestId('file-request');
    const refusal = form.getByTestId('refusal');

    // The form comes with the mast's room read from the server: on a busy machine that can take a while.
    await page.getByTestId('request-antennaHeightM').waitFor({ timeout: 90_000 });
    // The real server: the antenna above the mast (422), said with both heights and what to change.
    const antennaM = Math.round(mast.heightM) + 20;
    await page.getByTestId('request-antennaHeightM').fill(String(antennaM));
    await file.click();
    const mastM = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(mast.heightM);
    await expect
      .poll(async () => (await refusal.textContent()) ?? '')
      .toContain(`Ăng-ten ở ${antennaM} m, cao hơn cột (${mastM} m): hạ độ cao ăng-ten xuống tối đa ${mastM} m.`);
    await refusal.scrollIntoViewIfNeeded();
    await form.screenshot({ path: `${ARTIFACTS}/refusal-422-antenna.png` });

    // The real server: a field left empty (400), named in the person's words.
    await page.getByTestId('request-antennaHeightM').fill(String(Math.max(1, Math.round(mast.heightM) - 5)));
    await page.getByTestId('request-band').fill('');
    await file.click();
    await expect
      .poll(async () => (await refusal.textContent()) ?? '')
      .toBe('Máy chủ không nhận dữ liệu đã nhập. Băng tần: không được để trống. Sửa rồi gửi lại.');
    await page.getByTestId('request-band').fill('n41');

    const filing = { method: 'POST', path: /^\/api\/requests$/ };
    const expected: [Answer | 'network', string][] = [
      [ANSWERS.unauthenticated, 'Phiên đăng nhập đã kết thúc: đăng nhập lại rồi thử lại.'],
      [
        ANSWERS.forbidden,
        'Vai trò của tài khoản này (nhà mạng) không được gửi yêu cầu dùng chung cột: đăng nhập bằng tài khoản có quyền.',
      ],
      [ANSWERS.notFound, 'Mục này không còn trên máy chủ (có thể người khác đã xóa): tải lại rồi kiểm tra.'],
      [
        ANSWERS.requestConflict,
        'Yêu cầu đã thay đổi trong lúc đó (nay: Đã chấp thuận, phiên bản 2): tải lại danh sách rồi thử lại.',
      ],
      [
        ANSWERS.requestTooLarge,
        'Dữ liệu gửi đi quá lớn (máy chủ nhận tối đa 64 kB): chia nhỏ hoặc bớt dữ liệu rồi gửi lại.',
      ],
      [ANSWERS.tooManyChanges, 'Quá nhiều thao tác trong thời gian ngắn: đợi 42 giây rồi thử lại.'],
      [ANSWERS.internal, 'Máy chủ gặp lỗi (500): thử lại; nếu vẫn lỗi, báo quản trị viên.'],
      [
        ANSWERS.proxyDown,
        'Máy chủ tạm thời không phục vụ được (503): đợi một lát rồi thử lại; nếu vẫn lỗi, báo quản trị viên.',
      ],
      ['network', NETWORK_DOWN],
    ];
    for (const [answer, text] of expected) {
      const shown = await refusalAfter(page, form, file, { ...filing, answer });
      // After "your session has ended" the note offers to sign in again.
      expect(shown.replace(/\s*Đăng nhập$/, ''), JSON.stringify(answer)).toBe(text);
    }

    // Nothing refused: the request is filed, and the refusal is gone.
    await file.click();
    await form.getByTestId('request-filed').waitFor();
    await expect(refusal.count()).resolves.toBe(0);
    filedMastId = mast.id;
  });

  it('the province: a rejection without a reason (real 400), a stale approval (409), a plan save refused (413, 409)', async () => {
    expect(filedMastId).not.toBe('');
    const page = await newPage();
    await signIn(page, 'vn25-planner');
    const row = page.locator('[data-testid=inbox] [data-testid=request]', { hasText: filedMastId }).first();
    await row.waitFor();
    await row.getByTestId('request-reject').click();
    await expect
      .poll(async () => (await row.getByTestId('refusal').textContent()) ?? '')
      .toBe('Từ chối cần có lý do: nhập lý do vào ô “Lý do / ghi chú” rồi bấm lại.');
    await expect(
      refusalAfter(page, row, row.getByTestId('request-approve'), {
        method: 'POST',
        path: /^\/api\/requests\/[^/]+\/approve$/,
        answer: ANSWERS.requestConflict,
      }),
    ).resolves.toBe(
      'Yêu cầu đã thay đổi trong lúc đó (nay: Đã chấp thuận, phiên bản 2): tải lại danh sách rồi thử lại.',
    );

    // A shared-site plan, saved on the server: too large, then changed by someone else meanwhile.
    await page.getByTestId('tab-sharing').click();
    await page.getByTestId('plan-sites').fill('5');
    await page.getByTestId('run-plan').click();
    await page.getByTestId('plan-figures').waitFor({ timeout: 120_000 });
    await page.getByTestId('plan-name').fill('Trạm 5G dùng chung đợt 1');
    const section = page.getByTestId('plan-on-server');
    const save = page.getByTestId('save-plan');
    const saving = { method: 'POST', path: /^\/api\/provinces\/VN25\/plans$/ };
    await expect(refusalAfter(page, section, save, { ...saving, answer: ANSWERS.planTooLarge })).resolves.toBe(
      'Dữ liệu gửi đi quá lớn (máy chủ nhận tối đa 20 MB): chia nhỏ hoặc bớt dữ liệu rồi gửi lại.',
    );
    const conflict = await refusalAfter(page, section, save, { ...saving, answer: ANSWERS.planConflict });
    expect(conflict).toMatch(
      /^Quy hoạch “Trạm 5G dùng chung đợt 1” đã được nguyen\.van\.an sửa lúc .*2026.* \(nay là phiên bản 3\); chưa lưu gì\. Mở lại quy hoạch, làm lại thay đổi rồi lưu\.$/,
    );
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: `${ARTIFACTS}/refusal-409-plan.png` });

    // The audit trail's CSV is read by the page (no longer a bare link): it downloads, and a session that has ended is
    // said beside the button, with a way to sign in again.
    await page.getByTestId('tab-requests').click();
    const auditButton = page.getByTestId('audit-csv');
    const [download] = await Promise.all([page.waitForEvent('download'), auditButton.click()]);
    expect(download.suggestedFilename()).toBe('cosite-audit.csv');
    // The audit table's own section (the requests panel around it is a section too).
    const audit = page.locator('section:has(> [data-testid=audit-table])');
    await expect(
      refusalAfter(page, audit, auditButton, {
        method: 'GET',
        path: /^\/api\/audit\.csv$/,
        answer: ANSWERS.unauthenticated,
      }),
    ).resolves.toBe('Phiên đăng nhập đã kết thúc: đăng nhập lại rồi thử lại. Đăng nhập');
    await audit.getByTestId('sign-in-again').click();
    await page.getByTestId('sign-in-username').waitFor();
  });
});
