import { describe, expect, it } from 'vitest';
import { chooseRep } from '../../../lib/calls/rep-choice';

const reps = [
  { id: 'hubspot:Alex Kim', name: 'Alex Kim' },
  { id: 'salesforce:Alex Kim', name: 'Alex Kim' },
  { id: 'salesforce:Dana Reyes', name: 'Dana Reyes' },
];

describe('chooseRep (the call review panel’s rep, from the name shown)', () => {
  it('keeps the rep the review is linked to while its name is shown, whatever the list holds (was: the first of that name)', () => {
    const linked = { repId: 'salesforce:Alex Kim', repName: 'Alex Kim' };
    expect(chooseRep('Alex Kim', linked, reps)).toEqual({ id: 'salesforce:Alex Kim', name: 'Alex Kim' });
    expect(chooseRep(' alex kim ', linked, [])).toEqual({ id: 'salesforce:Alex Kim', name: 'Alex Kim' }); // the list failed to load
  });

  it('another name typed: a known rep of that name, of the linked deal’s CRM first', () => {
    const linked = { repId: 'salesforce:Dana Reyes', repName: 'Dana Reyes' };
    expect(chooseRep('Alex Kim', linked, reps, 'salesforce:acme/0065g00000AcmeQAAS')).toEqual({ id: 'salesforce:Alex Kim', name: 'Alex Kim' });
    expect(chooseRep('Alex Kim', null, reps, 'hubspot:42-7')).toEqual({ id: 'hubspot:Alex Kim', name: 'Alex Kim' });
    expect(chooseRep('alex kim', null, reps)).toEqual({ id: 'hubspot:Alex Kim', name: 'Alex Kim' });
  });

  it('no known rep of that name, or none typed: none', () => {
    expect(chooseRep('Jo New', null, reps)).toBeNull();
    expect(chooseRep('  ', { repId: 'salesforce:Dana Reyes', repName: 'Dana Reyes' }, reps)).toBeNull();
  });
});
