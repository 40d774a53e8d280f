import { ReportInAction, ReportInStatus, UnitAction } from './units.enums.js';

/** What the rules need to know about the viewer and one unit. */
export interface UnitViewerFacts {
  /** One of its representatives. */
  isRepresentative: boolean;
  /** Staff or admin over the unit's area (mayManageUnits). */
  managesArea: boolean;
  /** Staff, admin or committee member over its area or a community it reported in to (mayViewUnitRanking). */
  readsReports: boolean;
}

/** The contact phone and the representatives in full: the unit's own people and those who manage it. */
export const seesUnitContacts = (facts: UnitViewerFacts): boolean => facts.isRepresentative || facts.managesArea;

/** 回单位报告: for those who read reports over it, and for the unit itself. */
export const mayDownloadUnitReport = (facts: UnitViewerFacts): boolean => facts.isRepresentative || facts.readsReports;

/** What the viewer may do with the unit: manage it as staff, act for it as its representative, read its report. */
export function unitActions(facts: UnitViewerFacts): UnitAction[] {
  const allowed: Record<UnitAction, boolean> = {
    [UnitAction.MANAGE_REPRESENTATIVES]: facts.managesArea,
    [UnitAction.REPORT_IN]: facts.isRepresentative,
    [UnitAction.OFFER_RESOURCE]: facts.isRepresentative,
    [UnitAction.PUBLISH_SERVICE]: facts.isRepresentative,
    [UnitAction.PLEDGE]: facts.isRepresentative,
    [UnitAction.DOWNLOAD_REPORT]: mayDownloadUnitReport(facts),
  };
  return Object.values(UnitAction).filter((action) => allowed[action]);
}

/** A report-in is answered once, while it waits, by whoever may answer report-ins to its community. */
export function reportInActions(status: ReportInStatus, mayAnswer: boolean): ReportInAction[] {
  return status === ReportInStatus.PENDING && mayAnswer ? [ReportInAction.ACCEPT, ReportInAction.DECLINE] : [];
}

/** Who sees a report-in of any state: its person, its unit's representatives, those who answer it. Others only accepted ones. */
export function seesReportIn(
  status: ReportInStatus,
  who: { isReporter: boolean; mayAnswer: boolean },
  acceptedArePublic: boolean,
): boolean {
  if (who.isReporter || who.mayAnswer) return true;
  return acceptedArePublic && status === ReportInStatus.ACCEPTED;
}
