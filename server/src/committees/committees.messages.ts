import { defineMessages } from '../platform/i18n/messages.js';

/** The committees' errors and the words of their audit entries. */
export const committeesMessages = defineMessages({
  'zh-CN': {
    committeeKindArea: '大工委设在街道，大党委设在社区或村，联席会议设在街道、社区或村。',
    committeeTermOrder: '任期结束要晚于开始。',
    committeeTermTooLong: '任期最长 {years} 年。',
    alreadyCommitteeMember: '此人已是该委员会成员。',
    committeeUnitPartTimeOnly: '只有兼职委员填写所在单位。',
    'committeeAudit.name': '名称',
    'committeeAudit.kind': '类型',
    'committeeAudit.termStart': '任期开始',
    'committeeAudit.termEnd': '任期结束',
    'committeeAudit.seat': '席位',
    'committeeAudit.title': '职务',
    'committeeKind.STREET_WORKING_COMMITTEE': '街道大工委',
    'committeeKind.COMMUNITY_PARTY_COMMITTEE': '社区大党委',
    'committeeKind.JOINT_MEETING': '联席会议',
    'seat.STANDING': '专职',
    'seat.PART_TIME': '兼职',
  },
  en: {
    committeeKindArea:
      'A street working committee sits on a street, a community party committee on a community or village, a joint meeting on either.',
    committeeTermOrder: 'The term must end after it starts.',
    committeeTermTooLong: 'A term lasts at most {years} years.',
    alreadyCommitteeMember: 'This person is already a member of the committee.',
    committeeUnitPartTimeOnly: 'Only a part-time member names the unit they come from.',
    'committeeAudit.name': 'Name',
    'committeeAudit.kind': 'Kind',
    'committeeAudit.termStart': 'Term starts',
    'committeeAudit.termEnd': 'Term ends',
    'committeeAudit.seat': 'Seat',
    'committeeAudit.title': 'Title',
    'committeeKind.STREET_WORKING_COMMITTEE': 'Street working committee',
    'committeeKind.COMMUNITY_PARTY_COMMITTEE': 'Community party committee',
    'committeeKind.JOINT_MEETING': 'Joint meeting',
    'seat.STANDING': 'Standing',
    'seat.PART_TIME': 'Part-time',
  },
});
