import { describe, expect, it } from 'vitest';
import { dueRefusal, parseDue } from '../../../lib/due-date';
import { numericDateOrderOf } from '../../../lib/dates';

// Wednesday 2026-11-25 16:00 UTC: 11:00 Wed in New York, 17:00 Wed in Berlin,
// but already 05:00 Thursday 2026-11-26 in Auckland (NZDT, UTC+13).
const NOW = new Date('2026-11-25T16:00:00Z');
const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';
const AKL = 'Pacific/Auckland';

const iso = (input: string, now: Date, tz: string) => parseDue(input, now, tz)?.iso ?? null;
const iso2 = (input: string, now: Date, tz: string, order: 'day-first' | 'month-first') => parseDue(input, now, tz, order)?.iso ?? null;

describe('parseDue with a fixed now in several zones', () => {
  it.each([
    // input, New York, Berlin, Auckland
    ['by Thursday', '2026-11-26', '2026-11-26', '2026-11-26'],
    ['Thursday', '2026-11-26', '2026-11-26', '2026-11-26'],
    ['before thursday', '2026-11-26', '2026-11-26', '2026-11-26'],
    ['on Friday', '2026-11-27', '2026-11-27', '2026-11-27'],
    ['Wednesday', '2026-11-25', '2026-11-25', '2026-12-02'],
    ['next Friday', '2026-12-04', '2026-12-04', '2026-12-04'],
    ['tomorrow', '2026-11-26', '2026-11-26', '2026-11-27'],
    ['today', '2026-11-25', '2026-11-25', '2026-11-26'],
    ['in 2 weeks', '2026-12-09', '2026-12-09', '2026-12-10'],
    ['end of month', '2026-11-30', '2026-11-30', '2026-11-30'],
    ['End of the month', '2026-11-30', '2026-11-30', '2026-11-30'],
    ['EOM', '2026-11-30', '2026-11-30', '2026-11-30'],
    ['end of week', '2026-11-27', '2026-11-27', '2026-11-27'],
    ['EOW', '2026-11-27', '2026-11-27', '2026-11-27'],
    ['end of quarter', '2026-12-31', '2026-12-31', '2026-12-31'],
    ['by EOQ', '2026-12-31', '2026-12-31', '2026-12-31'],
    ['next week', '2026-11-30', '2026-11-30', '2026-11-30'],
    ['12/3/2026', '2026-12-03', '2026-12-03', '2026-12-03'],
    ['12/3', '2026-12-03', '2026-12-03', '2026-12-03'],
    ['2026-12-03', '2026-12-03', '2026-12-03', '2026-12-03'],
    ['Dec 3', '2026-12-03', '2026-12-03', '2026-12-03'],
    ['by December 3rd', '2026-12-03', '2026-12-03', '2026-12-03'],
    ['Friday EOD', '2026-11-27', '2026-11-27', '2026-11-27'],
    ['EOY', '2026-12-31', '2026-12-31', '2026-12-31'],
    ['by end of year', '2026-12-31', '2026-12-31', '2026-12-31'],
    ['end of next year', '2027-12-31', '2027-12-31', '2027-12-31'],
    // a calendar quarter's last day: Q1 2026 is past, so "Q1" is next year's
    ['by Q1', '2027-03-31', '2027-03-31', '2027-03-31'],
    ['end of Q4', '2026-12-31', '2026-12-31', '2026-12-31'],
    ['Q2 2027', '2027-06-30', '2027-06-30', '2027-06-30'],
    // words that look back are read back (read forward, "last Wednesday" typed on a Wednesday was a week out)
    ['last Friday', '2026-11-20', '2026-11-20', '2026-11-20'],
    ['past Friday', '2026-11-20', '2026-11-20', '2026-11-20'],
    // the most recent one before today: in Auckland it is already Thursday
    ['last Wednesday', '2026-11-18', '2026-11-18', '2026-11-25'],
  ])('%s', (input, ny, berlin, akl) => {
    expect(iso(input, NOW, NY)).toBe(ny);
    expect(iso(input, NOW, BERLIN)).toBe(berlin);
    expect(iso(input, NOW, AKL)).toBe(akl);
  });

  it('takes no date before 1900 (year 26 is not 2026, and the date arithmetic would read it as 1926)', () => {
    expect(iso('0026-12-03', NOW, NY)).toBeNull();
    expect(iso('12/3/1899', NOW, NY)).toBeNull();
    expect(iso('1900-01-01', NOW, NY)).toBe('1900-01-01');
  });

  it('labels the day in en-US', () => {
    expect(parseDue('12/3/2026', NOW, NY)).toEqual({ iso: '2026-12-03', label: 'Thu, Dec 3, 2026' });
    expect(parseDue('by Thursday', NOW, AKL)).toEqual({ iso: '2026-11-26', label: 'Thu, Nov 26, 2026' });
  });

  it('reads slashes month-first (US)', () => {
    expect(iso('3/12/2026', NOW, BERLIN)).toBe('2026-03-12');
    expect(iso('3/12/26', NOW, BERLIN)).toBe('2026-03-12');
    // no year and already past this year: the next one
    expect(iso('3/12', NOW, BERLIN)).toBe('2027-03-12');
  });

  it('reads slashes day-first when the user writes dates that way round', () => {
    expect(parseDue('3/12/2026', NOW, BERLIN, 'day-first')).toEqual({ iso: '2026-12-03', label: 'Thu, Dec 3, 2026' });
    expect(iso2('3/12', NOW, BERLIN, 'day-first')).toBe('2026-12-03');
    // a part above 12 is the day whichever way round the user writes
    expect(iso2('25/12/2026', NOW, NY, 'month-first')).toBe('2026-12-25');
    expect(iso2('12/25/2026', NOW, NY, 'day-first')).toBe('2026-12-25');
    expect(iso2('13/13/2026', NOW, NY, 'day-first')).toBeNull();
  });

  it('reads dots and dashes the same way round as slashes, and a date followed by EOD', () => {
    // de, nl and fr users write 3.12.2026 and 3-12-2026; chrono would read both month first
    for (const typed of ['3.12.2026', '3-12-2026', '03.12.26', '3.12.', '3/12/2026 EOD', '3.12.2026, cob']) {
      expect(iso2(typed, NOW, BERLIN, 'day-first'), typed).toBe('2026-12-03');
    }
    expect(iso2('12.3.2026', NOW, NY, 'month-first')).toBe('2026-12-03');
    // the trailing words no longer send the date to chrono, which read it month first
    expect(iso2('12/3/2026 eod', NOW, BERLIN, 'day-first')).toBe('2026-03-12');
    // one separator throughout; ISO stays ISO whatever the order
    expect(iso2('3.12/2026', NOW, BERLIN, 'day-first')).toBeNull();
    expect(iso2('2026-12-03', NOW, BERLIN, 'day-first')).toBe('2026-12-03');
  });

  it('reads a numeric date among words the user’s way round too, and refuses a weekday the date is not', () => {
    // Wednesday Nov 25: Fri Dec 4 day first; month first, Apr 12 2027 is a Monday, so "Fri 4/12" is refused
    expect(iso2('Fri 4/12', NOW, BERLIN, 'day-first')).toBe('2026-12-04');
    expect(iso2('4/12 at 5pm', NOW, BERLIN, 'day-first')).toBe('2026-12-04');
    expect(iso2('3/12/2026 5pm', NOW, BERLIN, 'day-first')).toBe('2026-12-03');
    expect(iso2('4/12 at 5pm', NOW, NY, 'month-first')).toBe('2027-04-12');
    expect(iso2('Fri 4/12', NOW, NY, 'month-first')).toBeNull();
    expect(iso2('Thu 3/12', NOW, NY, 'month-first')).toBeNull(); // Mar 12 2027 is a Friday
    expect(iso2('Friday Dec 4', NOW, NY, 'month-first')).toBe('2026-12-04');
    expect(iso2('Thursday Dec 4', NOW, NY, 'month-first')).toBeNull();
    expect(iso2('Sunday Dec 6', NOW, NY, 'month-first')).toBe('2026-12-06'); // Sunday: 0 in chrono, 7 in ISO
    // and says why, where "not a date" would puzzle
    expect(dueRefusal('Thu 3/12', NOW, NY, 'month-first')).toBe('Fri, Mar 12, 2027 is not a Thursday: say which you mean.');
    expect(dueRefusal('Thu 3/12', NOW, NY, 'day-first')).toBeNull(); // Dec 3 is a Thursday: taken
    expect(dueRefusal('asdf', NOW, NY)).toBeNull();
  });

  it('knows the everyday shorthand a rep types', () => {
    // Wednesday Nov 25 in New York
    for (const [typed, want] of [
      ['Tues', '2026-12-01'],
      ['by Weds', '2026-11-25'],
      ['Thur', '2026-11-26'],
      ['next wk', '2026-11-30'],
      ['in 2 wks', '2026-12-09'],
      ['by EOD', '2026-11-25'],
      ['COB', '2026-11-25'],
      ['end of day', '2026-11-25'],
      ['end of Jan', '2027-01-31'],
      ['end of February', '2027-02-28'],
      ['end of Nov', '2026-11-30'],
      ['Monday AM', '2026-11-30'],
      ['Friday pm', '2026-11-27'],
      ['this week', '2026-11-27'],
      ['by this month', '2026-11-30'],
      ['this quarter', '2026-12-31'],
    ] as const) {
      expect(iso(typed, NOW, NY), typed).toBe(want);
    }
    // still not dates
    for (const typed of ['end of janitor', 'weds asdf', 'pm', 'in 2 monthly']) expect(iso(typed, NOW, NY), typed).toBeNull();
  });

  it('a month on from the 29th to the 31st is the next month’s last day at most, never into the month after', () => {
    const jan31 = new Date('2026-01-31T16:00:00Z');
    for (const typed of ['in a month', 'a month', 'next month', 'a month from now', 'in 1 month', 'in one month']) expect(iso(typed, jan31, NY), typed).toBe('2026-02-28');
    expect(iso('in 3 months', jan31, NY)).toBe('2026-04-30');
    expect(iso('next quarter', jan31, NY)).toBe('2026-04-30');
    expect(iso('in 2 quarters', new Date('2026-08-31T16:00:00Z'), NY)).toBe('2027-02-28');
    expect(iso('in two months', new Date('2026-12-31T16:00:00Z'), NY)).toBe('2027-02-28');
    expect(iso('in a month', NOW, NY)).toBe('2026-12-25');
  });

  it('knows which way round a locale writes numeric dates', () => {
    expect(numericDateOrderOf('en-US')).toBe('month-first');
    expect(numericDateOrderOf('en-GB')).toBe('day-first');
    expect(numericDateOrderOf('de-DE')).toBe('day-first');
    expect(numericDateOrderOf('fr-CA')).toBe('month-first'); // 2026-12-31: year, month, day
    expect(numericDateOrderOf('ja-JP')).toBe('month-first');
    expect(numericDateOrderOf('not a locale!')).toBe('month-first');
  });

  it.each(['asdf', '', '   ', 'soon', 'by', 'sometime', '13/45/2026', '2026-02-30', '2/30/2026', 'asdf thursday', 'call thursday about pricing'])(
    'garbage %j → null',
    (input) => {
      expect(parseDue(input, NOW, NY)).toBeNull();
    },
  );

  it('today’s weekday means today, whatever the hour', () => {
    for (const t of ['2026-11-25T05:30:00Z', '2026-11-25T17:00:00Z', '2026-11-26T04:59:00Z']) {
      expect(iso('Wednesday', new Date(t), NY), t).toBe('2026-11-25');
      expect(iso('by wednesday', new Date(t), NY), t).toBe('2026-11-25');
    }
  });

  it('end of next week is the Friday of the week after this one, on a weekend too', () => {
    const saturday = new Date('2026-12-05T15:00:00Z');
    const sunday = new Date('2026-12-06T15:00:00Z');
    for (const now of [saturday, sunday]) {
      expect(iso('end of next week', now, NY)).toBe('2026-12-11');
      expect(iso('next Friday', now, NY)).toBe('2026-12-11');
      expect(iso('end of week', now, NY)).toBe('2026-12-11');
    }
    expect(iso('end of next week', NOW, NY)).toBe('2026-12-04'); // from Wednesday Nov 25
    expect(iso('end of next week', new Date('2026-12-04T15:00:00Z'), NY)).toBe('2026-12-11'); // from a Friday
  });

  it('never resolves a weekday to the past', () => {
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
      for (const tz of [NY, BERLIN, AKL]) {
        const got = iso(day, NOW, tz)!;
        const today = tz === AKL ? '2026-11-26' : '2026-11-25';
        expect(got >= today, `${day} in ${tz}`).toBe(true);
        expect(got < '2026-12-03', `${day} in ${tz} within a week`).toBe(true);
      }
    }
  });
});

describe('parseDue at DST changes', () => {
  // US clocks fall back at 02:00 on Sunday 2026-11-01.
  it('tomorrow just after midnight on the DST day', () => {
    const now = new Date('2026-11-01T04:30:00Z'); // 00:30 EDT, Nov 1
    expect(iso('tomorrow', now, NY)).toBe('2026-11-02');
    expect(iso('today', now, NY)).toBe('2026-11-01');
  });

  it('tomorrow late on the DST day (wall clock already back on EST)', () => {
    const now = new Date('2026-11-02T04:30:00Z'); // 23:30 EST, Nov 1
    expect(iso('tomorrow', now, NY)).toBe('2026-11-02');
    expect(iso('end of week', now, NY)).toBe('2026-11-06');
  });

  it('spring forward', () => {
    const now = new Date('2026-03-08T06:30:00Z'); // 01:30 EST, Mar 8, clocks jump at 02:00
    expect(iso('tomorrow', now, NY)).toBe('2026-03-09');
    expect(iso('in 2 weeks', now, NY)).toBe('2026-03-22');
  });
});

describe('parseDue around the year end', () => {
  const dec31 = new Date('2026-12-31T20:00:00Z'); // 15:00 Dec 31 in NY, but Jan 1 09:00 in Auckland

  it('end of month on the last day is today', () => {
    expect(iso('end of month', dec31, NY)).toBe('2026-12-31');
    expect(iso('end of quarter', dec31, NY)).toBe('2026-12-31');
    expect(iso('end of next month', dec31, NY)).toBe('2027-01-31');
  });

  it('uses the zone’s year when it has already turned', () => {
    expect(iso('end of month', dec31, AKL)).toBe('2027-01-31');
    expect(iso('end of quarter', dec31, AKL)).toBe('2027-03-31');
    expect(iso('tomorrow', dec31, AKL)).toBe('2027-01-02');
  });

  it('rolls into next year', () => {
    expect(iso('tomorrow', dec31, NY)).toBe('2027-01-01');
    expect(iso('Dec 3', dec31, NY)).toBe('2027-12-03');
    expect(iso('12/3', dec31, NY)).toBe('2027-12-03');
  });

  it('next week from Wednesday Dec 30 is Monday Jan 4', () => {
    const dec30 = new Date('2026-12-30T15:00:00Z');
    expect(iso('next week', dec30, NY)).toBe('2027-01-04');
    expect(iso('next week', dec30, BERLIN)).toBe('2027-01-04');
  });
});

describe('parseDue with a time of day on today', () => {
  // Thursday 2026-11-26 in New York, from just after midnight to late at night. The words were
  // read against noon and dated forward, so a morning time on today's weekday went to next week,
  // and "this morning" or a bare morning time to tomorrow.
  const thursdayAt = {
    '00:30': new Date('2026-11-26T05:30:00Z'),
    '08:00': new Date('2026-11-26T13:00:00Z'),
    '11:59': new Date('2026-11-26T16:59:00Z'),
    '13:00': new Date('2026-11-26T18:00:00Z'),
    '17:00': new Date('2026-11-26T22:00:00Z'),
    '23:30': new Date('2026-11-27T04:30:00Z'),
  };

  it.each(Object.entries(thursdayAt))('typed at %s', (_hour, now) => {
    for (const [typed, want] of [
      // today, whatever the hour it is typed and whatever hour it names: the day is what is stored
      ['by Thursday 11am', '2026-11-26'],
      ['Thursday 9am', '2026-11-26'],
      ['Thursday morning', '2026-11-26'],
      ['Thursday 5pm', '2026-11-26'],
      ['this morning', '2026-11-26'],
      ['by 11am', '2026-11-26'],
      ['9:30', '2026-11-26'],
      ['this afternoon', '2026-11-26'],
      ['noon', '2026-11-26'],
      ['by midnight', '2026-11-26'], // the end of today, not the first minute of tomorrow
      ['tonight', '2026-11-26'],
      ['Thursday', '2026-11-26'],
      ['by Thursday', '2026-11-26'],
      ['Thursday EOD', '2026-11-26'],
      ['EOD', '2026-11-26'],
      ['COB', '2026-11-26'],
      ['today', '2026-11-26'],
      ['Nov 26 9am', '2026-11-26'], // not next year
      // other days as before
      ['tomorrow', '2026-11-27'],
      ['tomorrow morning', '2026-11-27'],
      ['Friday 9am', '2026-11-27'],
      ['Wednesday', '2026-12-02'],
      ['Wednesday 9am', '2026-12-02'],
      ['next Thursday', '2026-12-03'],
      ['next Friday', '2026-12-04'],
      ['next week', '2026-11-30'],
      ['end of week', '2026-11-27'],
      ['in 2 days', '2026-11-28'],
      ['in 2 weeks', '2026-12-10'],
      ['yesterday', '2026-11-25'],
      ['last night', '2026-11-25'],
      ['last Thursday', '2026-11-19'],
    ] as const) {
      expect(iso(typed, now, NY), typed).toBe(want);
    }
  });

  it('a numeric date among words with a morning time is today, read either way round', () => {
    const thursday8am = thursdayAt['08:00'];
    expect(iso2('11/26 at 9am', thursday8am, NY, 'month-first')).toBe('2026-11-26');
    expect(iso2('26/11 at 9am', thursday8am, NY, 'day-first')).toBe('2026-11-26');
    expect(iso2('Thu 26/11 9am', thursday8am, NY, 'day-first')).toBe('2026-11-26');
  });

  it('a morning time in another zone is on that zone’s today', () => {
    // NOW is 05:00 on Thursday in Auckland, still Wednesday in New York
    expect(iso('Thursday 9am', NOW, AKL)).toBe('2026-11-26');
    expect(iso('this morning', NOW, AKL)).toBe('2026-11-26');
    expect(iso('Wednesday 9am', NOW, NY)).toBe('2026-11-25');
    expect(iso('by 10am', NOW, NY)).toBe('2026-11-25');
  });

  it('a DST gap at midnight in the process zone leaves the day alone', () => {
    // Chile skips from 00:00 to 01:00 on Sunday 2026-09-06; chrono reads in the process zone
    const saved = process.env.TZ;
    process.env.TZ = 'America/Santiago';
    try {
      expect(new Date(2026, 8, 6, 0, 0).getHours()).toBe(1); // the zone really has the gap
      const sunday10am = new Date('2026-09-06T13:00:00Z');
      const CL = 'America/Santiago';
      for (const typed of ['Sunday', 'by Sunday 9am', 'this morning', 'by 11am', 'tonight', 'today', 'EOD']) {
        expect(iso(typed, sunday10am, CL), typed).toBe('2026-09-06');
      }
      expect(iso('tomorrow', sunday10am, CL)).toBe('2026-09-07');
      expect(iso('Monday 9am', sunday10am, CL)).toBe('2026-09-07');
      expect(iso('next week', sunday10am, CL)).toBe('2026-09-07');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('parseDue with a relative time that crosses midnight', () => {
  // Thursday 2026-11-26 in New York. A time typed with a due day only picks the day, so any
  // time on today is today; but "in 2 hours" counts from now, and at 11 pm that is tomorrow.
  const at = (wall: string) => new Date(`2026-11-26T${wall}:00-05:00`);

  it('lands on the day it actually falls on', () => {
    expect(iso('in 2 hours', at('23:00'), NY)).toBe('2026-11-27');
    expect(iso('in 90 minutes', at('23:30'), NY)).toBe('2026-11-27');
    expect(iso('within an hour', at('23:30'), NY)).toBe('2026-11-27');
    expect(iso('2 hours from now', at('22:30'), NY)).toBe('2026-11-27');
    expect(iso('in 26 hours', at('23:00'), NY)).toBe('2026-11-28');
    // the user's zone counts: 20:30 in New York is already Friday in UTC, but half an hour on is still Thursday
    expect(iso('in 30 minutes', at('20:30'), NY)).toBe('2026-11-26');
  });

  it('stays on today when it does not cross midnight', () => {
    expect(iso('in 2 hours', at('17:00'), NY)).toBe('2026-11-26');
    expect(iso('in 30 minutes', at('23:00'), NY)).toBe('2026-11-26');
    expect(iso('in 90 minutes', at('00:30'), NY)).toBe('2026-11-26');
    // and a time with the day only picks the day, whatever the hour it is typed
    expect(iso('by 11am', at('17:00'), NY)).toBe('2026-11-26');
    expect(iso('Thursday 9am', at('23:30'), NY)).toBe('2026-11-26');
    expect(iso('in 2 days', at('23:30'), NY)).toBe('2026-11-28');
  });

  it('on the night the clocks go back (23:30 EST on Nov 1, after 01:00–02:00 came twice)', () => {
    const late = new Date('2026-11-02T04:30:00Z');
    expect(iso('in 2 hours', late, NY)).toBe('2026-11-02');
    expect(iso('in 20 minutes', late, NY)).toBe('2026-11-01');
  });

  it('looks back across midnight too', () => {
    expect(iso('2 hours ago', at('00:30'), NY)).toBe('2026-11-25');
    expect(iso('an hour ago', at('13:00'), NY)).toBe('2026-11-26');
  });

  it('counts in the user’s zone whatever the process zone', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo';
    try {
      expect(iso('in 2 hours', at('23:00'), NY)).toBe('2026-11-27');
      expect(iso('in 2 hours', at('17:00'), NY)).toBe('2026-11-26');
      expect(iso('by 11am', at('17:00'), NY)).toBe('2026-11-26');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('parseDue with year-first numeric dates', () => {
  // ja, zh and ko write 2026/12/03 or 2026.12.03; a four-digit first part is the year,
  // so it reads year, month, day whichever way round the user writes day and month
  it.each(['2026/12/03', '2026.12.03', '2026.12.03.', '2026/12/3', '2026.12.3', '2026-12-3', 'by 2026/12/03', '2026/12/03 EOD', '2026.12.03. cob'])(
    '%s is Dec 3',
    (typed) => {
      expect(iso2(typed, NOW, NY, 'month-first')).toBe('2026-12-03');
      expect(iso2(typed, NOW, BERLIN, 'day-first')).toBe('2026-12-03');
    },
  );

  it('is a real calendar day, with one separator throughout', () => {
    expect(iso('2027/1/5', NOW, NY)).toBe('2027-01-05');
    expect(iso('2028/02/29', NOW, NY)).toBe('2028-02-29');
    expect(parseDue('2026.12.03', NOW, NY)).toEqual({ iso: '2026-12-03', label: 'Thu, Dec 3, 2026' });
    for (const typed of ['2026/02/30', '2027/02/29', '2026/13/01', '2026/00/10', '2026/12/00', '2026/12.03', '2026.12/03', '2026/12', '1899/12/03', '20261/12/03', '2026/123/03']) {
      expect(iso2(typed, NOW, NY, 'month-first'), typed).toBeNull();
      expect(iso2(typed, NOW, BERLIN, 'day-first'), typed).toBeNull();
    }
  });
});

describe('parseDue with a month name and a number (found by test/unit/dates/fuzz-due-dates.test.ts)', () => {
  it('reads "Dec 31" as the 31st in either order (was, day first: Dec 1, 2031)', () => {
    for (const order of ['day-first', 'month-first'] as const) {
      expect(iso2('Dec 31', NOW, BERLIN, order), order).toBe('2026-12-31');
      expect(iso2('by November 30', NOW, BERLIN, order), order).toBe('2026-11-30');
      expect(iso2('Jul 29', NOW, BERLIN, order), order).toBe('2027-07-29');
    }
  });

  it('takes no day for a number that is no day of the month (was: "October 32" Oct 1, 2032; "February 99" Feb 1, 1999; "Mar -1" Mar 1)', () => {
    for (const typed of ['October 32', 'by february 99', 'Mar -1', 'oct 0']) {
      expect(iso2(typed, NOW, NY, 'month-first'), typed).toBeNull();
      expect(iso2(typed, NOW, BERLIN, 'day-first'), typed).toBeNull();
    }
  });

  it('reads "this month EOD" as the month\'s last day (was: its 1st, a day already gone)', () => {
    expect(iso('this month EOD', NOW, NY)).toBe('2026-11-30');
    expect(iso('EOM cob', NOW, NY)).toBe('2026-11-30');
  });
});
