/**
 * Every refusal the page can meet, as the real server sends it (fastify inject behind a fetch that keeps cookies like a
 * browser, read by the app's own ApiClient), worded by describeApiError in Vietnamese and in English.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withFileRow } from '../../../src/app/import/withFileRow';
import { ApiClient, ApiError } from '../../../src/app/server/apiClient';
import type { NewRequest, ServerPlanDocument } from '../../../src/app/server/apiTypes';
import { describeApiError, type ServerAction } from '../../../src/app/server/describeApiError';
import { browserFetch, startTestServer, TEST_PASSWORD, type TestServer } from '../server/testServer';

const newRequest = (overrides: Partial<NewRequest> = {}): NewRequest => ({
  provinceId: 'VN25',
  target: { kind: 'mast', mastId: 'T-0000' },
  equipment: '3 x AAU 64T64R',
  band: 'n41',
  antennaHeightM: 40,
  windLoadAreaM2: 1.5,
  submit: true,
  ...overrides,
});

const emptyPlan = {} as ServerPlanDocument;

/** The ApiError a call ends with (it must end with one). */
async function refusal(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const both = (error: unknown, action?: ServerAction) => ({
  vi: describeApiError(error, 'vi', action),
  en: describeApiError(error, 'en', action),
});

describe('describeApiError over the real server', () => {
  let server: TestServer;
  const signedIn = async (username: string) => {
    const client = new ApiClient();
    await client.signIn(username, TEST_PASSWORD);
    return client;
  };

  beforeEach(async () => {
    server = await startTestServer({ masts: 3 });
    vi.stubGlobal('fetch', browserFetch(server));
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await server.close();
  });

  it('400: names each field the server refused, in the person’s words', async () => {
    const viettel = await signedIn('viettel');
    const error = await refusal(viettel.fileRequest(newRequest({ antennaHeightM: 400, band: '' })));
    expect(error.status).toBe(400);
    expect(both(error, 'fileRequest')).toEqual({
      vi: 'Máy chủ không nhận dữ liệu đã nhập. Độ cao lắp ăng-ten: tối đa 300; Băng tần: không được để trống. Sửa rồi gửi lại.',
      en: 'The server did not accept what was entered. Antenna height: at most 300; Band: must not be empty. Correct it and send again.',
    });
    const neither = await refusal(viettel.fileRequest(newRequest({ windLoadAreaM2: undefined })));
    expect(describeApiError(neither, 'vi', 'fileRequest')).toContain(
      'Diện tích chịu gió: nhập diện tích chịu gió hoặc khối lượng thiết bị (hoặc cả hai)',
    );
  });

  it('400 on an import: each refused mast named by its line in the file, as the page knows it', async () => {
    const viettel = await signedIn('viettel');
    const tower = (id: string, heightM: number) => ({ id, operator: 'Viettel', lon: 108.2, lat: 16.05, heightM });
    const body = JSON.stringify({
      towers: [tower('V-1', 30), tower('V-2', 400)],
      mode: 'updateById',
      sourceName: 'viettel.csv',
    });
    const error = await refusal(viettel.importMastsBody('VN25', body));
    expect(error.status).toBe(400);
    // The second mast sent is line 7 of the file (a title, the header and a refused row came before).
    const named = withFileRow(error, [5, 7]);
    expect(both(named, 'importMasts')).toEqual({
      vi: 'Máy chủ không nhận dữ liệu đã nhập. Dòng 7 (Độ cao ăng-ten): tối đa 300. Sửa rồi gửi lại.',
      en: 'The server did not accept what was entered. Row 7 (Antenna height): at most 300. Correct it and send again.',
    });
  });

  it('400 on an import: too many masts in masts, many refused masts capped, unknown fields worded', async () => {
    const viettel = await signedIn('viettel');
    const tower = (i: number, extra: Record<string, unknown> = {}) => ({
      id: `V-${i}`,
      operator: 'Viettel',
      lon: 108.2,
      lat: 16.05,
      ...extra,
    });
    const tooMany = await refusal(
      viettel.importMastsBody(
        'VN25',
        JSON.stringify({
          towers: Array.from({ length: 200_001 }, (_, i) => tower(i)),
          mode: 'add',
          sourceName: 'all.csv',
        }),
      ),
    );
    expect(both(tooMany, 'importMasts')).toEqual({
      vi:
        'Máy chủ không nhận dữ liệu đã nhập. Máy chủ nhận tối đa 200.000 cột mỗi lần nhập: hãy chia tệp ' +
        '(theo nhà mạng hoặc theo khu vực) rồi nhập từng phần, ở chế độ thay cột của nhà mạng cho trọn danh sách ' +
        'một nhà mạng, ở chế độ thêm cho từng phần của một danh sách. Sửa rồi gửi lại.',
      en:
        'The server did not accept what was entered. The server takes at most 200,000 masts per import: split ' +
        "the file (by operator or by area) and import each part, in the mode that replaces an operator's masts for " +
        "one operator's whole list, in the add mode for parts of one list. Correct it and send again.",
    });
    // 25 masts with a field the server does not know: ten named, then how many more, in the UI's words.
    const unknown = await refusal(
      viettel.importMastsBody(
        'VN25',
        JSON.stringify({
          towers: Array.from({ length: 25 }, (_, i) => tower(i, { colour: 'red' })),
          mode: 'add',
          sourceName: 'odd.csv',
        }),
      ),
    );
    const vi = describeApiError(unknown, 'vi', 'importMasts');
    expect(vi.match(/máy chủ không nhận các trường colour/g)).toHaveLength(10);
    expect(vi).toContain('và 15 lỗi khác');
    expect(vi).not.toMatch(/Unrecognized/);
  });

  it('400: a rejection without a reason asks for the reason', async () => {
    const viettel = await signedIn('viettel');
    const filed = await viettel.fileRequest(newRequest());
    const planner = await signedIn('vn25-planner');
    const error = await refusal(planner.act(filed, 'reject', ''));
    expect(error.status).toBe(400);
    expect(both(error, 'actOnRequest')).toEqual({
      vi: 'Từ chối cần có lý do: nhập lý do vào ô “Lý do / ghi chú” rồi bấm lại.',
      en: 'A rejection needs a reason: type it in the “Reason / note” box and press again.',
    });
  });

  it('401: a wrong password, and a session that has ended', async () => {
    const wrong = await refusal(new ApiClient().signIn('viettel', 'not-the-password'));
    expect(wrong).toMatchObject({ status: 401, code: 'invalid_credentials' });
    expect(both(wrong, 'signIn')).toEqual({
      vi: 'Sai tên đăng nhập hoặc mật khẩu: kiểm tra lại (cả chữ hoa, chữ thường) rồi đăng nhập lại.',
      en: 'Wrong user name or password: check them (capitals too) and sign in again.',
    });
    const viettel = await signedIn('viettel');
    await server.db.run('DELETE FROM sessions');
    const ended = await refusal(viettel.fileRequest(newRequest()));
    expect(ended.status).toBe(401);
    expect(both(ended, 'fileRequest')).toEqual({
      vi: 'Phiên đăng nhập đã kết thúc: đăng nhập lại rồi thử lại.',
      en: 'Your session has ended: sign in again, then try again.',
    });
  });

  it('403: says which role may not do what', async () => {
    const viettel = await signedIn('viettel');
    const error = await refusal(viettel.createPlan('VN25', 'Kế hoạch', emptyPlan));
    expect(error.status).toBe(403);
    expect(both(error, 'savePlan')).toEqual({
      vi: 'Vai trò của tài khoản này (nhà mạng) không được lưu quy hoạch: đăng nhập bằng tài khoản có quyền.',
      en: 'The role of this account (operator) may not save a plan: sign in with an account that may.',
    });
    const planner = await signedIn('vn25-planner');
    const otherProvince = await refusal(planner.createPlan('VN01', 'Kế hoạch', emptyPlan));
    expect(otherProvince.status).toBe(403);
    expect(describeApiError(otherProvince, 'vi', 'savePlan')).toBe(
      'Tài khoản này không được làm việc cho tỉnh hoặc nhà mạng khác: chọn tỉnh hoặc nhà mạng của mình.',
    );
  });

  it('404: the thing is gone', async () => {
    const planner = await signedIn('vn25-planner');
    const error = await refusal(planner.getPlan('00000000-0000-4000-8000-000000000000'));
    expect(error.status).toBe(404);
    expect(both(error, 'openPlan')).toEqual({
      vi: 'Quy hoạch này không còn trên máy chủ (có thể người khác đã xóa): tải lại rồi kiểm tra.',
      en: 'This plan no longer exists on the server (removed by someone else?): reload and check.',
    });
  });

  it('409: who changed the plan and when; the request’s new state', async () => {
    // The page's fetch keeps one cookie jar: the other planner works through the test server's own client.
    const alice = await server.loggedIn('planner');
    const viettel = await signedIn('viettel');
    const filed = await viettel.fileRequest(newRequest());
    const bob = await signedIn('vn25-planner');
    const plan = await bob.createPlan('VN25', 'Đà Nẵng 5G 2026', emptyPlan);
    expect((await alice.put(`/api/plans/${plan.id}`, { document: {}, version: 1 })).status).toBe(200);
    const error = await refusal(bob.updatePlan(plan.id, plan.name, emptyPlan, 1));
    expect(error.status).toBe(409);
    const { vi: inVietnamese, en } = both(error, 'savePlan');
    expect(inVietnamese).toMatch(
      /^Quy hoạch “Đà Nẵng 5G 2026” đã được vn25-planner sửa lúc .+ \(nay là phiên bản 2\); chưa lưu gì\. Mở lại quy hoạch, làm lại thay đổi rồi lưu\.$/,
    );
    expect(en).toMatch(
      /^Plan “Đà Nẵng 5G 2026” was changed by vn25-planner at .+ \(now version 2\); nothing was saved\./,
    );
    expect(en).toContain('15/01/2026'); // the test server's clock

    expect((await alice.post(`/api/requests/${filed.id}/approve`, { version: 1 })).status).toBe(200);
    const stale = await refusal(bob.act(filed, 'reject', 'Hết chỗ'));
    expect(stale.status).toBe(409);
    expect(both(stale, 'actOnRequest')).toEqual({
      vi: 'Yêu cầu đã thay đổi trong lúc đó (nay: Đã chấp thuận, phiên bản 2): tải lại danh sách rồi thử lại.',
      en: 'The request changed meanwhile (now: Approved, version 2): reload the list and try again.',
    });
  });

  it('409: who changed the readiness targets and when', async () => {
    const other = await server.loggedIn('ministry');
    const ministry = await signedIn('ministry');
    const seen = await ministry.readinessTargets();
    expect(
      (await other.put('/api/readiness/targets', { targets: { shared_share: 0.4 }, version: seen.version })).status,
    ).toBe(200);
    const error = await refusal(ministry.saveReadinessTargets({ shared_share: 0.35 }, seen.version));
    expect(error.status).toBe(409);
    const { vi: inVietnamese, en } = both(error, 'saveTargets');
    expect(inVietnamese).toMatch(
      /^Chỉ tiêu đã được ministry sửa lúc .+ \(nay là phiên bản 1\); chưa lưu gì\. Chỉ tiêu trên máy chủ đã được tải lại: đặt lại thay đổi của bạn\.$/,
    );
    expect(en).toMatch(
      /^The targets were changed by ministry at 15\/01\/2026, \d\d:\d\d \(now version 1\); nothing was saved\./,
    );
  });

  it('413: the body is too large, with the route’s limit', async () => {
    const viettel = await signedIn('viettel');
    const error = await refusal(viettel.fileRequest(newRequest({ equipment: 'x'.repeat(70_000) })));
    expect(error.status).toBe(413);
    expect(both(error, 'fileRequest')).toEqual({
      vi: 'Dữ liệu gửi đi quá lớn (máy chủ nhận tối đa 64 kB): chia nhỏ hoặc bớt dữ liệu rồi gửi lại.',
      en: 'What was sent is too large (the server takes at most 64 kB): split it or send less, then try again.',
    });
  });

  it('422: the antenna above the mast, and a mast that is not there', async () => {
    const viettel = await signedIn('viettel');
    const error = await refusal(viettel.fileRequest(newRequest({ antennaHeightM: 80 })));
    expect(error).toMatchObject({ status: 422, code: 'capacity' });
    expect(both(error, 'fileRequest')).toEqual({
      vi: 'Cột không nhận được thiết bị này. Ăng-ten ở 80 m, cao hơn cột (60 m): hạ độ cao ăng-ten xuống tối đa 60 m.',
      en: 'The mast cannot take this equipment. The antenna at 80 m is above the mast (60 m): lower it to 60 m at most.',
    });
    const unknown = await refusal(viettel.fileRequest(newRequest({ target: { kind: 'mast', mastId: 'T-9999' } })));
    expect(unknown.status).toBe(422);
    expect(describeApiError(unknown, 'vi', 'fileRequest')).toBe(
      'Máy chủ không có cột hoặc vị trí đề xuất này trong tỉnh (có thể đã bị xóa): tải lại danh sách cột.',
    );
  });

  it('5xx: the server failed (a real 500: its database closed under it), and a proxy’s 503 page', async () => {
    const planner = await signedIn('vn25-planner');
    await server.db.close();
    const error = await refusal(planner.listPlans('VN25'));
    expect(error).toMatchObject({ status: 500, code: 'internal' });
    expect(both(error, 'refresh')).toEqual({
      vi: 'Máy chủ gặp lỗi (500): thử lại; nếu vẫn lỗi, báo quản trị viên.',
      en: 'The server failed (500): try again; if it persists, tell the administrator.',
    });
    vi.stubGlobal('fetch', async () => new Response('<html>Bad gateway</html>', { status: 503 }));
    const proxy = await refusal(new ApiClient().listRequests());
    expect(describeApiError(proxy, 'vi', 'refresh')).toBe(
      'Máy chủ tạm thời không phục vụ được (503): đợi một lát rồi thử lại; nếu vẫn lỗi, báo quản trị viên.',
    );
    // The database is closed already: reopen nothing, and let afterEach's close find it closed.
    server.db = { close: () => undefined } as unknown as TestServer['db'];
  });

  it('network down: cannot reach the server', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = await refusal(new ApiClient().signIn('viettel', TEST_PASSWORD));
    expect(error).toMatchObject({ status: 0, code: 'network' });
    expect(both(error, 'signIn')).toEqual({
      vi: 'Không kết nối được máy chủ: kiểm tra kết nối mạng rồi thử lại.',
      en: 'Cannot reach the server: check the network connection, then try again.',
    });
  });
});

describe('describeApiError: rate limits (the real limiters, with Retry-After)', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({
      masts: 3,
      loginRateLimit: { max: 3, timeWindowMs: 60_000 },
      writeRateLimit: { perUser: 3, perAddress: 100, timeWindowMs: 60_000 },
    });
    vi.stubGlobal('fetch', browserFetch(server));
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await server.close();
  });

  it('429: too many changes, then too many sign-ins: wait N s', async () => {
    const viettel = new ApiClient();
    await viettel.signIn('viettel', TEST_PASSWORD);
    let error: ApiError | null = null;
    for (let attempt = 0; attempt < 5 && !error; attempt++) {
      error = await viettel.fileRequest(newRequest({ target: { kind: 'mast', mastId: 'T-9999' } })).then(
        () => null,
        (thrown: ApiError) => (thrown.status === 429 ? thrown : null),
      );
    }
    expect(error).toMatchObject({ status: 429, retryAfterS: 60 });
    expect(both(error, 'fileRequest')).toEqual({
      vi: 'Quá nhiều thao tác trong thời gian ngắn: đợi 60 giây rồi thử lại.',
      en: 'Too many changes in a short time: wait 60 s, then try again.',
    });

    let login: ApiError | null = null;
    for (let attempt = 0; attempt < 5 && !login; attempt++) {
      login = await new ApiClient().signIn('viettel', 'wrong').then(
        () => null,
        (thrown: ApiError) => (thrown.status === 429 ? thrown : null),
      );
    }
    expect(login?.status).toBe(429);
    expect(both(login, 'signIn')).toEqual({
      vi: 'Quá nhiều lần đăng nhập: đợi 60 giây rồi thử lại.',
      en: 'Too many sign-in attempts: wait 60 s, then try again.',
    });
  });
});

describe('describeApiError: what the server may send without details', () => {
  it('words an unknown refusal with its status and quotes the server', () => {
    const error = new ApiError(428, 'version_required', 'say which version your edit is based on');
    expect(describeApiError(error, 'vi')).toBe(
      'Máy chủ không chấp nhận (428). Máy chủ báo: “say which version your edit is based on”.',
    );
  });

  it('reads the wait from the message when no Retry-After came, and a 413 without a limit', () => {
    const login = new ApiError(429, 'rate_limited', 'too many login attempts: try again in 1 minute');
    expect(describeApiError(login, 'en', 'signIn')).toBe('Too many sign-in attempts: wait 60 s, then try again.');
    expect(describeApiError(new ApiError(413, 'too_large', 'the request body is too large'), 'vi')).toBe(
      'Dữ liệu gửi đi quá lớn với máy chủ: chia nhỏ hoặc bớt dữ liệu rồi gửi lại.',
    );
  });

  it('words the capacity problems with the mast’s figures', () => {
    const error = new ApiError(422, 'capacity', 'x', {
      problems: [
        { code: 'no_free_slot', message: 'no free slot: 2 slots, all taken by tenants or approved requests' },
        { code: 'wind_load', message: 'wind-load area 3.5 m² exceeds the 1.5 m² left' },
        { code: 'weight', message: 'equipment weight 400 kg exceeds the 150 kg left' },
      ],
      capacity: { tenantSlots: 2, freeSlots: 0, freeWindLoadAreaM2: 1.5, freeEquipmentWeightKg: 150 },
    });
    expect(describeApiError(error, 'vi', 'fileRequest')).toBe(
      'Cột không nhận được thiết bị này. Cột hết chỗ (2 vị trí đã có nhà mạng hoặc yêu cầu được chấp thuận): chọn cột khác. ' +
        'Diện tích chịu gió 3,5 m² vượt phần còn lại của cột (1,5 m²): giảm thiết bị. ' +
        'Khối lượng thiết bị 400 kg vượt phần còn lại của cột (150 kg): giảm thiết bị.',
    );
  });

  it('names the file line of a mast outside the province (the page adds it to the server details)', () => {
    const error = new ApiError(422, 'outside_province', 'x', { index: 4, id: 'VTL-9', lon: 2.35, lat: 48.85, row: 7 });
    expect(describeApiError(error, 'vi', 'importMasts')).toBe(
      'Dòng 7 (mã “VTL-9”) nằm ngoài tỉnh này (xa hơn khoảng 11 km): chưa nhập gì. Sửa tọa độ, hoặc nhập cột đó vào tỉnh của nó.',
    );
  });

  it('says a request already open alone, without blaming the mast', () => {
    const error = new ApiError(422, 'capacity', 'x', {
      problems: [{ code: 'duplicate_request', message: 'Viettel already has an open request on this mast' }],
      capacity: { tenantSlots: 3, freeSlots: 1 },
    });
    expect(describeApiError(error, 'vi', 'fileRequest')).toBe(
      'Đã có một yêu cầu đang mở của bạn cho cột này: theo dõi yêu cầu đó ở thẻ Yêu cầu.',
    );
    expect(describeApiError(error, 'en', 'fileRequest')).toBe(
      'You already have an open request for this mast: follow it in the Requests tab.',
    );
  });
});
