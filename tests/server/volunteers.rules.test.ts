import { describe, expect, it } from 'vitest';
import { AreaKind } from '../../server/src/areas/area.entity.js';
import {
  certificateCode,
  certificatePeriod,
  issuerName,
  normaliseCode,
} from '../../server/src/certificates/certificates.rules.js';
import { TeamAction, TeamMembershipStatus, TeamRole } from '../../server/src/teams/teams.enums.js';
import { isLastLeader, mayJoin, teamActions, type TeamFacts } from '../../server/src/teams/teams.rules.js';
import {
  ageOn,
  birthDateErrors,
  birthDateOfIdNumber,
  idNumberCheckChar,
  idNumberErrors,
  isCalendarDay,
  isMinor,
  isValidIdNumber,
  maskIdNumber,
  maskName,
  tagsErrors,
  volunteerNumber,
} from '../../server/src/volunteers/volunteers.rules.js';

describe('masking', () => {
  it('maskName keeps the first and last character (王*明)', () => {
    expect(maskName('王小明')).toBe('王*明');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName('陈静')).toBe('陈*');
    expect(maskName('  李  ')).toBe('*');
    expect(maskName('')).toBe('*');
    // Characters outside the BMP count as one.
    expect(maskName('𠀋小明')).toBe('𠀋*明');
  });

  it('maskIdNumber keeps the first four and the last four', () => {
    expect(maskIdNumber('110105198805163122')).toBe('1101**********3122');
    expect(maskIdNumber(null)).toBeNull();
    expect(maskIdNumber('')).toBeNull();
  });
});

describe('居民身份证号 (GB 11643)', () => {
  it('computes the check character, X for 10', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('11010519880516312')).toBe('2');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });

  it('refuses a wrong check character, a wrong length, letters, an impossible birth date', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
    expect(isValidIdNumber('1101051949123100211')).toBe(false);
    expect(isValidIdNumber('11010519491231A02X')).toBe(false);
    // 1949-02-30 does not exist, whatever the check character says.
    const first17 = '11010519490230002';
    expect(isValidIdNumber(first17 + idNumberCheckChar(first17))).toBe(false);
  });

  it('reads the birth date and must agree with the one given', () => {
    expect(birthDateOfIdNumber('110105198805163122')).toBe('1988-05-16');
    expect(idNumberErrors('110105198805163122', '1988-05-16')).toEqual({});
    expect(Object.keys(idNumberErrors('110105198805163122', '1988-05-17'))).toEqual(['idNumber']);
    expect(Object.keys(idNumberErrors('110105198805163121', '1988-05-16'))).toEqual(['idNumber']);
  });
});

describe('age', () => {
  it('counts whole years, a birthday from its own day', () => {
    expect(ageOn('2012-12-07', '2026-12-07')).toBe(14);
    expect(ageOn('2012-12-08', '2026-12-07')).toBe(13);
    expect(ageOn('2012-02-29', '2026-02-28')).toBe(13);
    expect(ageOn('2012-02-29', '2026-03-01')).toBe(14);
  });

  it('is a minor under 14 on the day in China, not in UTC', () => {
    // 2026-12-06 16:30 UTC is already 7 December in Beijing.
    const now = new Date('2026-12-06T16:30:00Z');
    expect(isMinor('2012-12-07', now)).toBe(false);
    expect(isMinor('2012-12-08', now)).toBe(true);
    expect(isMinor('2012-12-07', new Date('2026-12-06T15:30:00Z'))).toBe(true);
  });

  it('checks the birth date: a real day, not in the future, at most 100 years ago', () => {
    const now = new Date('2026-12-07T04:00:00Z');
    expect(birthDateErrors('1990-03-07', now)).toEqual({});
    expect(Object.keys(birthDateErrors('1990-02-30', now))).toEqual(['birthDate']);
    expect(Object.keys(birthDateErrors('1990/03/07', now))).toEqual(['birthDate']);
    expect(Object.keys(birthDateErrors('2026-12-08', now))).toEqual(['birthDate']);
    expect(birthDateErrors('2026-12-07', now)).toEqual({});
    expect(birthDateErrors('1925-12-08', now)).toEqual({});
    expect(Object.keys(birthDateErrors('1925-12-07', now))).toEqual(['birthDate']);
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2025-02-29')).toBe(false);
  });
});

describe('tags and numbers', () => {
  it('tags: at most 10 of 1–20 characters without control characters', () => {
    expect(tagsErrors(['钢琴', '手语'])).toEqual({});
    expect(Object.keys(tagsErrors(Array.from({ length: 11 }, (_, i) => `t${i}`)))).toEqual(['tags']);
    expect(Object.keys(tagsErrors(['字'.repeat(21)]))).toEqual(['tags']);
    expect(tagsErrors(['字'.repeat(20)])).toEqual({});
    expect(Object.keys(tagsErrors(['a\tb']))).toEqual(['tags']);
    expect(Object.keys(tagsErrors(['\u0085']))).toEqual(['tags']);
    expect(Object.keys(tagsErrors([' ']))).toEqual(['tags']);
  });

  it('志愿者编号: ZY, the year, six digits', () => {
    expect(volunteerNumber(2026, 123)).toBe('ZY2026000123');
    expect(volunteerNumber(2026, 1_234_567)).toBe('ZY20261234567');
  });
});

describe('teams', () => {
  const facts = (extra: Partial<TeamFacts> = {}): TeamFacts => ({
    activeVolunteer: true,
    membership: null,
    manages: false,
    organises: false,
    leaderCount: 1,
    ...extra,
  });
  const approved = (role: TeamRole) => ({ status: TeamMembershipStatus.APPROVED, role });

  it('an active volunteer may join unless a request waits or they are a member; declined and left may ask again', () => {
    expect(teamActions(facts())).toEqual([TeamAction.JOIN]);
    expect(teamActions(facts({ activeVolunteer: false }))).toEqual([]);
    expect(mayJoin(facts({ membership: { status: TeamMembershipStatus.REQUESTED, role: TeamRole.MEMBER } }))).toBe(
      false,
    );
    expect(mayJoin(facts({ membership: approved(TeamRole.MEMBER) }))).toBe(false);
    expect(mayJoin(facts({ membership: { status: TeamMembershipStatus.DECLINED, role: TeamRole.MEMBER } }))).toBe(true);
    expect(mayJoin(facts({ membership: { status: TeamMembershipStatus.LEFT, role: TeamRole.LEADER } }))).toBe(true);
  });

  it('a member may leave or withdraw a request; the last leader may not', () => {
    expect(teamActions(facts({ membership: approved(TeamRole.MEMBER) }))).toEqual([TeamAction.LEAVE]);
    expect(
      teamActions(facts({ membership: { status: TeamMembershipStatus.REQUESTED, role: TeamRole.MEMBER } })),
    ).toEqual([TeamAction.LEAVE]);
    expect(teamActions(facts({ membership: approved(TeamRole.LEADER), leaderCount: 1 }))).toEqual([
      TeamAction.APPROVE_MEMBERS,
      TeamAction.CREATE_ACTIVITY,
    ]);
    expect(teamActions(facts({ membership: approved(TeamRole.LEADER), leaderCount: 2 }))).toEqual([
      TeamAction.LEAVE,
      TeamAction.APPROVE_MEMBERS,
      TeamAction.CREATE_ACTIVITY,
    ]);
    expect(isLastLeader({ membership: approved(TeamRole.MEMBER), leaderCount: 1 })).toBe(false);
  });

  it('staff approve members (MANAGE_VOLUNTEERS) and create activities (ORGANISE_ACTIVITIES)', () => {
    expect(teamActions(facts({ activeVolunteer: false, manages: true, organises: true }))).toEqual([
      TeamAction.APPROVE_MEMBERS,
      TeamAction.CREATE_ACTIVITY,
    ]);
    expect(teamActions(facts({ activeVolunteer: false, manages: true }))).toEqual([TeamAction.APPROVE_MEMBERS]);
  });
});

describe('certificates', () => {
  it('code: ZM, the year, 8 Crockford characters (no I, L, O, U)', () => {
    expect(certificateCode(2026, Buffer.from([0, 1, 10, 18, 20, 22, 27, 31]))).toBe('ZM-2026-01AJMPVZ');
    for (let i = 0; i < 200; i++) expect(certificateCode(2026)).toMatch(/^ZM-2026-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(normaliseCode('  zm-2026-01ajmpvz\n')).toBe('ZM-2026-01AJMPVZ');
  });

  it('period: from before to, from not in the future, at most five years; to clamped to now', () => {
    const now = new Date('2026-12-07T04:00:00Z');
    const at = (iso: string) => new Date(iso);
    expect(certificatePeriod(at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z'), now)).toEqual({
      to: now,
      errors: {},
    });
    expect(Object.keys(certificatePeriod(at('2026-06-01T00:00:00Z'), at('2026-05-01T00:00:00Z'), now).errors)).toEqual([
      'to',
    ]);
    expect(Object.keys(certificatePeriod(at('2026-12-08T00:00:00Z'), at('2026-12-09T00:00:00Z'), now).errors)).toEqual([
      'from',
    ]);
    expect(certificatePeriod(at('2021-12-07T04:00:00Z'), now, now).errors).toEqual({});
    expect(Object.keys(certificatePeriod(at('2021-12-07T03:59:00Z'), now, now).errors)).toEqual(['from']);
  });

  it('issuer: the community’s residents’ committee, a village’s villagers’ committee', () => {
    expect(issuerName({ name: '幸福里社区', kind: AreaKind.COMMUNITY })).toBe('幸福里社区居民委员会');
    expect(issuerName({ name: '东岭村', kind: AreaKind.VILLAGE })).toBe('东岭村村民委员会');
  });
});
