import { Field, Float, Int, ObjectType } from 'type-graphql';

/**
 * 共建评价: what a unit pledged and delivered in a period, how residents rated the needs it
 * resolved, and what it contributed to projects. A plain function of counts, so the score of one
 * unit, the ranking's SQL and the export all agree (the ranking orders by POINTS_SQL, the same
 * formula), and so it is tested without a database.
 */

/** What the database counts for one unit and period. */
export interface UnitScoreCounts {
  pledges: number;
  fulfilled: number;
  partial: number;
  notFulfilled: number;
  withdrawn: number;
  /** PLEDGED, not yet confirmed. */
  open: number;
  /** Open and past their date now. */
  overdue: number;
  /** Settled (FULFILLED, PARTIAL, NOT_FULFILLED) pledges that had a due date. */
  settledWithDue: number;
  /** Of those, FULFILLED or PARTIAL settled by the due date. */
  onTime: number;
  /** Needs assigned to the unit that residents rated, and the sum of their ratings (1–5). */
  ratedNeeds: number;
  ratingSum: number;
  /** Contributions to projects, in yuan. */
  contributionValue: number;
}

@ObjectType({
  description: '共建评价: a unit’s pledges, their outcomes, residents’ ratings and contributions over a period',
})
export class UnitScore {
  @Field(() => Int)
  pledges: number;

  @Field(() => Int)
  fulfilled: number;

  @Field(() => Int)
  partial: number;

  @Field(() => Int)
  notFulfilled: number;

  @Field(() => Int)
  withdrawn: number;

  @Field(() => Int, { description: 'PLEDGED, not yet confirmed' })
  open: number;

  @Field(() => Int, { description: 'Open pledges past their date' })
  overdue: number;

  @Field(() => Float, { nullable: true, description: '(fulfilled + partial/2) / settled; null when none settled' })
  fulfilmentRate: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Settled FULFILLED or PARTIAL by the due date, of those with a due date; null when none',
  })
  onTimeRate: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Residents’ ratings (1–5) of the needs it resolved; null when none rated',
  })
  averageRating: number | null;

  @Field(() => Int)
  ratedNeeds: number;

  @Field(() => Float, { description: 'Contributions to projects, in yuan' })
  contributionValue: number;

  @Field(() => Float, {
    nullable: true,
    description: 'The one figure the ranking sorts by (see units.score.ts); null when there is nothing to score',
  })
  points: number | null;
}

/**
 * The weights of POINTS: a pledge fulfilled is worth 10, partly 5, not at all −5 (a promise
 * broken costs more than none made), on time +2 more; each rated need adds 2 per star above 3
 * (a 1-star need takes 4 away); contributions add 10 per tenfold of a thousand yuan (10 000 元
 * is about 10 points, 100 000 元 about 20), so money alone does not buy the top.
 */
export const POINTS = {
  fulfilled: 10,
  partial: 5,
  notFulfilled: -5,
  onTime: 2,
  perStarAboveThree: 2,
  contributionPerTenfold: 10,
  contributionUnit: 1000,
} as const;

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The score of the counts: rates null (not 0) when there is nothing to divide by; points null when there is nothing to score. */
export function unitScore(counts: UnitScoreCounts): UnitScore {
  const settled = counts.fulfilled + counts.partial + counts.notFulfilled;
  const fulfilmentRate = ratio(counts.fulfilled + counts.partial / 2, settled);
  const onTimeRate = ratio(counts.onTime, counts.settledWithDue);
  const averageRating = ratio(counts.ratingSum, counts.ratedNeeds);
  const scored = settled > 0 || counts.ratedNeeds > 0 || counts.contributionValue > 0;
  return {
    pledges: counts.pledges,
    fulfilled: counts.fulfilled,
    partial: counts.partial,
    notFulfilled: counts.notFulfilled,
    withdrawn: counts.withdrawn,
    open: counts.open,
    overdue: counts.overdue,
    fulfilmentRate: fulfilmentRate === null ? null : round(fulfilmentRate, 4),
    onTimeRate: onTimeRate === null ? null : round(onTimeRate, 4),
    averageRating: averageRating === null ? null : round(averageRating, 2),
    ratedNeeds: counts.ratedNeeds,
    contributionValue: counts.contributionValue,
    points: scored ? round(rawPoints(counts), 1) : null,
  };
}

function rawPoints(c: UnitScoreCounts): number {
  return (
    c.fulfilled * POINTS.fulfilled +
    c.partial * POINTS.partial +
    c.notFulfilled * POINTS.notFulfilled +
    c.onTime * POINTS.onTime +
    (c.ratingSum - 3 * c.ratedNeeds) * POINTS.perStarAboveThree +
    POINTS.contributionPerTenfold * Math.log10(1 + c.contributionValue / POINTS.contributionUnit)
  );
}

/**
 * The same points in SQL over columns named as UnitScoreCounts (snake_case), for ORDER BY;
 * null when nothing to score. Built from POINTS, so the two cannot drift (pledges-score.test.ts
 * checks them against each other).
 */
export const POINTS_SQL = `case when fulfilled + partial + not_fulfilled > 0 or rated_needs > 0 or contribution_value > 0
  then round((fulfilled * ${POINTS.fulfilled} + partial * ${POINTS.partial} + not_fulfilled * (${POINTS.notFulfilled})
    + on_time * ${POINTS.onTime} + (rating_sum - 3 * rated_needs) * ${POINTS.perStarAboveThree}
    + ${POINTS.contributionPerTenfold} * log(1 + contribution_value / ${POINTS.contributionUnit}.0))::numeric, 1)
  end`;

/** Counts of nothing: a unit without pledges, ratings or contributions in the period. */
export const NO_COUNTS: UnitScoreCounts = {
  pledges: 0,
  fulfilled: 0,
  partial: 0,
  notFulfilled: 0,
  withdrawn: 0,
  open: 0,
  overdue: 0,
  settledWithDue: 0,
  onTime: 0,
  ratedNeeds: 0,
  ratingSum: 0,
  contributionValue: 0,
};
