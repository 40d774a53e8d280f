import { registerEnumType } from 'type-graphql';

export enum AttendanceMethod {
  /** The volunteer entered the rotating code shown on site. */
  CODE = 'CODE',
  /** An organiser (or a grid worker) checked the volunteer in or out. */
  ORGANISER = 'ORGANISER',
  /** 补录 from a paper sign-in sheet. */
  PAPER = 'PAPER',
}
registerEnumType(AttendanceMethod, { name: 'AttendanceMethod' });
