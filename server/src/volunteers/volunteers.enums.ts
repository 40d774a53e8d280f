import { registerEnumType } from 'type-graphql';

/** The skills a volunteer offers and an activity asks for (free tags sit beside them). */
export enum VolunteerSkill {
  ELDERLY_CARE = 'ELDERLY_CARE',
  CHILD_CARE = 'CHILD_CARE',
  TUTORING = 'TUTORING',
  DISABILITY_SUPPORT = 'DISABILITY_SUPPORT',
  MEDICAL = 'MEDICAL',
  FIRST_AID = 'FIRST_AID',
  PSYCHOLOGICAL_SUPPORT = 'PSYCHOLOGICAL_SUPPORT',
  LEGAL_ADVICE = 'LEGAL_ADVICE',
  REPAIR = 'REPAIR',
  CLEANING = 'CLEANING',
  GREENING = 'GREENING',
  PUBLICITY = 'PUBLICITY',
  PHOTOGRAPHY = 'PHOTOGRAPHY',
  IT_HELP = 'IT_HELP',
  DRIVING = 'DRIVING',
  CULTURE_SPORTS = 'CULTURE_SPORTS',
  ORDER_KEEPING = 'ORDER_KEEPING',
  TRANSLATION = 'TRANSLATION',
}
registerEnumType(VolunteerSkill, {
  name: 'VolunteerSkill',
  description: 'A skill a volunteer offers or an activity wants',
});

export enum VolunteerAvailability {
  WEEKDAY_MORNING = 'WEEKDAY_MORNING',
  WEEKDAY_AFTERNOON = 'WEEKDAY_AFTERNOON',
  WEEKDAY_EVENING = 'WEEKDAY_EVENING',
  WEEKEND_MORNING = 'WEEKEND_MORNING',
  WEEKEND_AFTERNOON = 'WEEKEND_AFTERNOON',
  WEEKEND_EVENING = 'WEEKEND_EVENING',
}
registerEnumType(VolunteerAvailability, {
  name: 'VolunteerAvailability',
  description: 'When a volunteer is usually free',
});

export enum VolunteerStatus {
  ACTIVE = 'ACTIVE',
  /** Under 14: waits for staff to record a guardian's consent; holds no VOLUNTEER role meanwhile. */
  AWAITING_CONSENT = 'AWAITING_CONSENT',
}
registerEnumType(VolunteerStatus, { name: 'VolunteerStatus' });

/** The parts of a volunteer record (志愿服务记录, Art. 4) beside service: training, awards, evaluations. */
export enum RecordNoteKind {
  TRAINING = 'TRAINING',
  AWARD = 'AWARD',
  EVALUATION = 'EVALUATION',
}
registerEnumType(RecordNoteKind, { name: 'RecordNoteKind' });
