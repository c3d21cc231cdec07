import { commitmentSchema, type Commitment, type Person } from '../../../lib/model';
import { renegotiateCommitment, resolveCommitment } from '../../../lib/rules/commitments';

const REP: Person = { name: 'Dana Reyes', role: 'rep' };
const MANAGER: Person = { name: 'Morgan Lead', role: 'manager' };
const AT = '2026-11-25T16:00:00.000Z';

const open: Commitment = {
  id: 'c1',
  dealKey: 'salesforce:0065g00000AcmeQAAS',
  text: 'a signed mutual action plan',
  due: '2026-11-25',
  statedBy: REP,
  statedAt: '2026-11-20T15:00:00.000Z',
  status: 'open',
};
const resolution = (outcome: string, extra: object = {}) => ({ outcome, note: 'signed on time', by: MANAGER, at: AT, ...extra });
const valid = (c: unknown) => commitmentSchema.safeParse(c).success;

describe('commitmentSchema: the status and the resolution agree', () => {
  it('accepts every record the app writes', () => {
    expect(valid(open)).toBe(true);
    expect(valid(resolveCommitment(open, 'kept', 'signed', MANAGER, AT))).toBe(true);
    expect(valid(resolveCommitment(open, 'missed', '', MANAGER, AT))).toBe(true);
    expect(valid(resolveCommitment(open, 'dropped', 'lost', MANAGER, AT, 'the deal is lost'))).toBe(true);
    const { closed, opened } = renegotiateCommitment(open, { newDue: '2026-12-02', reason: 'legal review', note: '', by: MANAGER, nowIso: AT, newId: 'c2' });
    expect(valid(closed)).toBe(true);
    expect(valid(opened)).toBe(true);
  });

  it('refuses a due date before 1900 (the date arithmetic would read year 26 as 1926)', () => {
    expect(valid({ ...open, due: '0026-12-03' })).toBe(false);
    expect(valid({ ...open, due: '1899-12-31' })).toBe(false);
    expect(valid({ ...open, due: '1900-01-01' })).toBe(true);
  });

  it('refuses an open commitment carrying a resolution (it could be resolved again, overwriting the outcome)', () => {
    expect(valid({ ...open, resolution: resolution('kept') })).toBe(false);
  });

  it.each(['kept', 'missed', 'renegotiated', 'dropped'] as const)('refuses a %s commitment without its resolution', (status) => {
    expect(valid({ ...open, status })).toBe(false);
  });

  it('refuses a resolution whose outcome is not the status', () => {
    expect(valid({ ...open, status: 'kept', resolution: resolution('missed') })).toBe(false);
    expect(valid({ ...open, status: 'kept', resolution: resolution('kept') })).toBe(true);
  });

  it('refuses a renegotiation without its new date, reason or replacement', () => {
    const full = { newDue: '2026-12-02', reason: 'legal review', replacedBy: 'c2' };
    expect(valid({ ...open, status: 'renegotiated', resolution: resolution('renegotiated', full) })).toBe(true);
    for (const missing of ['newDue', 'reason', 'replacedBy'] as const) {
      const { [missing]: _gone, ...rest } = full;
      expect(valid({ ...open, status: 'renegotiated', resolution: resolution('renegotiated', rest) })).toBe(false);
    }
    expect(valid({ ...open, status: 'renegotiated', resolution: resolution('renegotiated', { ...full, reason: '   ' }) })).toBe(false);
  });

  it('refuses a drop without a reason', () => {
    expect(valid({ ...open, status: 'dropped', resolution: resolution('dropped') })).toBe(false);
    expect(valid({ ...open, status: 'dropped', resolution: resolution('dropped', { reason: ' ' }) })).toBe(false);
    expect(valid({ ...open, status: 'dropped', resolution: resolution('dropped', { reason: 'the deal is lost' }) })).toBe(true);
  });
});
