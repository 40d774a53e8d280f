import { describe, expect, it } from 'vitest';
import { NeedAction } from '../../server/src/needs/need.enums.js';
import { noticesFor, workersAreaOf, type NeedPeople } from '../../server/src/needs/needs.notifications.js';
import { NotificationKind as K, smsAvailableKinds } from '../../server/src/notifications/notification.kinds.js';
import { checkQuietHours, quietHoursEnd } from '../../server/src/notifications/notifications.rules.js';
import { ConfigError, loadConfig } from '../../server/src/platform/config.js';
import { OutboxStatus } from '../../server/src/platform/outbox.entity.js';
import { afterFailure, retryDelayMs } from '../../server/src/platform/outbox.js';

/** A moment given as Shanghai local time (UTC+8). */
const shanghai = (local: string) => new Date(`${local}+08:00`);

describe('quiet hours in Asia/Shanghai', () => {
  it('hold across midnight and end at their end, local time', () => {
    expect(quietHoursEnd(shanghai('2026-12-07T23:30:00'), '22:00', '07:00')).toEqual(shanghai('2026-12-08T07:00:00'));
    expect(quietHoursEnd(shanghai('2026-12-08T03:15:20'), '22:00', '07:00')).toEqual(shanghai('2026-12-08T07:00:00'));
    expect(quietHoursEnd(shanghai('2026-12-08T22:00:00'), '22:00', '07:00')).toEqual(shanghai('2026-12-09T07:00:00'));
  });

  it('do not hold outside their span, at their end, or when not set', () => {
    expect(quietHoursEnd(shanghai('2026-12-08T07:00:00'), '22:00', '07:00')).toBeNull();
    expect(quietHoursEnd(shanghai('2026-12-08T12:00:00'), '22:00', '07:00')).toBeNull();
    expect(quietHoursEnd(shanghai('2026-12-08T21:59:59'), '22:00', '07:00')).toBeNull();
    expect(quietHoursEnd(shanghai('2026-12-08T03:00:00'), null, null)).toBeNull();
    expect(quietHoursEnd(shanghai('2026-12-08T03:00:00'), '22:00', '22:00')).toBeNull();
  });

  it('work within one day too (a midday rest)', () => {
    expect(quietHoursEnd(shanghai('2026-12-08T12:30:00'), '12:00', '14:00')).toEqual(shanghai('2026-12-08T14:00:00'));
    expect(quietHoursEnd(shanghai('2026-12-08T14:00:00'), '12:00', '14:00')).toBeNull();
  });

  it('are refused when malformed, half set or of no length', () => {
    expect(checkQuietHours('22:00', '07:00')).toEqual({});
    expect(checkQuietHours(null, null)).toEqual({});
    expect(checkQuietHours('24:00', '07:00')).toEqual({ quietFrom: 'quietTimeFormat' });
    expect(checkQuietHours('22:00', '7:00')).toEqual({ quietTo: 'quietTimeFormat' });
    expect(checkQuietHours('22:00\u0000', '07:00')).toEqual({ quietFrom: 'quietTimeFormat' });
    expect(checkQuietHours('22:00', null)).toEqual({ quietTo: 'quietHoursPair' });
    expect(checkQuietHours(null, '07:00')).toEqual({ quietFrom: 'quietHoursPair' });
    expect(checkQuietHours('22:00', '22:00')).toEqual({ quietTo: 'quietHoursPair' });
  });
});

describe('outbox retries', () => {
  it('back off exponentially, capped at an hour', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20, 30_000)).toBe(3600_000);
  });

  it('dead-letter after the last attempt, or at once when refused for good', () => {
    const settings = { maxAttempts: 3, retryBaseMs: 1000 };
    expect(afterFailure(1, false, settings)).toEqual({ status: OutboxStatus.PENDING, retryInMs: 1000 });
    expect(afterFailure(2, false, settings)).toEqual({ status: OutboxStatus.PENDING, retryInMs: 2000 });
    expect(afterFailure(3, false, settings)).toEqual({ status: OutboxStatus.DEAD });
    expect(afterFailure(1, true, settings)).toEqual({ status: OutboxStatus.DEAD });
  });
});

describe('who hears of a need step', () => {
  const people: NeedPeople = { actorId: 9, raisedById: 1, onBehalfOfId: 2, assigneeId: 3, workers: [4, 5, 9] };
  const notices = (step: Parameters<typeof noticesFor>[0], over: Partial<NeedPeople> = {}) =>
    noticesFor(step, { ...people, ...over }).map(({ kind, recipients }) => [kind, recipients.sort()]);

  it('tells the workers of a new need, never the one who raised it', () => {
    expect(notices('RAISED')).toEqual([[K.NEED_RAISED, [4, 5]]]);
    expect(workersAreaOf('RAISED')).toBe('area');
  });

  it('tells the resident (raiser and 代办 resident) of what happens to their need', () => {
    expect(notices(NeedAction.ACCEPT)).toEqual([[K.NEED_ACCEPTED, [1, 2]]]);
    expect(notices(NeedAction.RESOLVE)).toEqual([[K.NEED_RESOLVED, [1, 2]]]);
    expect(notices(NeedAction.REJECT)).toEqual([[K.NEED_REJECTED, [1, 2]]]);
    expect(notices('AUTO_CLOSED', { actorId: null })).toEqual([[K.NEED_AUTO_CLOSED, [1, 2]]]);
  });

  it('tells the resident and the assignee of an assignment, but not someone assigning themself', () => {
    expect(notices(NeedAction.ASSIGN)).toEqual([
      [K.NEED_ASSIGNED, [1, 2]],
      [K.NEED_ASSIGNED_TO_YOU, [3]],
    ]);
    expect(notices(NeedAction.ASSIGN, { actorId: 3 })).toEqual([[K.NEED_ASSIGNED, [1, 2]]]);
  });

  it('tells the assignee and the responsible workers of a reopening, the new area of an escalation', () => {
    expect(notices(NeedAction.REOPEN, { actorId: 1 })).toEqual([[K.NEED_REOPENED, [3, 4, 5, 9]]]);
    expect(notices(NeedAction.ESCALATE)).toEqual([[K.NEED_ESCALATED_TO_YOU, [4, 5]]]);
    expect(workersAreaOf(NeedAction.ESCALATE)).toBe('responsible');
  });

  it('reminds workers and the assignee of deadlines', () => {
    expect(notices('DUE_SOON', { actorId: null })).toEqual([[K.NEED_DUE_SOON, [3, 4, 5, 9]]]);
    expect(notices('OVERDUE', { actorId: null, assigneeId: null })).toEqual([[K.NEED_OVERDUE, [4, 5, 9]]]);
  });

  it('tells nobody of starting, confirming, comments and support', () => {
    for (const step of [NeedAction.START, NeedAction.CONFIRM, NeedAction.COMMENT, NeedAction.SUPPORT]) {
      expect(notices(step), step).toEqual([]);
    }
  });

  it('leaves a resident acting on their own need out', () => {
    expect(notices(NeedAction.ACCEPT, { actorId: 1 })).toEqual([[K.NEED_ACCEPTED, [2]]]);
  });
});

describe('SMS kinds', () => {
  it('offer residents their own kinds and workers all', () => {
    expect(smsAvailableKinds(false)).toEqual([
      K.NEED_ACCEPTED,
      K.NEED_ASSIGNED,
      K.NEED_RESOLVED,
      K.NEED_REJECTED,
      K.NEED_AUTO_CLOSED,
      K.REPORT_IN_ACCEPTED,
      K.REPORT_IN_DECLINED,
      K.UNIT_REPRESENTATIVE_ADDED,
      K.PLEDGE_REQUESTED,
      K.PLEDGE_MADE,
      K.PLEDGE_SETTLED,
      K.PLEDGE_OVERDUE,
      K.COMMITTEE_MEMBER_ADDED,
      K.TOPIC_ADMITTED,
      K.TOPIC_DECLINED,
      K.MEETING_SCHEDULED,
      K.VOTE_OPENED,
      K.RESULT_PUBLISHED,
      K.OBJECTION_ANSWERED,
      K.RESOLUTION_ASSIGNED,
      K.RESOLUTION_OVERDUE,
      K.TEAM_JOIN_REQUESTED,
      K.TEAM_MEMBER_APPROVED,
      K.TEAM_MEMBER_DECLINED,
      K.SHIFT_PROMOTED,
      K.PROMOTION_EXPIRED,
      K.ACTIVITY_CANCELLED,
      K.HOURS_VERIFIED,
      K.CORRECTION_REQUESTED,
      K.CORRECTION_ACCEPTED,
      K.CORRECTION_REJECTED,
      K.CORRECTION_OVERDUE,
      K.STAR_PUBLICIZED,
      K.STAR_AWARDED,
      K.CERTIFICATE_REVOKED,
    ]);
    expect(smsAvailableKinds(true)).toHaveLength(Object.keys(K).length);
  });
});

describe('outbox configuration', () => {
  it('defaults to the console sender, and reads the gateway for http', () => {
    expect(loadConfig({}).outbox).toMatchObject({
      sender: 'console',
      http: null,
      maxAttempts: 5,
      drainIntervalMs: 1000,
    });
    const http = loadConfig({
      SMS_SENDER: 'http',
      SMS_GATEWAY_URL: 'https://sms.example.com/send',
      SMS_TEMPLATES: '{"SIGN_IN_CODE":"SMS_1"}',
    }).outbox.http;
    expect(http).toMatchObject({ url: 'https://sms.example.com/send', templates: { SIGN_IN_CODE: 'SMS_1' } });
  });

  it('stops the start on a bad value, naming the variable', () => {
    const bad: [Record<string, string>, string][] = [
      [{ SMS_SENDER: 'http' }, 'SMS_GATEWAY_URL'],
      [{ SMS_SENDER: 'carrier-pigeon' }, 'SMS_SENDER'],
      [{ SMS_SENDER: 'http', SMS_GATEWAY_URL: 'https://x', SMS_TEMPLATES: '[1]' }, 'SMS_TEMPLATES'],
      [{ SMS_SENDER: 'http', SMS_GATEWAY_URL: 'https://x', SMS_TEMPLATES: '{"A":""}' }, 'SMS_TEMPLATES'],
      [{ OUTBOX_MAX_ATTEMPTS: '0' }, 'OUTBOX_MAX_ATTEMPTS'],
    ];
    for (const [env, variable] of bad) {
      expect(() => loadConfig(env), variable).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(variable);
    }
  });
});
