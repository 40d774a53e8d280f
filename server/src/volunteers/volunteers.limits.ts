// Plain constants with no imports: the server validates with them and the web app imports them.

/** Under this age (in whole years, Asia/Shanghai) a volunteer needs a guardian's consent recorded by staff. */
export const VOLUNTEER_CONSENT_AGE = 14;
/** The oldest age a birth date may give (a typo guard, not a rule about who may serve). */
export const VOLUNTEER_MAX_AGE = 100;
export const VOLUNTEER_TAGS_MAX = 10;
export const VOLUNTEER_TAG_MAX_LENGTH = 20;
export const VOLUNTEER_AREAS_MIN = 1;
export const VOLUNTEER_AREAS_MAX = 10;
export const GUARDIAN_NAME_MAX = 50;
export const GUARDIAN_RELATION_MAX = 20;
export const RECORD_NOTE_TITLE_MAX = 100;
export const RECORD_NOTE_DETAIL_MAX = 1000;
export const RECORD_NOTE_ISSUER_MAX = 100;
/** Training hours one note may carry (the column's check). */
export const RECORD_NOTE_HOURS_MAX = 1000;
