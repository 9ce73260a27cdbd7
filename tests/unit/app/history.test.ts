import { describe, expect, it } from 'vitest';
import { decodeShareHash, encodeShareHash } from '../../../src/app/persistence/shareLink';
import { COALESCE_MS, createHistory, HISTORY_LIMIT, recordEdit, redo, undo } from '../../../src/app/store/history';
import { defaultProject, normalizeProject } from '../../../src/app/store/projectDocument';

describe('undo/redo history', () => {
  it('steps back and forth one edit at a time and drops the redo branch on a new edit', () => {
    let history = createHistory(0);
    history = recordEdit(history, 1, null, 0);
    history = recordEdit(history, 2, null, 10);
    expect(history.present).toBe(2);
    history = undo(history);
    expect(history.present).toBe(1);
    history = undo(history);
    expect(history.present).toBe(0);
    expect(undo(history)).toBe(history);
    history = redo(history);
    expect(history.present).toBe(1);
    history = recordEdit(history, 5, null, 20);
    expect(history.future).toEqual([]);
    expect(redo(history)).toBe(history);
    expect(history.past).toEqual([0, 1]);
  });

  it('merges quick edits of one gesture into one step, but not across gestures or after a pause', () => {
    let history = createHistory('');
    history = recordEdit(history, '2', 'radius', 0);
    history = recordEdit(history, '20', 'radius', 100);
    history = recordEdit(history, '200', 'radius', 200);
    expect(history.past).toEqual(['']);
    history = recordEdit(history, '2000', 'radius', 200 + COALESCE_MS + 1);
    expect(history.past).toEqual(['', '200']);
    history = recordEdit(history, 'x', 'other', 200 + COALESCE_MS + 2);
    expect(history.past).toEqual(['', '200', '2000']);
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    let history = createHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 20; i++) history = recordEdit(history, i, null, i * 10_000);
    expect(history.past.length).toBe(HISTORY_LIMIT);
    expect(history.past[0]).toBe(20);
  });
});

describe('project documents and share links', () => {
  it('normalises stored projects: bad values fall back to defaults, unknown keys are dropped', () => {
    const project = normalizeProject({
      layers: { towers: false, bogus: true, backbone: 'yes' },
      coverage: { defaultRadiusM: -5 },
      x: 1,
    });
    expect(project.layers).toEqual({ ...defaultProject().layers, towers: false });
    expect(project.coverage.defaultRadiusM).toBe(defaultProject().coverage.defaultRadiusM);
    expect(Object.keys(project).sort()).toEqual(Object.keys(defaultProject()).sort());
    expect(normalizeProject(null)).toEqual(defaultProject());
  });

  it('round-trips a project with Vietnamese text and a view through the URL hash', () => {
    const base = defaultProject('VN25');
    const project = { ...base, coverage: { ...base.coverage, defaultRadiusM: 1234, mode: 'signal' as const } };
    const hash = encodeShareHash({ project, view: { lon: 108.123456, lat: 16.054321, zoom: 9.876 } });
    expect(hash).toMatch(/^#s=[A-Za-z0-9_-]+$/);
    const decoded = decodeShareHash(hash);
    expect(decoded?.project).toEqual(project);
    expect(decoded?.view).toEqual({ lon: 108.12346, lat: 16.05432, zoom: 9.88 });
  });

  it('ignores broken or hostile links', () => {
    expect(decodeShareHash('#s=%%%')).toBeNull();
    expect(decodeShareHash('#other')).toBeNull();
    const hostile = `#s=${Buffer.from(JSON.stringify({ project: { layers: '<img src=x>' }, view: { lon: 1e9, lat: 0, zoom: 3 } })).toString('base64url')}`;
    const decoded = decodeShareHash(hostile);
    expect(decoded?.project).toEqual(defaultProject());
    expect(decoded?.view).toBeNull();
  });
});
