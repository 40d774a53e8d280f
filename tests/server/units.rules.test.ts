import { describe, expect, it } from 'vitest';
import { ReportInStatus } from '../../server/src/units/units.enums.js';
import {
  mayDownloadUnitReport,
  reportInActions,
  seesReportIn,
  seesUnitContacts,
  unitActions,
} from '../../server/src/units/units.rules.js';

const nobody = { isRepresentative: false, managesArea: false, readsReports: false };

describe('what a viewer may do with a unit', () => {
  it('gives its representatives the unit’s own actions and its report, and staff over it the representatives', () => {
    expect(unitActions(nobody)).toEqual([]);
    expect(unitActions({ ...nobody, isRepresentative: true })).toEqual([
      'REPORT_IN',
      'OFFER_RESOURCE',
      'PUBLISH_SERVICE',
      'PLEDGE',
      'DOWNLOAD_REPORT',
    ]);
    // Managing the unit does not by itself read its report: that is readsReports (staff over it have both).
    expect(unitActions({ ...nobody, managesArea: true })).toEqual(['MANAGE_REPRESENTATIVES']);
    expect(unitActions({ ...nobody, readsReports: true })).toEqual(['DOWNLOAD_REPORT']);
  });

  it('shows the contacts to its representatives and those who manage it, not to report readers alone', () => {
    expect(seesUnitContacts(nobody)).toBe(false);
    expect(seesUnitContacts({ ...nobody, isRepresentative: true })).toBe(true);
    expect(seesUnitContacts({ ...nobody, managesArea: true })).toBe(true);
    expect(seesUnitContacts({ ...nobody, readsReports: true })).toBe(false);
    expect(mayDownloadUnitReport({ ...nobody, managesArea: true })).toBe(false);
  });
});

describe('report-ins', () => {
  it('are answered once, while they wait, by those who may answer them', () => {
    expect(reportInActions(ReportInStatus.PENDING, true)).toEqual(['ACCEPT', 'DECLINE']);
    expect(reportInActions(ReportInStatus.PENDING, false)).toEqual([]);
    expect(reportInActions(ReportInStatus.ACCEPTED, true)).toEqual([]);
    expect(reportInActions(ReportInStatus.DECLINED, true)).toEqual([]);
  });

  it('are seen in every state by the reporter and who answers them; by others only accepted, where public', () => {
    const others = { isReporter: false, mayAnswer: false };
    for (const status of Object.values(ReportInStatus)) {
      expect(seesReportIn(status, { ...others, isReporter: true }, false)).toBe(true);
      expect(seesReportIn(status, { ...others, mayAnswer: true }, false)).toBe(true);
      expect(seesReportIn(status, others, false)).toBe(false);
    }
    expect(seesReportIn(ReportInStatus.ACCEPTED, others, true)).toBe(true);
    expect(seesReportIn(ReportInStatus.PENDING, others, true)).toBe(false);
    expect(seesReportIn(ReportInStatus.DECLINED, others, true)).toBe(false);
  });
});
