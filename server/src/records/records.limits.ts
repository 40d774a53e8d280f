// Plain constants with no imports: the server validates with them and the web app imports them.

/** A correction by the organiser says why (from 2 to 500 characters). */
export const VERIFY_REASON_MIN = 2;
export const VERIFY_REASON_MAX = 500;
/** A volunteer's request says what is wrong (5 to 500 characters). */
export const CORRECTION_REASON_MIN = 5;
export const CORRECTION_REASON_MAX = 500;
/** The organiser's answer to a request. */
export const CORRECTION_ANSWER_MIN = 2;
export const CORRECTION_ANSWER_MAX = 500;
/** Staff withholding a star say why. */
export const WITHHOLD_REASON_MIN = 2;
export const WITHHOLD_REASON_MAX = 500;
/** A correction may be asked up to this many days after the shift ended. */
export const CORRECTION_WINDOW_DAYS = 90;
/** The organiser answers within this many working days. */
export const CORRECTION_ANSWER_WORKING_DAYS = 5;
/** A star stays on the community's board this many working days before it is awarded. */
export const STAR_NOTICE_WORKING_DAYS = 5;
