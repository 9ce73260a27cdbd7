import { describe, expect, it } from 'vitest';
import { describeRequestChanges } from '../../../src/app/server/serverStore';

type Request = Parameters<typeof describeRequestChanges>[1][number];
const request = (id: string, state: Request['state'], target: Request['target']): Request =>
  ({ id, operator: 'Viettel', state, target }) as Request;

describe('describeRequestChanges', () => {
  it('lists new requests and changed states, with the target, as data the panel words in its language', () => {
    const before = [
      request('a1', 'submitted', { kind: 'mast', mastId: 'VN25-000001' }),
      request('b2', 'submitted', { kind: 'mast', mastId: 'VN25-000002' }),
    ];
    const after = [
      request('a1', 'approved', { kind: 'mast', mastId: 'VN25-000001' }),
      request('b2', 'submitted', { kind: 'mast', mastId: 'VN25-000002' }),
      request('c3', 'submitted', { kind: 'proposedSite', planId: 'p', siteId: 'S1' }),
    ];
    expect(describeRequestChanges(before, after)).toEqual([
      { id: 'a1', operator: 'Viettel', target: 'VN25-000001', from: 'submitted', to: 'approved' },
      { id: 'c3', operator: 'Viettel', target: 'S1', from: null, to: 'submitted' },
    ]);
  });

  it('compares with the states last seen (a saved map) the same way', () => {
    const seen = new Map<string, Request['state']>([
      ['a1', 'submitted'],
      ['b2', 'approved'],
    ]);
    const after = [
      request('a1', 'rejected', { kind: 'mast', mastId: 'VN25-000001' }),
      request('b2', 'approved', { kind: 'mast', mastId: 'VN25-000002' }),
    ];
    expect(describeRequestChanges(seen, after)).toEqual([
      { id: 'a1', operator: 'Viettel', target: 'VN25-000001', from: 'submitted', to: 'rejected' },
    ]);
  });
});
