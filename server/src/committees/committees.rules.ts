import { AreaKind } from '../areas/area.entity.js';
import type { FieldErrors } from '../platform/errors.js';
import { CommitteeAction, CommitteeKind } from './committees.enums.js';
import { COMMITTEE_TERM_MAX_YEARS } from './committees.limits.js';

/** 大工委 sits on a street, 大党委 on a community or village; a joint meeting on either. */
const AREA_KINDS: Record<CommitteeKind, readonly AreaKind[]> = {
  [CommitteeKind.STREET_WORKING_COMMITTEE]: [AreaKind.STREET],
  [CommitteeKind.COMMUNITY_PARTY_COMMITTEE]: [AreaKind.COMMUNITY, AreaKind.VILLAGE],
  [CommitteeKind.JOINT_MEETING]: [AreaKind.STREET, AreaKind.COMMUNITY, AreaKind.VILLAGE],
};

export function kindFitsArea(kind: CommitteeKind, areaKind: AreaKind): boolean {
  return AREA_KINDS[kind].includes(areaKind);
}

/** The term ends after it starts, and lasts at most COMMITTEE_TERM_MAX_YEARS. */
export function termErrors(termStart: Date, termEnd: Date): FieldErrors {
  if (termEnd.getTime() <= termStart.getTime()) return { termEnd: { key: 'committeeTermOrder' } };
  const longest = new Date(termStart);
  longest.setUTCFullYear(longest.getUTCFullYear() + COMMITTEE_TERM_MAX_YEARS);
  if (termEnd.getTime() > longest.getTime()) {
    return { termEnd: { key: 'committeeTermTooLong', params: { years: COMMITTEE_TERM_MAX_YEARS } } };
  }
  return {};
}

/** The term has begun and not ended. */
export function isActive(term: { termStart: Date; termEnd: Date }, now: Date): boolean {
  return term.termStart.getTime() <= now.getTime() && now.getTime() < term.termEnd.getTime();
}

/** What the viewer may do with a committee: manage its members, schedule its meetings. */
export function committeeActions(facts: { managesCommittees: boolean; runsMeetings: boolean }): CommitteeAction[] {
  return [
    ...(facts.managesCommittees ? [CommitteeAction.MANAGE_MEMBERS] : []),
    ...(facts.runsMeetings ? [CommitteeAction.SCHEDULE_MEETING] : []),
  ];
}
