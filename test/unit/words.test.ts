import { describe, expect, it } from 'vitest';
import { capitalise, sameName } from '../../lib/words';

describe('word helpers', () => {
  it('capitalise: the first letter only, and an empty string stays empty', () => {
    expect(capitalise('the CRM')).toBe('The CRM');
    expect(capitalise('missed')).toBe('Missed');
    expect(capitalise('HubSpot')).toBe('HubSpot');
    expect(capitalise('')).toBe('');
  });

  it('sameName: case and spacing aside, and nothing more', () => {
    expect(sameName('Morgan Lead', ' morgan  lead ')).toBe(true);
    expect(sameName('Lead,  Morgan', 'lead, morgan')).toBe(true);
    expect(sameName('Dana Reyes', 'Morgan Lead')).toBe(false);
    expect(sameName('Dana Reyes', 'Dana Reye')).toBe(false);
  });
});
