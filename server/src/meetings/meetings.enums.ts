import { registerEnumType } from 'type-graphql';

export enum MeetingKind {
  RESIDENT_COUNCIL = 'RESIDENT_COUNCIL',
  GRASSROOTS_PARLIAMENT = 'GRASSROOTS_PARLIAMENT',
  COMMITTEE = 'COMMITTEE',
  JOINT_MEETING = 'JOINT_MEETING',
  HEARING = 'HEARING',
}
registerEnumType(MeetingKind, {
  name: 'MeetingKind',
  description: '居民议事会, 草根议会, committee meeting, 联席会议, 听证会',
});

export enum ParticipantRole {
  RESIDENT = 'RESIDENT',
  HOUSEHOLD_REPRESENTATIVE = 'HOUSEHOLD_REPRESENTATIVE',
  UNIT_CONTACT = 'UNIT_CONTACT',
  COMMITTEE_MEMBER = 'COMMITTEE_MEMBER',
}
registerEnumType(ParticipantRole, { name: 'ParticipantRole', description: 'In what capacity a person takes part' });

export enum CheckInMethod {
  /** The participant entered the code shown in the room (or scanned its QR). */
  CODE = 'CODE',
  /** Staff checked them in (paper sign-in sheet, no phone). */
  STAFF = 'STAFF',
}
registerEnumType(CheckInMethod, { name: 'CheckInMethod' });

export enum MeetingAction {
  CHECK_IN = 'CHECK_IN',
  CHECK_IN_OTHERS = 'CHECK_IN_OTHERS',
  SHOW_CHECK_IN_CODE = 'SHOW_CHECK_IN_CODE',
  WRITE_MINUTES = 'WRITE_MINUTES',
  PUBLISH_MINUTES = 'PUBLISH_MINUTES',
  OPEN_VOTE = 'OPEN_VOTE',
  CANCEL = 'CANCEL',
}
registerEnumType(MeetingAction, { name: 'MeetingAction', description: 'What the viewer may do with a meeting now' });
