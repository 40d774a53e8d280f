import { NeedAction, NeedCategory, NeedStatus, Urgency } from './need.enums.js';
import { CHINA_OFFSET_MS, chinaDay } from '../platform/china-time.js';

/** Moves that change the status; ESCALATE, SUPPORT and COMMENT leave it as it is. */
const TRANSITIONS: Partial<Record<NeedAction, Partial<Record<NeedStatus, NeedStatus>>>> = {
  [NeedAction.ACCEPT]: { [NeedStatus.SUBMITTED]: NeedStatus.ACCEPTED },
  [NeedAction.ASSIGN]: {
    [NeedStatus.ACCEPTED]: NeedStatus.ASSIGNED,
    // Re-assigning before work starts hands it to someone else.
    [NeedStatus.ASSIGNED]: NeedStatus.ASSIGNED,
  },
  [NeedAction.START]: { [NeedStatus.ASSIGNED]: NeedStatus.IN_PROGRESS },
  [NeedAction.RESOLVE]: { [NeedStatus.IN_PROGRESS]: NeedStatus.RESOLVED },
  [NeedAction.CONFIRM]: { [NeedStatus.RESOLVED]: NeedStatus.CLOSED },
  [NeedAction.REOPEN]: { [NeedStatus.RESOLVED]: NeedStatus.IN_PROGRESS, [NeedStatus.CLOSED]: NeedStatus.IN_PROGRESS },
  [NeedAction.REJECT]: { [NeedStatus.SUBMITTED]: NeedStatus.REJECTED, [NeedStatus.ACCEPTED]: NeedStatus.REJECTED },
};

export const FINISHED_STATUSES: readonly NeedStatus[] = [NeedStatus.RESOLVED, NeedStatus.CLOSED, NeedStatus.REJECTED];
export const MAX_REOPENS = 1;

export interface NeedState {
  status: NeedStatus;
  reopenCount: number;
}

/**
 * The need state machine: the status after `action`, or null when the move is not allowed.
 * A need may be reopened once, from RESOLVED or CLOSED, back to IN_PROGRESS.
 */
export function nextStatus(need: NeedState, action: NeedAction): NeedStatus | null {
  switch (action) {
    case NeedAction.ESCALATE:
      return FINISHED_STATUSES.includes(need.status) ? null : need.status;
    case NeedAction.SUPPORT:
      return need.status === NeedStatus.REJECTED ? null : need.status;
    case NeedAction.COMMENT:
      return need.status;
    case NeedAction.REOPEN:
      if (need.reopenCount >= MAX_REOPENS) return null;
      break;
    case NeedAction.TAKE: {
      const steps = takeSteps(need.status);
      if (steps.length === 0) return null;
      return steps.reduce<NeedStatus | null>(
        (status, step) => status && nextStatus({ ...need, status }, step),
        need.status,
      );
    }
  }
  return TRANSITIONS[action]?.[need.status] ?? null;
}

/**
 * 接单 from this status, step by step: accept while SUBMITTED, then assign to oneself and start.
 * None once someone is assigned: taking it over from them is a re-assignment, not 接单.
 */
export function takeSteps(status: NeedStatus): NeedAction[] {
  if (status === NeedStatus.SUBMITTED) return [NeedAction.ACCEPT, NeedAction.ASSIGN, NeedAction.START];
  if (status === NeedStatus.ACCEPTED) return [NeedAction.ASSIGN, NeedAction.START];
  return [];
}

/** 派单 from this status: a need still SUBMITTED is accepted first. */
export function assignSteps(status: NeedStatus): NeedAction[] {
  return status === NeedStatus.SUBMITTED ? [NeedAction.ACCEPT, NeedAction.ASSIGN] : [NeedAction.ASSIGN];
}

/** Needs about people's health, care or quarrels: not public unless the resident chooses so. */
export const SENSITIVE_CATEGORIES: readonly NeedCategory[] = [
  NeedCategory.ELDERLY_CARE,
  NeedCategory.HEALTH,
  NeedCategory.DISABILITY,
  NeedCategory.DISPUTE,
];

/** 公开 when the raiser does not say: never for a resident's need entered by a worker (代办), nor a sensitive one. */
export function publicByDefault(category: NeedCategory, onBehalf: boolean): boolean {
  return !onBehalf && !SENSITIVE_CATEGORIES.includes(category);
}

export interface DeadlineHours {
  respondHours: number;
  resolveHours: number;
}

/** Defaults used until a street sets its own: how fast to respond and to resolve, by urgency. */
const DEFAULT_BY_URGENCY: Record<Urgency, DeadlineHours> = {
  [Urgency.CRITICAL]: { respondHours: 2, resolveHours: 24 },
  [Urgency.HIGH]: { respondHours: 8, resolveHours: 72 },
  [Urgency.NORMAL]: { respondHours: 24, resolveHours: 7 * 24 },
  [Urgency.LOW]: { respondHours: 48, resolveHours: 15 * 24 },
};

/** Categories that put people at risk get the response time of the next urgency up. */
const FASTER_CATEGORIES: readonly NeedCategory[] = [
  NeedCategory.SAFETY,
  NeedCategory.HEALTH,
  NeedCategory.ELDERLY_CARE,
  NeedCategory.DISABILITY,
];
const ONE_UP: Record<Urgency, Urgency> = {
  [Urgency.LOW]: Urgency.NORMAL,
  [Urgency.NORMAL]: Urgency.HIGH,
  [Urgency.HIGH]: Urgency.CRITICAL,
  [Urgency.CRITICAL]: Urgency.CRITICAL,
};

export function defaultDeadline(category: NeedCategory, urgency: Urgency): DeadlineHours {
  const base = DEFAULT_BY_URGENCY[urgency];
  if (!FASTER_CATEGORIES.includes(category)) return base;
  return { respondHours: DEFAULT_BY_URGENCY[ONE_UP[urgency]].respondHours, resolveHours: base.resolveHours };
}

const HOUR = 3600 * 1000;
export const addHours = (from: Date, hours: number) => new Date(from.getTime() + hours * HOUR);

/** Far in the future: finished needs sort last by deadline and are never overdue. */
export const NO_DEADLINE = new Date('9999-12-31T00:00:00Z');

/** The deadline that matters now: respond while SUBMITTED, resolve while open, none once finished. */
export function currentDeadline(status: NeedStatus, respondBy: Date, resolveBy: Date): Date {
  if (status === NeedStatus.SUBMITTED) return respondBy;
  if (FINISHED_STATUSES.includes(status)) return NO_DEADLINE;
  return resolveBy;
}

export const AUTO_CLOSE_AFTER_DAYS = 7;

/** Open needs with less than this left before their deadline are due soon (即将超时). */
export const DUE_SOON_HOURS = 2;

/** Not overdue yet, and due within DUE_SOON_HOURS of `now`; finished needs have no deadline, so never. */
export function isDueSoon(dueAt: Date, now: Date): boolean {
  return dueAt.getTime() >= now.getTime() && dueAt.getTime() < addHours(now, DUE_SOON_HOURS).getTime();
}

const TICKET_PATTERN = /^(\d{4})(\d{2})(\d{2})-(\d{1,12})$/;

/** 工单编号: the day it was raised in Beijing and its id, "20261207-000041". */
export function ticketNumber(createdAt: Date, id: number): string {
  const day = chinaDay(createdAt).replaceAll('-', '');
  return `${day}-${String(id).padStart(6, '0')}`;
}

/** The id and Beijing day a ticket number names, or null when the text is not one. */
export function parseTicketNumber(text: string): { id: number; from: Date; to: Date } | null {
  const match = TICKET_PATTERN.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, id] = match;
  const from = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)) - CHINA_OFFSET_MS);
  // 20261341 is no day: Date.UTC would roll it over into another.
  if (!ticketNumber(from, 0).startsWith(`${year}${month}${day}`) || !Number.isSafeInteger(Number(id))) return null;
  return { id: Number(id), from, to: addHours(from, 24) };
}

export interface RateCounts {
  total: number;
  /** Responded to, or whose response deadline has passed: the needs whose response can be judged. */
  responseDue: number;
  respondedInTime: number;
  resolved: number;
  rated: number;
  satisfied: number;
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/**
 * 响应率, 解决率, 满意率. Each is null when there is nothing to measure:
 * - response: responded (accepted or rejected) within the deadline, of the needs whose response is due;
 * - resolution: RESOLVED or CLOSED, of all needs;
 * - satisfaction: rated 4 or 5, of the rated needs.
 */
export function rates(counts: RateCounts) {
  return {
    responseRate: share(counts.respondedInTime, counts.responseDue),
    resolutionRate: share(counts.resolved, counts.total),
    satisfactionRate: share(counts.satisfied, counts.rated),
  };
}

/** What the rules need to know about the person acting. */
export interface ActorFacts {
  signedIn: boolean;
  /** Raised it, or it was raised for them. */
  isOwner: boolean;
  isAssignee: boolean;
  /** Staff over the responsible area. */
  isResponsibleStaff: boolean;
  /** Staff or grid worker over the responsible area. */
  isResponsibleWorker: boolean;
  /** Staff or grid worker over the need's area. */
  worksOnArea: boolean;
  hasSupported: boolean;
}

export interface NeedFacts extends NeedState {
  isPublic: boolean;
  /** The responsible area has a parent to escalate to. */
  canGoUp: boolean;
}

/** Who may take each action, whatever the state. */
export function roleAllows(action: NeedAction, need: NeedFacts, who: ActorFacts): boolean {
  switch (action) {
    case NeedAction.ACCEPT:
    case NeedAction.ASSIGN:
      return who.isResponsibleWorker;
    case NeedAction.START:
    case NeedAction.RESOLVE:
      return who.isAssignee || who.isResponsibleStaff;
    case NeedAction.CONFIRM:
    case NeedAction.REOPEN:
      return who.isOwner;
    case NeedAction.REJECT:
      return who.isResponsibleStaff;
    case NeedAction.ESCALATE:
      return who.isResponsibleWorker && need.canGoUp;
    case NeedAction.SUPPORT:
      // 附议 is the residents' voice; the workers over the area answer it instead.
      return who.signedIn && need.isPublic && !who.isOwner && !who.worksOnArea && !who.hasSupported;
    case NeedAction.COMMENT:
      return who.isOwner || who.isAssignee || who.worksOnArea;
    case NeedAction.TAKE:
      // Each step as the actor will then stand: assigned to themself, they start it as the assignee.
      return (
        who.isResponsibleWorker &&
        takeSteps(need.status).every((step) =>
          roleAllows(step, need, step === NeedAction.START ? { ...who, isAssignee: true } : who),
        )
      );
  }
}

/**
 * What the viewer sees of a need's resident (its raiser and the one it was raised for) beyond
 * the usual rule for people: the name in full for those the need concerns (the resident, the
 * raiser, the assignee, the workers over it), the phone for the assignee, who goes to them.
 * Neighbours reading a public need see neither.
 */
export function residentShownTo(who: ActorFacts): { name: boolean; phone: boolean } {
  return {
    name: who.isOwner || who.isAssignee || who.worksOnArea || who.isResponsibleWorker,
    phone: who.isAssignee,
  };
}

/**
 * A need raised on a building names a home. Those shown the resident's name see the building;
 * neighbours see where it is down to the grid, as the raise form's hint tells the resident.
 */
export const showsBuilding = (who: ActorFacts): boolean => residentShownTo(who).name;

/** The actions the person may take now: allowed for them and possible in this state. */
export function availableActions(need: NeedFacts, who: ActorFacts): NeedAction[] {
  return Object.values(NeedAction).filter(
    (action) => roleAllows(action, need, who) && nextStatus(need, action) !== null,
  );
}
