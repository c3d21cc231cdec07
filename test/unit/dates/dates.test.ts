import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  formatDay,
  formatInstant,
  isoDateOfInstant,
  relativeAgo,
  startOfWeek,
  todayIn,
  weekdayOf,
} from '../../../lib/dates';

describe('calendar days in a zone', () => {
  const now = new Date('2026-11-25T16:00:00Z');

  it('todayIn depends on the zone, not the process', () => {
    expect(todayIn('America/New_York', now)).toBe('2026-11-25');
    expect(todayIn('Pacific/Auckland', now)).toBe('2026-11-26');
    expect(todayIn('Pacific/Honolulu', new Date('2026-11-26T09:59:00Z'))).toBe('2026-11-25');
    expect(todayIn('UTC', new Date('2026-11-26T00:00:00Z'))).toBe('2026-11-26');
  });

  it('isoDateOfInstant at midnight in a zone', () => {
    expect(isoDateOfInstant('2026-11-26T04:59:59.999Z', 'America/New_York')).toBe('2026-11-25');
    expect(isoDateOfInstant('2026-11-26T05:00:00.000Z', 'America/New_York')).toBe('2026-11-26');
    expect(isoDateOfInstant('2026-11-25T23:00:00.000Z', 'Europe/Berlin')).toBe('2026-11-26');
  });

  it('addDays and daysBetween across DST, months and years', () => {
    expect(addDays('2026-10-31', 1)).toBe('2026-11-01');
    expect(addDays('2026-03-07', 2)).toBe('2026-03-09');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
    expect(daysBetween('2026-11-01', '2026-10-25')).toBe(-7);
    expect(daysBetween('2026-12-30', '2027-01-04')).toBe(5);
  });

  it('weekdayOf and startOfWeek', () => {
    expect(weekdayOf('2026-11-23')).toBe(1);
    expect(weekdayOf('2026-11-29')).toBe(7);
    expect(startOfWeek('2026-11-25', 1)).toBe('2026-11-23');
    expect(startOfWeek('2026-11-23', 1)).toBe('2026-11-23');
    expect(startOfWeek('2026-11-29', 1)).toBe('2026-11-23');
    expect(startOfWeek('2026-11-25', 7)).toBe('2026-11-22');
    expect(startOfWeek('2026-11-28', 6)).toBe('2026-11-28');
    expect(startOfWeek('2027-01-01', 1)).toBe('2026-12-28');
  });

  it('rejects a non-date', () => {
    expect(() => addDays('next week', 1)).toThrow(RangeError);
  });
});

describe('formatting', () => {
  it('formatDay', () => {
    expect(formatDay('2026-12-03')).toBe('Thu, Dec 3, 2026');
    expect(formatDay('2027-01-01')).toBe('Fri, Jan 1, 2027');
  });

  it('formatInstant uses the zone', () => {
    expect(formatInstant('2026-12-03T19:05:00Z', 'America/New_York')).toBe('Dec 3, 2026, 2:05 PM');
    expect(formatInstant('2026-12-03T19:05:00Z', 'Pacific/Auckland')).toBe('Dec 4, 2026, 8:05 AM');
  });

  it('relativeAgo', () => {
    const now = new Date('2026-11-25T16:00:00Z');
    expect(relativeAgo('2026-11-25T15:59:30Z', now)).toBe('just now');
    expect(relativeAgo('2026-11-25T16:05:00Z', now)).toBe('just now');
    expect(relativeAgo('2026-11-25T15:55:00Z', now)).toBe('5 min ago');
    expect(relativeAgo('2026-11-25T13:00:00Z', now)).toBe('3 h ago');
    expect(relativeAgo('2026-11-24T15:00:00Z', now)).toBe('1 day ago');
    expect(relativeAgo('2026-11-23T16:00:00Z', now)).toBe('2 days ago');
  });
});
