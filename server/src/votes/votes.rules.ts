import type { FieldErrors, Translatable } from '../platform/errors.js';
import type { MessageKey } from '../platform/i18n/messages.js';
import {
  VOTE_MAX_DAYS,
  VOTE_OPTION_LABEL_MAX,
  VOTE_OPTIONS_MAX,
  VOTE_OPTIONS_MIN,
  VOTE_PUBLICITY_DAYS,
} from './votes.limits.js';
import { Electorate, RulePreset, Threshold, VoteAction, VoteMethod, VoteOutcome } from './votes.enums.js';

/** What decides a vote: fixed when it opens. */
export interface VoteRule {
  method: VoteMethod;
  threshold: Threshold;
  electorate: Electorate;
  rulePreset: RulePreset;
  /** CUSTOM: minimum share of the electorate that must vote; null: at least one ballot. */
  quorum: number | null;
}

export type SystemKey = 'YES' | 'NO' | 'ABSTAIN';

/** One option's count (heads) and, for OWNERS, the floor area of the flats that chose it. */
export interface OptionTally {
  optionId: number;
  label: string;
  systemKey: SystemKey | null;
  count: number;
  area: number;
}

/** The figures a rule is applied to. */
export interface Figures {
  /** Size of the snapshot (persons, or households for HOUSEHOLDS/OWNERS). */
  eligible: number;
  /** Electors who voted, on any channel. */
  cast: number;
  /** OWNERS: floor area of the snapshot, and of the flats that voted (m²). */
  eligibleArea: number | null;
  participatingArea: number | null;
  options: readonly OptionTally[];
}

export interface Decision {
  outcome: VoteOutcome;
  quorumMet: boolean;
  /** Sentences in order: the turnout against the quorum, then (when it was met) the pass rule. */
  explanation: Translatable[];
}

/** The words of YES_NO_ABSTAIN's options, stored as their labels (in the default language, as stored text is). */
export const YES_NO_ABSTAIN_OPTIONS: readonly { systemKey: SystemKey; label: string }[] = [
  { systemKey: 'YES', label: '赞成' },
  { systemKey: 'NO', label: '反对' },
  { systemKey: 'ABSTAIN', label: '弃权' },
];

/** Which electorates each preset is made for (the law it follows names who takes part). */
export const PRESET_ELECTORATES: Record<RulePreset, readonly Electorate[]> = {
  [RulePreset.CUSTOM]: Object.values(Electorate),
  // 居民会议: adult residents, or a representative per household, or the elected group representatives present.
  [RulePreset.RESIDENTS_MEETING]: [Electorate.RESIDENTS, Electorate.HOUSEHOLDS, Electorate.PARTICIPANTS],
  // 村民会议: villagers aged 18 or over, or the households' representatives.
  [RulePreset.VILLAGERS_MEETING]: [Electorate.RESIDENTS, Electorate.HOUSEHOLDS],
  // 村民代表会议: its members, present at a meeting or as a body.
  [RulePreset.VILLAGER_REPRESENTATIVES]: [Electorate.PARTICIPANTS, Electorate.COMMITTEE],
  // 业主共同决定: the owners, by head and by floor area.
  [RulePreset.OWNERS_ORDINARY]: [Electorate.OWNERS],
  [RulePreset.OWNERS_MAJOR]: [Electorate.OWNERS],
};

export function presetFits(preset: RulePreset, electorate: Electorate): boolean {
  return PRESET_ELECTORATES[preset].includes(electorate);
}

/** Floor areas compared in whole hundredths of a m², so that "exactly two thirds" is exact. */
const cents = (area: number | null) => Math.round((area ?? 0) * 100);
/** An area as people read it: at most two decimals, no trailing zeros. */
export const areaText = (area: number | null) => String(Number((area ?? 0).toFixed(2)));

const moreThanHalf = (part: number, whole: number) => part * 2 > whole;
const atLeastTwoThirds = (part: number, whole: number) => part * 3 >= whole * 2;
const atLeastThreeQuarters = (part: number, whole: number) => part * 4 >= whole * 3;

type Verdict = 'voteMoreThanHalf' | 'voteTwoThirds' | 'voteThreeQuarters' | 'voteReached';
const NOT: Record<Verdict, MessageKey> = {
  voteMoreThanHalf: 'voteNotMoreThanHalf',
  voteTwoThirds: 'voteNotTwoThirds',
  voteThreeQuarters: 'voteNotThreeQuarters',
  voteReached: 'voteNotReached',
};
/** The verdict as a nested message ('@key'), translated with the sentence. */
const verdict = (met: boolean, kind: Verdict) => `@${met ? kind : NOT[kind]}`;

/** People needed for a CUSTOM quorum share: at least one. */
export function quorumNeeded(share: number, eligible: number): number {
  // The small epsilon keeps 2/3 × 300 at 200, not 201 from floating-point rounding.
  return Math.max(1, Math.ceil(share * eligible - 1e-9));
}

interface Check {
  met: boolean;
  explanation: Translatable[];
}

/** Whether enough of the electorate took part, by the rule's preset. */
export function quorumCheck(rule: VoteRule, f: Figures): Check {
  const turnout = (met: boolean, kind: Verdict): Translatable => ({
    key: 'voteExplainTurnout',
    params: { cast: f.cast, eligible: f.eligible, verdict: verdict(met, kind) },
  });
  switch (rule.rulePreset) {
    case RulePreset.CUSTOM: {
      const needed = rule.quorum === null ? 1 : quorumNeeded(rule.quorum, f.eligible);
      const met = f.cast >= needed;
      return {
        met,
        explanation: [
          {
            key: 'voteExplainTurnoutNeeded',
            params: { cast: f.cast, eligible: f.eligible, needed, verdict: verdict(met, 'voteReached') },
          },
        ],
      };
    }
    case RulePreset.RESIDENTS_MEETING: {
      const met = moreThanHalf(f.cast, f.eligible);
      return { met, explanation: [turnout(met, 'voteMoreThanHalf')] };
    }
    case RulePreset.VILLAGERS_MEETING: {
      // 村民会议: more than half of the villagers, or two thirds of the households.
      if (rule.electorate === Electorate.HOUSEHOLDS) {
        const met = atLeastTwoThirds(f.cast, f.eligible);
        return { met, explanation: [turnout(met, 'voteTwoThirds')] };
      }
      const met = moreThanHalf(f.cast, f.eligible);
      return { met, explanation: [turnout(met, 'voteMoreThanHalf')] };
    }
    case RulePreset.VILLAGER_REPRESENTATIVES: {
      const met = atLeastTwoThirds(f.cast, f.eligible);
      return { met, explanation: [turnout(met, 'voteTwoThirds')] };
    }
    case RulePreset.OWNERS_ORDINARY:
    case RulePreset.OWNERS_MAJOR: {
      // Both counts: the owners by head and by exclusive floor area, each at least two thirds.
      const heads = f.cast > 0 && atLeastTwoThirds(f.cast, f.eligible);
      const area =
        cents(f.participatingArea) > 0 && atLeastTwoThirds(cents(f.participatingArea), cents(f.eligibleArea));
      return {
        met: heads && area,
        explanation: [
          turnout(heads, 'voteTwoThirds'),
          {
            key: 'voteExplainTurnoutArea',
            params: {
              area: areaText(f.participatingArea),
              total: areaText(f.eligibleArea),
              verdict: verdict(area, 'voteTwoThirds'),
            },
          },
        ],
      };
    }
  }
}

/** The option that carries, if any: YES for YES_NO_ABSTAIN, otherwise the one with the most votes (a tie: none). */
function favoured(method: VoteMethod, options: readonly OptionTally[]): OptionTally | { tie: OptionTally[] } | null {
  if (method === VoteMethod.YES_NO_ABSTAIN) return options.find((o) => o.systemKey === 'YES') ?? null;
  const top = Math.max(0, ...options.map((o) => o.count));
  if (top === 0) return null;
  const leaders = options.filter((o) => o.count === top);
  return leaders.length === 1 ? leaders[0]! : { tie: leaders };
}

const optionName = (option: OptionTally) => (option.systemKey ? `@voteOption${option.systemKey}` : option.label);

/** Whether the favoured option carries, by the rule (the quorum aside). */
export function passCheck(rule: VoteRule, f: Figures): Check {
  const choice = favoured(rule.method, f.options);
  if (choice === null) return { met: false, explanation: [{ key: 'voteExplainNoChoice' }] };
  if ('tie' in choice) {
    return {
      met: false,
      explanation: [
        {
          key: 'voteExplainTie',
          params: { count: choice.tie[0]!.count, options: choice.tie.map((o) => o.label).join('、') },
        },
      ],
    };
  }
  const option = optionName(choice);
  const ofCast = (met: boolean, kind: Verdict): Translatable => ({
    key: 'voteExplainFor',
    params: { option, count: choice.count, cast: f.cast, verdict: verdict(met, kind) },
  });
  switch (rule.rulePreset) {
    case RulePreset.CUSTOM: {
      // Votes cast leave out abstentions (they count for the turnout only).
      const counted =
        rule.method === VoteMethod.YES_NO_ABSTAIN
          ? f.options.filter((o) => o.systemKey !== 'ABSTAIN').reduce((sum, o) => sum + o.count, 0)
          : f.cast;
      if (counted === 0) return { met: false, explanation: [{ key: 'voteExplainAllAbstained' }] };
      const twoThirds = rule.threshold === Threshold.TWO_THIRDS;
      const met = twoThirds ? atLeastTwoThirds(choice.count, counted) : moreThanHalf(choice.count, counted);
      return {
        met,
        explanation: [
          {
            key: 'voteExplainCounted',
            params: {
              option,
              count: choice.count,
              counted,
              verdict: verdict(met, twoThirds ? 'voteTwoThirds' : 'voteMoreThanHalf'),
            },
          },
        ],
      };
    }
    case RulePreset.RESIDENTS_MEETING:
    case RulePreset.VILLAGERS_MEETING:
    case RulePreset.VILLAGER_REPRESENTATIVES: {
      // A majority of those who took part: an abstention counts against.
      const met = moreThanHalf(choice.count, f.cast);
      return { met, explanation: [ofCast(met, 'voteMoreThanHalf')] };
    }
    case RulePreset.OWNERS_ORDINARY:
    case RulePreset.OWNERS_MAJOR: {
      const major = rule.rulePreset === RulePreset.OWNERS_MAJOR;
      const passes = major ? atLeastThreeQuarters : moreThanHalf;
      const kind: Verdict = major ? 'voteThreeQuarters' : 'voteMoreThanHalf';
      const heads = passes(choice.count, f.cast);
      const area = passes(cents(choice.area), cents(f.participatingArea));
      return {
        met: heads && area,
        explanation: [
          ofCast(heads, kind),
          {
            key: 'voteExplainForArea',
            params: {
              option,
              area: areaText(choice.area),
              total: areaText(f.participatingArea),
              verdict: verdict(area, kind),
            },
          },
        ],
      };
    }
  }
}

/** The outcome of a closed vote and why, from its figures. */
export function decide(rule: VoteRule, f: Figures): Decision {
  const quorum = quorumCheck(rule, f);
  if (!quorum.met) return { outcome: VoteOutcome.NO_QUORUM, quorumMet: false, explanation: quorum.explanation };
  const pass = passCheck(rule, f);
  return {
    outcome: pass.met ? VoteOutcome.PASSED : VoteOutcome.FAILED,
    quorumMet: true,
    explanation: [...quorum.explanation, ...pass.explanation],
  };
}

/** The counts per option from the ballots (each ballot's options, the flat's area for OWNERS). */
export function tally(
  options: readonly Omit<OptionTally, 'count' | 'area'>[],
  ballots: readonly { optionIds: readonly number[]; floorArea?: number | null }[],
): OptionTally[] {
  const counts = new Map(options.map((o) => [o.optionId, { count: 0, area: 0 }]));
  for (const ballot of ballots) {
    for (const id of new Set(ballot.optionIds)) {
      const entry = counts.get(id);
      if (!entry) continue;
      entry.count += 1;
      entry.area += ballot.floorArea ?? 0;
    }
  }
  return options.map((o) => ({ ...o, ...counts.get(o.optionId)! }));
}

/** Why a ballot's choice is refused, or null: options of this vote, as many as the method allows. */
export function choiceError(
  method: VoteMethod,
  maxChoices: number,
  chosen: readonly number[],
  optionIds: readonly number[],
): Translatable | null {
  if (chosen.length === 0) return { key: 'voteChooseOne' };
  if (new Set(chosen).size !== chosen.length) return { key: 'voteChoiceTwice' };
  if (chosen.some((id) => !optionIds.includes(id))) return { key: 'voteOptionUnknown' };
  const max = method === VoteMethod.MULTIPLE_CHOICE ? maxChoices : 1;
  if (chosen.length > max) return { key: 'voteTooManyChoices', params: { max } };
  return null;
}

/** What openVote is given that the rules judge (ids and the electorate are looked up by the service). */
export interface OpenVoteFacts {
  method: VoteMethod;
  options?: readonly string[] | null;
  maxChoices?: number | null;
  electorate: Electorate;
  rulePreset: RulePreset;
  quorum?: number | null;
  closesAt: Date;
  meetingId?: string | null;
  areaId?: string | null;
  committeeId?: string | null;
}

/** The options a vote gets: YES_NO_ABSTAIN's own, or the given labels trimmed. */
export function optionsFor(facts: Pick<OpenVoteFacts, 'method' | 'options'>) {
  if (facts.method === VoteMethod.YES_NO_ABSTAIN) return YES_NO_ABSTAIN_OPTIONS;
  return (facts.options ?? []).map((label) => ({ systemKey: null, label: label.trim() }));
}

/** The field errors of an openVote input, judged without the database; empty when it is fine. */
export function openVoteErrors(facts: OpenVoteFacts, now: Date): FieldErrors {
  const errors: FieldErrors = {};
  if (facts.method !== VoteMethod.YES_NO_ABSTAIN) {
    const labels = (facts.options ?? []).map((label) => label.trim());
    if (labels.length < VOTE_OPTIONS_MIN || labels.length > VOTE_OPTIONS_MAX)
      errors.options = { key: 'voteOptionsCount', params: { min: VOTE_OPTIONS_MIN, max: VOTE_OPTIONS_MAX } };
    else if (labels.some((label) => label === '')) errors.options = { key: 'voteOptionEmpty' };
    else if (labels.some((label) => [...label].length > VOTE_OPTION_LABEL_MAX))
      errors.options = { key: 'tooLong', params: { max: VOTE_OPTION_LABEL_MAX } };
    else if (new Set(labels).size !== labels.length) errors.options = { key: 'voteOptionsRepeat' };
  } else if (facts.options?.length) {
    errors.options = { key: 'voteOptionsBySystem' };
  }
  const maxChoices = facts.maxChoices ?? null;
  if (facts.method === VoteMethod.MULTIPLE_CHOICE) {
    const count = facts.options?.length ?? 0;
    if (maxChoices === null || !Number.isInteger(maxChoices) || maxChoices < 2 || maxChoices > Math.max(2, count))
      errors.maxChoices = { key: 'voteMaxChoicesRange', params: { max: Math.max(2, count) } };
  } else if (maxChoices !== null && maxChoices !== 1) {
    errors.maxChoices = { key: 'voteMaxChoicesSingle' };
  }
  if (facts.closesAt.getTime() <= now.getTime()) errors.closesAt = { key: 'voteClosesInPast' };
  else if (facts.closesAt.getTime() > now.getTime() + VOTE_MAX_DAYS * 86_400_000)
    errors.closesAt = { key: 'voteClosesTooLate', params: { days: VOTE_MAX_DAYS } };
  const quorum = facts.quorum ?? null;
  if (facts.rulePreset === RulePreset.CUSTOM) {
    if (quorum !== null && !(Number.isFinite(quorum) && quorum > 0 && quorum <= 1))
      errors.quorum = { key: 'voteQuorumRange' };
  } else if (quorum !== null) {
    errors.quorum = { key: 'voteQuorumByPreset' };
  }
  if (!presetFits(facts.rulePreset, facts.electorate))
    errors.rulePreset = { key: 'votePresetElectorate', params: { electorate: facts.electorate } };
  if (facts.electorate === Electorate.PARTICIPANTS && !facts.meetingId) errors.meetingId = { key: 'voteNeedsMeeting' };
  if (facts.electorate === Electorate.COMMITTEE && !facts.meetingId && !facts.committeeId)
    errors.committeeId = { key: 'voteNeedsCommittee' };
  if (!facts.meetingId && !facts.areaId && !facts.committeeId) errors.areaId = { key: 'required' };
  return errors;
}

/** Whether a ballot may be cast now. */
export function acceptsBallots(vote: { closedAt?: Date | null; opensAt: Date; closesAt: Date }, now: Date): boolean {
  return !vote.closedAt && vote.opensAt.getTime() <= now.getTime() && now.getTime() < vote.closesAt.getTime();
}

/** When the result leaves the board: the publicity period (公示期) after publishing. */
export function publicityEnd(publishedAt: Date): Date {
  return new Date(publishedAt.getTime() + VOTE_PUBLICITY_DAYS * 86_400_000);
}

export interface VoteActionFacts {
  acceptsBallots: boolean;
  closed: boolean;
  eligible: boolean;
  hasVoted: boolean;
  /** RUN_VOTES over the vote's area. */
  mayRun: boolean;
  /** Published and within its publicity period. */
  inPublicity: boolean;
  /** Signed in, and living in the vote's area or an elector. */
  mayObject: boolean;
}

/** What the viewer may do with a vote now. */
export function voteActions(f: VoteActionFacts): VoteAction[] {
  const actions: VoteAction[] = [];
  if (f.acceptsBallots && f.eligible && !f.hasVoted) actions.push(VoteAction.CAST);
  if (f.acceptsBallots && f.mayRun) actions.push(VoteAction.RECORD_PAPER_BALLOT);
  if (!f.closed && f.mayRun) actions.push(VoteAction.CLOSE);
  if (f.mayRun) actions.push(VoteAction.VIEW_VOTERS);
  if (f.inPublicity && f.mayObject) actions.push(VoteAction.OBJECT);
  return actions;
}

/** The results a viewer may see: never those of a secret vote before it closes. */
export function resultsVisible(vote: { secret: boolean; closedAt?: Date | null }): boolean {
  return !vote.secret || !!vote.closedAt;
}
