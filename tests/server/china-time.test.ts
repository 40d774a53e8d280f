import { describe, expect, it } from 'vitest';
import { chinaDay, chinaMinute } from '../../server/src/platform/china-time.js';

describe('times as people in China read them (no database)', () => {
  it('shows the minute in Beijing, across midnight and the year', () => {
    expect(chinaMinute(new Date('2026-12-07T11:00:00Z'))).toBe('2026-12-07 19:00');
    expect(chinaMinute(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01 00:30');
  });

  it('shows the day in Beijing, which starts at 16:00 UTC the day before', () => {
    expect(chinaDay(new Date('2026-12-06T15:59:59Z'))).toBe('2026-12-06');
    expect(chinaDay(new Date('2026-12-06T16:00:00Z'))).toBe('2026-12-07');
  });
});
