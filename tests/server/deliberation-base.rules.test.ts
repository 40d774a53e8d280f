import { describe, expect, it } from 'vitest';
import { AreaKind } from '../../server/src/areas/area.entity.js';
import { CommitteeAction, CommitteeKind } from '../../server/src/committees/committees.enums.js';
import { committeeActions, isActive, kindFitsArea, termErrors } from '../../server/src/committees/committees.rules.js';
import { floorAreaErrors, roundFloorArea } from '../../server/src/households/households.rules.js';
import { communityPathOfPath } from '../../server/src/topics/topics.access.js';
import { ProcedureTemplate, TopicAction, TopicStatus } from '../../server/src/topics/topics.enums.js';
import {
  defaultTemplate,
  TEMPLATE_STAGES,
  topicActions,
  type TopicViewerFacts,
} from '../../server/src/topics/topics.rules.js';

describe('committees (no database)', () => {
  it('fits each kind to its areas', () => {
    expect(kindFitsArea(CommitteeKind.STREET_WORKING_COMMITTEE, AreaKind.STREET)).toBe(true);
    expect(kindFitsArea(CommitteeKind.STREET_WORKING_COMMITTEE, AreaKind.COMMUNITY)).toBe(false);
    expect(kindFitsArea(CommitteeKind.COMMUNITY_PARTY_COMMITTEE, AreaKind.VILLAGE)).toBe(true);
    expect(kindFitsArea(CommitteeKind.COMMUNITY_PARTY_COMMITTEE, AreaKind.STREET)).toBe(false);
    expect(kindFitsArea(CommitteeKind.JOINT_MEETING, AreaKind.STREET)).toBe(true);
    expect(kindFitsArea(CommitteeKind.JOINT_MEETING, AreaKind.GRID)).toBe(false);
  });

  it('wants a term that ends after it starts, within ten years', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    expect(termErrors(start, new Date('2031-01-01T00:00:00Z'))).toEqual({});
    expect(termErrors(start, start)).toHaveProperty('termEnd');
    expect(termErrors(start, new Date('2036-01-01T00:00:01Z'))).toHaveProperty('termEnd');
    expect(termErrors(start, new Date('2036-01-01T00:00:00Z'))).toEqual({});
  });

  it('is active from its start until (not at) its end', () => {
    const term = { termStart: new Date(1000), termEnd: new Date(2000) };
    expect([999, 1000, 1999, 2000].map((t) => isActive(term, new Date(t)))).toEqual([false, true, true, false]);
  });

  it('offers what the viewer may do', () => {
    expect(committeeActions({ managesCommittees: true, runsMeetings: true })).toEqual([
      CommitteeAction.MANAGE_MEMBERS,
      CommitteeAction.SCHEDULE_MEETING,
    ]);
    expect(committeeActions({ managesCommittees: false, runsMeetings: false })).toEqual([]);
  });
});

describe('households (no database)', () => {
  it('takes floor areas above 0 up to 5000 m², two decimals', () => {
    for (const good of [null, undefined, 0.01, 60, 5000]) expect(floorAreaErrors(good)).toEqual({});
    for (const bad of [0, -1, 5000.01, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(floorAreaErrors(bad)).toHaveProperty('floorArea');
    }
    expect(roundFloorArea(85.456)).toBe(85.46);
    expect(roundFloorArea(null)).toBeNull();
  });
});

describe('topics (no database)', () => {
  const facts = (extra: Partial<TopicViewerFacts>): TopicViewerFacts => ({
    status: TopicStatus.PROPOSED,
    stage: 0,
    template: ProcedureTemplate.RESIDENT_COUNCIL,
    isProposer: false,
    supports: false,
    mayPropose: true,
    mayReview: false,
    ...extra,
  });

  it('lets a resident support once, not their own, while PROPOSED', () => {
    expect(topicActions(facts({}))).toEqual([TopicAction.SUPPORT]);
    expect(topicActions(facts({ isProposer: true }))).toEqual([]);
    expect(topicActions(facts({ supports: true }))).toEqual([]);
    expect(topicActions(facts({ status: TopicStatus.ADMITTED }))).toEqual([]);
    expect(topicActions(facts({ mayPropose: false }))).toEqual([]);
  });

  it('lets reviewers admit, decline and advance as the state machine allows, not past the last stage', () => {
    const reviewer = { mayPropose: true, mayReview: true, isProposer: true };
    expect(topicActions(facts(reviewer))).toEqual([TopicAction.ADMIT, TopicAction.DECLINE, TopicAction.ADVANCE_STAGE]);
    expect(topicActions(facts({ ...reviewer, status: TopicStatus.SCHEDULED }))).toEqual([TopicAction.ADVANCE_STAGE]);
    expect(topicActions(facts({ ...reviewer, status: TopicStatus.DECLINED }))).toEqual([]);
    const last = TEMPLATE_STAGES[ProcedureTemplate.RESIDENT_COUNCIL].length - 1;
    expect(topicActions(facts({ ...reviewer, status: TopicStatus.PASSED, stage: last }))).toEqual([]);
  });

  it('gives a village 四议两公开 and a community its resident council', () => {
    expect(defaultTemplate(true)).toBe(ProcedureTemplate.FOUR_DELIBERATIONS_TWO_DISCLOSURES);
    expect(defaultTemplate(false)).toBe(ProcedureTemplate.RESIDENT_COUNCIL);
  });

  it('finds the community an area lies in from its path', () => {
    expect(communityPathOfPath('/1/')).toBeNull();
    expect(communityPathOfPath('/1/2/')).toBe('/1/2/');
    expect(communityPathOfPath('/1/2/3/4/')).toBe('/1/2/');
  });
});
