import { describe, expect, it } from 'vitest';
import { NeedCategory } from '../../server/src/needs/need.enums.js';
import { ResourceKind } from '../../server/src/offers/offers.enums.js';
import {
  KINDS_FOR_CATEGORY,
  proximityOf,
  Proximity,
  rankMatches,
  scoreMatch,
  type MatchCandidate,
  type MatchTarget,
} from '../../server/src/offers/offers.matching.js';
import { isAvailable, quantityRemaining, scheduleErrors } from '../../server/src/offers/offers.rules.js';

// Street 1, community 2 (grids 3 and 4), community 5.
const need: MatchTarget = { category: NeedCategory.REPAIR, areaPath: '/1/2/3/30/', communityPath: '/1/2/' };
const now = new Date('2026-12-07T08:00:00Z');
const labour = (extra: Partial<MatchCandidate> = {}): MatchCandidate => ({
  kind: ResourceKind.LABOR,
  servedPaths: ['/1/2/'],
  remaining: null,
  quantity: null,
  ...extra,
});

describe('how near an offer is', () => {
  it('ranks the grid over the community over the street over the same community', () => {
    expect(proximityOf(need, ['/1/2/3/'])).toBe(Proximity.GRID);
    expect(proximityOf(need, ['/1/2/3/30/'])).toBe(Proximity.GRID);
    expect(proximityOf(need, ['/1/2/'])).toBe(Proximity.COMMUNITY);
    expect(proximityOf(need, ['/1/'])).toBe(Proximity.STREET);
    expect(proximityOf(need, ['/1/2/4/'])).toBe(Proximity.NEARBY);
    expect(proximityOf(need, ['/1/5/'])).toBeNull();
    expect(proximityOf(need, ['/9/'])).toBeNull();
    // The nearest of several served areas counts.
    expect(proximityOf(need, ['/1/', '/1/5/', '/1/2/3/'])).toBe(Proximity.GRID);
  });
});

describe('scoring a candidate', () => {
  it('prefers the kind that fits the category best', () => {
    const labourScore = scoreMatch(need, labour(), now)!;
    const goodsScore = scoreMatch(need, labour({ kind: ResourceKind.GOODS }), now)!;
    expect(KINDS_FOR_CATEGORY.REPAIR[0]).toBe(ResourceKind.LABOR);
    expect(labourScore.score).toBeGreaterThan(goodsScore.score);
    expect(labourScore.kindRank).toBe(0);
  });

  it('leaves out kinds the category has no use for, elsewhere, used up, withdrawn or out of dates', () => {
    expect(scoreMatch(need, labour({ kind: ResourceKind.VENUE }), now)).toBeNull();
    expect(scoreMatch(need, labour({ servedPaths: ['/1/5/'] }), now)).toBeNull();
    expect(scoreMatch(need, labour({ remaining: 0, quantity: 10 }), now)).toBeNull();
    expect(scoreMatch(need, labour({ ended: true }), now)).toBeNull();
    expect(scoreMatch(need, labour({ availableFrom: new Date('2027-01-01') }), now)).toBeNull();
    expect(scoreMatch(need, labour({ availableTo: new Date('2026-01-01') }), now)).toBeNull();
    expect(scoreMatch(need, labour({ availableTo: new Date('2027-01-01') }), now)).not.toBeNull();
  });

  it('scores nearer higher, and more left higher, always within 0..1', () => {
    const grid = scoreMatch(need, labour({ servedPaths: ['/1/2/3/'] }), now)!.score;
    const community = scoreMatch(need, labour(), now)!.score;
    const street = scoreMatch(need, labour({ servedPaths: ['/1/'] }), now)!.score;
    const nearby = scoreMatch(need, labour({ servedPaths: ['/1/2/4/'] }), now)!.score;
    expect(grid).toBeGreaterThan(community);
    expect(community).toBeGreaterThan(street);
    expect(street).toBeGreaterThan(nearby);
    const plenty = scoreMatch(need, labour({ remaining: 90, quantity: 100 }), now)!.score;
    const little = scoreMatch(need, labour({ remaining: 5, quantity: 100 }), now)!.score;
    expect(plenty).toBeGreaterThan(little);
    for (const score of [grid, community, street, nearby, plenty, little]) {
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThanOrEqual(1);
    }
    expect(scoreMatch(need, labour({ servedPaths: ['/1/2/3/'] }), now)!.score).toBe(1);
  });

  it('lets services answer care and education, not disputes; a project takes funds first and no services', () => {
    const service = labour({ kind: null, remaining: 3, quantity: 30 });
    expect(scoreMatch({ ...need, category: NeedCategory.ELDERLY_CARE }, service, now)).not.toBeNull();
    expect(scoreMatch({ ...need, category: NeedCategory.EDUCATION }, service, now)).not.toBeNull();
    expect(scoreMatch({ ...need, category: NeedCategory.DISPUTE }, service, now)).toBeNull();
    const project: MatchTarget = { category: null, areaPath: '/1/2/', communityPath: '/1/2/' };
    expect(scoreMatch(project, service, now)).toBeNull();
    const funds = scoreMatch(project, labour({ kind: ResourceKind.FUNDS }), now)!;
    const policy = scoreMatch(project, labour({ kind: ResourceKind.POLICY }), now)!;
    expect(funds.score).toBeGreaterThan(policy.score);
  });

  it('ranks best first, the newer offer first on a tie, and keeps only the first few', () => {
    const scored = [
      { id: 1, score: { score: 0.5, proximity: Proximity.STREET, kindRank: 0 } },
      { id: 2, score: { score: 0.9, proximity: Proximity.GRID, kindRank: 0 } },
      { id: 3, score: { score: 0.5, proximity: Proximity.STREET, kindRank: 0 } },
    ];
    expect(rankMatches(scored, 2).map((match) => match.id)).toEqual([2, 3]);
  });
});

describe('resource and schedule rules', () => {
  it('keeps what remains, null when not counted', () => {
    expect(quantityRemaining({ quantity: 100, quantityPledged: 30 })).toBe(70);
    expect(quantityRemaining({ quantity: null, quantityPledged: 0 })).toBeNull();
    expect(isAvailable({ quantity: 10, quantityPledged: 10 }, now)).toBe(false);
    expect(isAvailable({ quantity: null, quantityPledged: 0, withdrawnAt: now }, now)).toBe(false);
    expect(isAvailable({ quantity: 10, quantityPledged: 1 }, now)).toBe(true);
  });

  it('checks weekdays 1..7 once each, HH:MM times, start before end', () => {
    expect(scheduleErrors({ weekdays: [1, 2, 3, 4, 5], startTime: '16:30', endTime: '18:00' })).toEqual({});
    expect(Object.keys(scheduleErrors({ weekdays: [1, 1], startTime: '16:30', endTime: '18:00' }))).toEqual([
      'schedule.weekdays',
    ]);
    expect(Object.keys(scheduleErrors({ weekdays: [7, 8], startTime: '16:30', endTime: '18:00' }))).toEqual([
      'schedule.weekdays',
    ]);
    expect(Object.keys(scheduleErrors({ weekdays: [1.5], startTime: '9:00', endTime: '25:00' }))).toEqual([
      'schedule.weekdays',
      'schedule.startTime',
      'schedule.endTime',
    ]);
    expect(Object.keys(scheduleErrors({ weekdays: [1], startTime: '18:00', endTime: '18:00' }))).toEqual([
      'schedule.endTime',
    ]);
  });
});
