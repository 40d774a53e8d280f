import { registerEnumType } from 'type-graphql';

export enum CommitteeKind {
  STREET_WORKING_COMMITTEE = 'STREET_WORKING_COMMITTEE',
  COMMUNITY_PARTY_COMMITTEE = 'COMMUNITY_PARTY_COMMITTEE',
  JOINT_MEETING = 'JOINT_MEETING',
}
registerEnumType(CommitteeKind, {
  name: 'CommitteeKind',
  description: '街道大工委, 社区大党委, or a joint meeting (联席会议) of an area',
});

export enum Seat {
  STANDING = 'STANDING',
  PART_TIME = 'PART_TIME',
}
registerEnumType(Seat, {
  name: 'Seat',
  description: 'A standing member, or a part-time member (兼职委员), usually from a resident unit',
});

export enum CommitteeAction {
  MANAGE_MEMBERS = 'MANAGE_MEMBERS',
  SCHEDULE_MEETING = 'SCHEDULE_MEETING',
}
registerEnumType(CommitteeAction, {
  name: 'CommitteeAction',
  description: 'What the viewer may do with a committee now',
});
