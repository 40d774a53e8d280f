import type { FieldErrors } from '../platform/errors.js';
import { ObjectionAction } from './board.enums.js';
import { OBJECTION_REASON_MIN } from './board.limits.js';

/** What a published result's publicity rests on: set when the vote is closed and published. */
export interface Publicity {
  publishedAt?: Date | null;
  publicityEndsAt?: Date | null;
}

/** Published and its publicity period (公示期) not over: objections may be lodged. */
export function inPublicity(vote: Publicity, now: Date): boolean {
  return !!vote.publishedAt && !!vote.publicityEndsAt && vote.publishedAt <= now && now < vote.publicityEndsAt;
}

/** A reason long enough to be one (the maximum is the input's own validation); counted in characters, trimmed. */
export function objectionReasonErrors(reason: string): FieldErrors {
  return [...reason.trim()].length < OBJECTION_REASON_MIN
    ? { reason: { key: 'objectionReasonTooShort', params: { min: OBJECTION_REASON_MIN } } }
    : {};
}

/** Who may lodge one: a person whose home lies in the vote's area, or who was in its electorate. */
export function mayObject(facts: { livesInArea: boolean; wasElector: boolean }): boolean {
  return facts.livesInArea || facts.wasElector;
}

/** ANSWER for those who answer objections over the vote's area, while it is unanswered (answers are final). */
export function objectionActions(facts: { answers: boolean; answered: boolean }): ObjectionAction[] {
  return facts.answers && !facts.answered ? [ObjectionAction.ANSWER] : [];
}

/** The author is named to the staff who answer and to the author; to everyone else the objection is anonymous. */
export function showsObjectionAuthor(facts: { isAuthor: boolean; answers: boolean }): boolean {
  return facts.isAuthor || facts.answers;
}
