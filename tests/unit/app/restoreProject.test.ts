import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProjectDocument } from '../../../src/app/store/projectDocument';

// The browser's storage (IndexedDB) is the boundary: each save is a promise the test settles, in order, as IndexedDB
// commits transactions on one store in the order they were made.
const pending: Array<{ project: ProjectDocument; resolve: (ok: boolean) => void }> = [];
vi.mock('../../../src/app/persistence/projectStorage', () => ({
  loadSavedProject: async () => null,
  saveProject: (project: ProjectDocument) =>
    new Promise<boolean>((resolve) => {
      pending.push({ project, resolve });
    }),
}));

vi.stubGlobal('window', { location: { hash: '' } });
const { restoreProject } = await import('../../../src/app/persistence/restoreProject');
const { useAppStore } = await import('../../../src/app/store/appStore');
const { defaultProject } = await import('../../../src/app/store/projectDocument');

function show(project: ProjectDocument): void {
  useAppStore.setState((state) => ({ history: { ...state.history, present: project } }));
}

async function settleNext(ok = true): Promise<ProjectDocument> {
  const next = pending.shift();
  if (!next) throw new Error('no save on its way');
  next.resolve(ok);
  await Promise.resolve();
  await Promise.resolve();
  return next.project;
}

// Subscribes once, as the app does at start-up.
await restoreProject('VN25');

beforeEach(() => {
  vi.useFakeTimers();
  pending.length = 0;
});
afterEach(() => vi.useRealTimers());

describe('the project saved in the browser', () => {
  it('is not "saved" after an undo back to a project saved before while a later save is on its way', async () => {
    const p0 = useAppStore.getState().history.present;
    const p1: ProjectDocument = { ...defaultProject(), layers: { ...p0.layers, backbone: !p0.layers.backbone } };
    show(p1);
    await vi.advanceTimersByTimeAsync(250);
    expect(await settleNext()).toBe(p1);
    expect(useAppStore.getState().lastSavedProject).toBe(p1);
    // Undo to p0 long enough for its save to start, then redo to p1 (the same object) before p0's save lands.
    show(p0);
    await vi.advanceTimersByTimeAsync(250);
    expect(pending.map((save) => save.project)).toEqual([p0]);
    show(p1);
    const state = useAppStore.getState();
    // The browser will hold p0 until p1's save comes: not saved (it read as saved, and a reload then opened p0).
    expect(state.lastSavedProject).not.toBe(state.history.present);
    expect(await settleNext()).toBe(p0);
    expect(useAppStore.getState().lastSavedProject).not.toBe(p1);
    await vi.advanceTimersByTimeAsync(250);
    expect(await settleNext()).toBe(p1);
    expect(useAppStore.getState().lastSavedProject).toBe(useAppStore.getState().history.present);
  });

  it('reads as saved only once the last of two saves on their way has landed', async () => {
    const base = useAppStore.getState().history.present;
    const a: ProjectDocument = { ...base, layers: { ...base.layers, communes: !base.layers.communes } };
    const b: ProjectDocument = { ...a, layers: { ...a.layers, population: !a.layers.population } };
    show(a);
    await vi.advanceTimersByTimeAsync(250);
    show(b);
    await vi.advanceTimersByTimeAsync(250);
    expect(pending.map((save) => save.project)).toEqual([a, b]);
    await settleNext();
    expect(useAppStore.getState().lastSavedProject).toBeNull();
    await settleNext();
    expect(useAppStore.getState().lastSavedProject).toBe(b);
  });
});
