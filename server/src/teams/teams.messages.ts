import { defineMessages } from '../platform/i18n/messages.js';

/** The teams' errors and stored words. */
export const teamsMessages = defineMessages({
  'zh-CN': {
    teamNameTaken: '该区域已有同名的志愿服务队。',
    teamAlreadyMember: '您已是该队成员。',
    teamLastLeader: '队里至少要有一位队长：请先任命另一位队长。',
    teamNoReason: '未说明原因',
    teamTooManyLeaders: '最多 {max} 位队长。',
    teamNotVolunteer: '请先注册为志愿者（未成年人需监护人同意后）。',
    'teamAudit.name': '队名',
    'teamAudit.member': '成员',
    'teamAudit.role': '角色',
    'teamAudit.status': '状态',
  },
  en: {
    teamNameTaken: 'The area already has a team of that name.',
    teamAlreadyMember: 'You are already a member of this team.',
    teamLastLeader: 'A team needs a leader: make someone else a leader first.',
    teamNoReason: 'no reason given',
    teamTooManyLeaders: 'At most {max} leaders.',
    teamNotVolunteer: 'Become a volunteer first (a minor once a guardian has consented).',
    'teamAudit.name': 'Name',
    'teamAudit.member': 'Member',
    'teamAudit.role': 'Role',
    'teamAudit.status': 'Status',
  },
});
