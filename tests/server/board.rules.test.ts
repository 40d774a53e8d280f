import { describe, expect, it } from 'vitest';
import {
  inPublicity,
  mayObject,
  objectionActions,
  objectionReasonErrors,
  showsObjectionAuthor,
} from '../../server/src/board/board.rules.js';
import {
  dueAtErrors,
  isLate,
  percentErrors,
  progressed,
  resolutionActions,
} from '../../server/src/resolutions/resolutions.rules.js';
import { ResolutionStatus } from '../../server/src/resolutions/resolutions.enums.js';

const now = new Date('2026-12-07T08:00:00Z');
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);

describe('objections', () => {
  it('may be lodged from publication until the publicity period ends, not before nor after', () => {
    expect(inPublicity({ publishedAt: hours(-1), publicityEndsAt: hours(119) }, now)).toBe(true);
    expect(inPublicity({ publishedAt: now, publicityEndsAt: hours(120) }, now)).toBe(true);
    expect(inPublicity({ publishedAt: hours(-120), publicityEndsAt: now }, now)).toBe(false);
    expect(inPublicity({ publishedAt: null, publicityEndsAt: null }, now)).toBe(false);
    expect(inPublicity({ publishedAt: hours(1), publicityEndsAt: hours(121) }, now)).toBe(false);
  });

  it('need a reason of five characters, counted trimmed and by character', () => {
    expect(objectionReasonErrors('计票有误啊')).toEqual({});
    expect(objectionReasonErrors('  计票有误  ')).toEqual({
      reason: { key: 'objectionReasonTooShort', params: { min: 5 } },
    });
    expect(objectionReasonErrors('😀😀😀😀😀')).toEqual({});
  });

  it('come from residents of the area or electors; the author is shown to them and to staff; staff answer once', () => {
    expect(mayObject({ livesInArea: true, wasElector: false })).toBe(true);
    expect(mayObject({ livesInArea: false, wasElector: true })).toBe(true);
    expect(mayObject({ livesInArea: false, wasElector: false })).toBe(false);
    expect(showsObjectionAuthor({ isAuthor: false, answers: false })).toBe(false);
    expect(showsObjectionAuthor({ isAuthor: true, answers: false })).toBe(true);
    expect(showsObjectionAuthor({ isAuthor: false, answers: true })).toBe(true);
    expect(objectionActions({ answers: true, answered: false })).toEqual(['ANSWER']);
    expect(objectionActions({ answers: true, answered: true })).toEqual([]);
    expect(objectionActions({ answers: false, answered: false })).toEqual([]);
  });
});

describe('resolutions', () => {
  it('are late past due unless done', () => {
    expect(isLate({ status: ResolutionStatus.IN_PROGRESS, dueAt: hours(-1) }, now)).toBe(true);
    expect(isLate({ status: ResolutionStatus.IN_PROGRESS, dueAt: hours(1) }, now)).toBe(false);
    expect(isLate({ status: ResolutionStatus.DONE, dueAt: hours(-1) }, now)).toBe(false);
  });

  it('are due in the future and within about ten years', () => {
    expect(dueAtErrors(hours(1), now)).toEqual({});
    expect(dueAtErrors(now, now)).toEqual({ dueAt: { key: 'resolutionDueInPast' } });
    expect(dueAtErrors(hours(24 * 3661), now).dueAt?.key).toBe('resolutionDueTooLate');
  });

  it('move forward in whole percents up to 100, which is done', () => {
    expect(percentErrors(40, 40)).toEqual({});
    expect(percentErrors(39, 40)).toEqual({ percent: { key: 'resolutionPercentBelow', params: { last: 40 } } });
    for (const bad of [-1, 101, 50.5, Number.NaN]) {
      expect(percentErrors(bad, 0)).toEqual({ percent: { key: 'resolutionPercentRange' } });
    }
    expect(progressed(99, now)).toEqual({ status: ResolutionStatus.IN_PROGRESS, doneAt: null });
    expect(progressed(100, now)).toEqual({ status: ResolutionStatus.DONE, doneAt: now });
  });

  it('offer progress to the owner and staff while in progress, and a project once to those who manage projects', () => {
    const open = { status: ResolutionStatus.IN_PROGRESS, hasProject: false };
    expect(resolutionActions(open, { manages: false, owns: true, managesProjects: false })).toEqual([
      'UPDATE_PROGRESS',
    ]);
    expect(resolutionActions(open, { manages: true, owns: false, managesProjects: true })).toEqual([
      'UPDATE_PROGRESS',
      'MAKE_PROJECT',
    ]);
    expect(resolutionActions(open, { manages: false, owns: false, managesProjects: false })).toEqual([]);
    expect(
      resolutionActions(
        { status: ResolutionStatus.DONE, hasProject: true },
        { manages: true, owns: true, managesProjects: true },
      ),
    ).toEqual([]);
  });
});
