import { describe, expect, it } from 'vitest';
import {
  Electorate,
  RulePreset,
  Threshold,
  VoteAction,
  VoteMethod,
  VoteOutcome,
} from '../../server/src/votes/votes.enums.js';
import {
  choiceError,
  decide,
  openVoteErrors,
  presetFits,
  quorumNeeded,
  tally,
  voteActions,
  type Figures,
  type OptionTally,
  type VoteRule,
} from '../../server/src/votes/votes.rules.js';
import { useMessages, translate } from '../../server/src/platform/i18n/messages.js';
import { featureMessages } from '../../server/src/messages.js';

// The counting rules of issue 14 as plain functions: the presets of the law, ties, all abstain,
// zero turnout, exactly two thirds, the owners' double count where area and heads disagree.

useMessages(featureMessages);

const rule = (over: Partial<VoteRule> = {}): VoteRule => ({
  method: VoteMethod.YES_NO_ABSTAIN,
  threshold: Threshold.SIMPLE_MAJORITY,
  electorate: Electorate.RESIDENTS,
  rulePreset: RulePreset.CUSTOM,
  quorum: null,
  ...over,
});

const yna = (yes: number, no: number, abstain: number, areas: [number, number, number] = [0, 0, 0]): OptionTally[] => [
  { optionId: 1, label: '赞成', systemKey: 'YES', count: yes, area: areas[0] },
  { optionId: 2, label: '反对', systemKey: 'NO', count: no, area: areas[1] },
  { optionId: 3, label: '弃权', systemKey: 'ABSTAIN', count: abstain, area: areas[2] },
];
const choices = (...counts: number[]): OptionTally[] =>
  counts.map((count, i) => ({ optionId: i + 1, label: `方案${i + 1}`, systemKey: null, count, area: 0 }));

const figures = (options: OptionTally[], eligible: number, over: Partial<Figures> = {}): Figures => ({
  eligible,
  cast: options.filter((o) => o.systemKey !== null).reduce((s, o) => s + o.count, 0),
  eligibleArea: null,
  participatingArea: null,
  options,
  ...over,
});

const explain = (decision: ReturnType<typeof decide>, locale: 'zh-CN' | 'en' = 'zh-CN') =>
  decision.explanation.map((part) => translate(locale, part.key, part.params)).join('；');

describe('CUSTOM: threshold over the votes cast, abstentions left out', () => {
  it('passes a simple majority of yes over yes + no, whatever the abstentions', () => {
    const d = decide(rule(), figures(yna(3, 2, 10), 20));
    expect(d.outcome).toBe(VoteOutcome.PASSED);
    expect(explain(d)).toBe('参与 15/20，规定至少 1，已达到；赞成 3/5（不计弃权），超过半数');
  });

  it('fails a tie between yes and no', () => {
    expect(decide(rule(), figures(yna(4, 4, 1), 10)).outcome).toBe(VoteOutcome.FAILED);
  });

  it('fails when everyone abstains, and says so', () => {
    const d = decide(rule(), figures(yna(0, 0, 5), 5));
    expect(d.outcome).toBe(VoteOutcome.FAILED);
    expect(explain(d, 'en')).toContain('everyone abstained');
  });

  it('passes exactly two thirds under TWO_THIRDS, and fails just below', () => {
    expect(decide(rule({ threshold: Threshold.TWO_THIRDS }), figures(yna(2, 1, 0), 3)).outcome).toBe(
      VoteOutcome.PASSED,
    );
    expect(decide(rule({ threshold: Threshold.TWO_THIRDS }), figures(yna(200, 100, 7), 400)).outcome).toBe(
      VoteOutcome.PASSED,
    );
    expect(decide(rule({ threshold: Threshold.TWO_THIRDS }), figures(yna(199, 101, 0), 400)).outcome).toBe(
      VoteOutcome.FAILED,
    );
  });

  it('has no quorum with zero turnout, with or without a quorum share', () => {
    expect(decide(rule(), figures(yna(0, 0, 0), 10)).outcome).toBe(VoteOutcome.NO_QUORUM);
    expect(decide(rule({ quorum: 0.5 }), figures(yna(0, 0, 0), 10)).outcome).toBe(VoteOutcome.NO_QUORUM);
  });

  it('counts the quorum share of the electorate exactly (two thirds of 300 is 200)', () => {
    expect(quorumNeeded(2 / 3, 300)).toBe(200);
    expect(quorumNeeded(0.5, 7)).toBe(4);
    expect(quorumNeeded(0.01, 10)).toBe(1);
    expect(decide(rule({ quorum: 2 / 3 }), figures(yna(150, 49, 0), 300)).outcome).toBe(VoteOutcome.NO_QUORUM);
    expect(decide(rule({ quorum: 2 / 3 }), figures(yna(150, 50, 0), 300)).outcome).toBe(VoteOutcome.PASSED);
  });

  it('carries the leading option of a choice vote by its share of the ballots; a tie carries none', () => {
    const single = rule({ method: VoteMethod.SINGLE_CHOICE });
    expect(decide(single, figures(choices(6, 3, 2), 20, { cast: 11 })).outcome).toBe(VoteOutcome.PASSED);
    expect(decide(single, figures(choices(5, 3, 2), 20, { cast: 10 })).outcome).toBe(VoteOutcome.FAILED);
    const tie = decide(single, figures(choices(4, 4, 2), 20, { cast: 10 }));
    expect(tie.outcome).toBe(VoteOutcome.FAILED);
    expect(explain(tie)).toContain('方案1、方案2 并列最多');
    // Several choices per ballot: the leader's share of the ballots.
    const multiple = rule({ method: VoteMethod.MULTIPLE_CHOICE });
    expect(decide(multiple, figures(choices(7, 6, 5), 20, { cast: 10 })).outcome).toBe(VoteOutcome.PASSED);
  });
});

describe('RESIDENTS_MEETING (居民会议)', () => {
  const r = rule({ rulePreset: RulePreset.RESIDENTS_MEETING });

  it('needs more than half of the electorate: exactly half is no quorum', () => {
    expect(decide(r, figures(yna(50, 0, 0), 100)).outcome).toBe(VoteOutcome.NO_QUORUM);
    expect(decide(r, figures(yna(51, 0, 0), 100)).outcome).toBe(VoteOutcome.PASSED);
  });

  it('passes by more than half of those who took part: abstentions count against', () => {
    // 62 took part, 30 for, 10 against, 22 abstain: 30 is not more than 31.
    const d = decide(r, figures(yna(30, 10, 22), 100));
    expect(d.outcome).toBe(VoteOutcome.FAILED);
    expect(explain(d)).toBe('参与 62/100，超过半数；赞成 30/62（参与表决者），未超过半数');
    expect(decide(r, figures(yna(32, 10, 20), 100)).outcome).toBe(VoteOutcome.PASSED);
  });

  it('all abstain: no quorum problem, but nothing passes', () => {
    expect(decide(r, figures(yna(0, 0, 60), 100)).outcome).toBe(VoteOutcome.FAILED);
  });
});

describe('VILLAGERS_MEETING and VILLAGER_REPRESENTATIVES (村民委员会组织法)', () => {
  it('needs more than half of the villagers, or two thirds of the households', () => {
    const residents = rule({ rulePreset: RulePreset.VILLAGERS_MEETING });
    expect(decide(residents, figures(yna(60, 0, 0), 120)).outcome).toBe(VoteOutcome.NO_QUORUM);
    expect(decide(residents, figures(yna(61, 0, 0), 120)).outcome).toBe(VoteOutcome.PASSED);
    const households = rule({ rulePreset: RulePreset.VILLAGERS_MEETING, electorate: Electorate.HOUSEHOLDS });
    expect(decide(households, figures(yna(79, 0, 0), 120)).outcome).toBe(VoteOutcome.NO_QUORUM);
    expect(decide(households, figures(yna(80, 0, 0), 120)).outcome).toBe(VoteOutcome.PASSED);
  });

  it('representatives: at least two thirds present, more than half of those present', () => {
    const r = rule({ rulePreset: RulePreset.VILLAGER_REPRESENTATIVES, electorate: Electorate.PARTICIPANTS });
    expect(decide(r, figures(yna(10, 3, 0), 21)).outcome).toBe(VoteOutcome.NO_QUORUM);
    expect(decide(r, figures(yna(10, 4, 0), 21)).outcome).toBe(VoteOutcome.PASSED);
    expect(decide(r, figures(yna(7, 7, 0), 21)).outcome).toBe(VoteOutcome.FAILED);
  });
});

describe('OWNERS_ORDINARY / OWNERS_MAJOR (民法典第二百七十八条): by head AND by floor area', () => {
  const ordinary = rule({ rulePreset: RulePreset.OWNERS_ORDINARY, electorate: Electorate.OWNERS });
  const major = rule({ rulePreset: RulePreset.OWNERS_MAJOR, electorate: Electorate.OWNERS });
  const owners = (options: OptionTally[], eligible: number, eligibleArea: number, participatingArea: number) =>
    figures(options, eligible, { eligibleArea, participatingArea });

  it('needs two thirds of the heads and two thirds of the area taking part', () => {
    // 9 flats of 900 m²: 6 took part (two thirds exactly) holding 600 m² (two thirds exactly).
    expect(decide(ordinary, owners(yna(6, 0, 0, [600, 0, 0]), 9, 900, 600)).outcome).toBe(VoteOutcome.PASSED);
    // Heads enough, area short by a hundredth of a m².
    expect(decide(ordinary, owners(yna(6, 0, 0, [599.99, 0, 0]), 9, 900, 599.99)).outcome).toBe(VoteOutcome.NO_QUORUM);
    // Area enough (big flats), heads short.
    expect(decide(ordinary, owners(yna(5, 0, 0, [800, 0, 0]), 9, 900, 800)).outcome).toBe(VoteOutcome.NO_QUORUM);
  });

  it('ordinary: more than half by head AND by area; the heads win and the area loses → FAILED', () => {
    // 6 took part (600 m²): 4 small flats for (200 m²), 2 big against (400 m²).
    const d = decide(ordinary, owners(yna(4, 2, 0, [200, 400, 0]), 9, 900, 600));
    expect(d.outcome).toBe(VoteOutcome.FAILED);
    expect(explain(d)).toBe(
      '参与 6/9，达到三分之二；参与表决的专有部分面积 600/900 平方米，达到三分之二；' +
        '赞成 4/6（参与表决者），超过半数；赞成的专有部分面积 200/600 平方米（参与表决），未超过半数',
    );
    // And the other way round: the area wins, the heads lose.
    expect(decide(ordinary, owners(yna(2, 4, 0, [400, 200, 0]), 9, 900, 600)).outcome).toBe(VoteOutcome.FAILED);
    expect(decide(ordinary, owners(yna(4, 2, 0, [400, 200, 0]), 9, 900, 600)).outcome).toBe(VoteOutcome.PASSED);
  });

  it('major: three quarters of both, exactly three quarters passes', () => {
    expect(decide(major, owners(yna(6, 2, 0, [600, 200, 0]), 10, 1000, 800)).outcome).toBe(VoteOutcome.PASSED);
    expect(decide(major, owners(yna(6, 2, 0, [599.99, 200.01, 0]), 10, 1000, 800)).outcome).toBe(VoteOutcome.FAILED);
    expect(decide(major, owners(yna(5, 3, 0, [700, 100, 0]), 10, 1000, 800)).outcome).toBe(VoteOutcome.FAILED);
  });

  it('an abstaining owner counts against (of those taking part) by head and area', () => {
    expect(decide(ordinary, owners(yna(3, 0, 3, [300, 0, 300]), 9, 900, 600)).outcome).toBe(VoteOutcome.FAILED);
  });
});

describe('presets and electorates', () => {
  it('fits each preset to the electorates of its law', () => {
    expect(presetFits(RulePreset.OWNERS_MAJOR, Electorate.OWNERS)).toBe(true);
    expect(presetFits(RulePreset.OWNERS_MAJOR, Electorate.RESIDENTS)).toBe(false);
    expect(presetFits(RulePreset.RESIDENTS_MEETING, Electorate.OWNERS)).toBe(false);
    expect(presetFits(RulePreset.VILLAGERS_MEETING, Electorate.HOUSEHOLDS)).toBe(true);
    expect(presetFits(RulePreset.VILLAGER_REPRESENTATIVES, Electorate.RESIDENTS)).toBe(false);
    for (const electorate of Object.values(Electorate)) expect(presetFits(RulePreset.CUSTOM, electorate)).toBe(true);
  });
});

describe('ballots', () => {
  it('tallies heads and areas per option, an option once per ballot', () => {
    const options = yna(0, 0, 0).map(({ optionId, label, systemKey }) => ({ optionId, label, systemKey }));
    const counted = tally(options, [
      { optionIds: [1], floorArea: 80.5 },
      { optionIds: [1], floorArea: 100 },
      { optionIds: [2], floorArea: 60 },
      { optionIds: [1, 1], floorArea: 1 },
      { optionIds: [99] },
    ]);
    expect(counted.map((o) => [o.count, o.area])).toEqual([
      [3, 181.5],
      [1, 60],
      [0, 0],
    ]);
  });

  it('refuses an empty, repeated, foreign or too large choice', () => {
    const ids = [1, 2, 3];
    expect(choiceError(VoteMethod.YES_NO_ABSTAIN, 1, [], ids)?.key).toBe('voteChooseOne');
    expect(choiceError(VoteMethod.YES_NO_ABSTAIN, 1, [1, 2], ids)?.key).toBe('voteTooManyChoices');
    expect(choiceError(VoteMethod.MULTIPLE_CHOICE, 2, [1, 1], ids)?.key).toBe('voteChoiceTwice');
    expect(choiceError(VoteMethod.MULTIPLE_CHOICE, 2, [1, 4], ids)?.key).toBe('voteOptionUnknown');
    expect(choiceError(VoteMethod.MULTIPLE_CHOICE, 2, [1, 2, 3], ids)?.key).toBe('voteTooManyChoices');
    expect(choiceError(VoteMethod.MULTIPLE_CHOICE, 2, [1, 3], ids)).toBeNull();
    expect(choiceError(VoteMethod.SINGLE_CHOICE, 1, [2], ids)).toBeNull();
  });
});

describe('opening', () => {
  const now = new Date('2026-12-07T08:00:00Z');
  const base = {
    method: VoteMethod.SINGLE_CHOICE,
    options: ['甲', '乙'],
    electorate: Electorate.RESIDENTS,
    rulePreset: RulePreset.CUSTOM,
    closesAt: new Date('2026-12-10T08:00:00Z'),
    areaId: '5',
  };

  it('accepts a plain vote', () => {
    expect(openVoteErrors(base, now)).toEqual({});
  });

  it('names each bad field', () => {
    expect(openVoteErrors({ ...base, options: ['甲'] }, now).options?.key).toBe('voteOptionsCount');
    expect(openVoteErrors({ ...base, options: Array.from({ length: 21 }, (_, i) => `${i}`) }, now).options?.key).toBe(
      'voteOptionsCount',
    );
    expect(openVoteErrors({ ...base, options: ['甲', ' 甲 '] }, now).options?.key).toBe('voteOptionsRepeat');
    expect(openVoteErrors({ ...base, options: ['甲', '  '] }, now).options?.key).toBe('voteOptionEmpty');
    expect(openVoteErrors({ ...base, options: ['甲', 'x'.repeat(201)] }, now).options?.key).toBe('tooLong');
    expect(openVoteErrors({ ...base, method: VoteMethod.MULTIPLE_CHOICE, maxChoices: 3 }, now).maxChoices?.key).toBe(
      'voteMaxChoicesRange',
    );
    expect(openVoteErrors({ ...base, method: VoteMethod.MULTIPLE_CHOICE, maxChoices: 2 }, now)).toEqual({});
    expect(openVoteErrors({ ...base, maxChoices: 2 }, now).maxChoices?.key).toBe('voteMaxChoicesSingle');
    expect(openVoteErrors({ ...base, closesAt: now }, now).closesAt?.key).toBe('voteClosesInPast');
    expect(openVoteErrors({ ...base, closesAt: new Date(now.getTime() + 91 * 86_400_000) }, now).closesAt?.key).toBe(
      'voteClosesTooLate',
    );
    expect(openVoteErrors({ ...base, quorum: 0 }, now).quorum?.key).toBe('voteQuorumRange');
    expect(openVoteErrors({ ...base, quorum: 1.5 }, now).quorum?.key).toBe('voteQuorumRange');
    expect(openVoteErrors({ ...base, quorum: 1 }, now)).toEqual({});
    expect(openVoteErrors({ ...base, rulePreset: RulePreset.RESIDENTS_MEETING, quorum: 0.5 }, now).quorum?.key).toBe(
      'voteQuorumByPreset',
    );
    expect(openVoteErrors({ ...base, rulePreset: RulePreset.OWNERS_MAJOR }, now).rulePreset?.key).toBe(
      'votePresetElectorate',
    );
    expect(openVoteErrors({ ...base, electorate: Electorate.PARTICIPANTS }, now).meetingId?.key).toBe(
      'voteNeedsMeeting',
    );
    expect(openVoteErrors({ ...base, electorate: Electorate.COMMITTEE }, now).committeeId?.key).toBe(
      'voteNeedsCommittee',
    );
    expect(openVoteErrors({ ...base, areaId: null }, now).areaId?.key).toBe('required');
    expect(openVoteErrors({ ...base, method: VoteMethod.YES_NO_ABSTAIN, options: ['a', 'b'] }, now).options?.key).toBe(
      'voteOptionsBySystem',
    );
  });
});

describe('actions', () => {
  const facts = {
    acceptsBallots: true,
    closed: false,
    eligible: true,
    hasVoted: false,
    mayRun: false,
    inPublicity: false,
    mayObject: false,
  };
  it('lets an elector cast once, staff run the vote, residents object during publicity', () => {
    expect(voteActions(facts)).toEqual([VoteAction.CAST]);
    expect(voteActions({ ...facts, hasVoted: true })).toEqual([]);
    expect(voteActions({ ...facts, eligible: false, mayRun: true })).toEqual([
      VoteAction.RECORD_PAPER_BALLOT,
      VoteAction.CLOSE,
      VoteAction.VIEW_VOTERS,
    ]);
    expect(voteActions({ ...facts, acceptsBallots: false, closed: true, inPublicity: true, mayObject: true })).toEqual([
      VoteAction.OBJECT,
    ]);
  });
});
