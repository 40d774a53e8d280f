import { defineMessages } from '../platform/i18n/messages.js';

/** Attendance's errors, and the words the audit log reads its changes with. */
export const attendanceMessages = defineMessages({
  'zh-CN': {
    attendanceOneForm: '请二选一：由组织者按报名记录签到（signupId），或由志愿者本人用签到码（shiftId 和 code）。',
    attendanceCodeWrong: '签到码不对或已过期，请看现场最新的签到码。',
    attendanceCodeUsed: '这个签到码您刚刚已经用过了，请等现场显示新的签到码。',
    attendanceDailyLimit: '同一活动每人每天最多签到 {max} 次，今天的次数已用完，请联系组织者。',
    attendanceShiftFull: '这个班次已经满员。',
    attendanceOutsideShift: '时间要在班次开始前 {margin} 分钟到结束后 {margin} 分钟之间。',
    checkOutBeforeCheckIn: '签退时间要晚于签到时间。',
    checkOutInFuture: '签退时间不能晚于现在。',
    attendanceAtForOrganisers: '只有组织者补记签退时可以填写签退时间。',
    attendanceNotVolunteer: '请先登记成为志愿者，再用签到码签到。',
    attendanceAlreadyCheckedIn: '已经签到了。',
    attendanceAlreadyCheckedOut: '已经签退了。',
    attendanceAlreadyRecorded: '这位志愿者在这个班次已有记录。',
    'attendanceAudit.volunteer': '志愿者',
    'attendanceAudit.at': '时间',
    'attendanceAudit.checkedInAt': '签到时间',
    'attendanceAudit.checkedOutAt': '签退时间',
    'attendanceAudit.minutes': '记录时长（分钟）',
  },
  en: {
    attendanceOneForm:
      'Give either the sign-up (an organiser checking someone in) or the shift and the code (the volunteer), not both.',
    attendanceCodeWrong: 'The code is wrong or has expired; enter the one shown on site now.',
    attendanceCodeUsed: 'You have just used this code; wait for the next one on the screen.',
    attendanceDailyLimit:
      'At most {max} check-ins per person and activity a day; today’s are used up. Ask an organiser.',
    attendanceShiftFull: 'This shift is full.',
    attendanceOutsideShift:
      'The time must lie between {margin} minutes before the shift and {margin} minutes after it.',
    checkOutBeforeCheckIn: 'The check-out must come after the check-in.',
    checkOutInFuture: 'The check-out cannot lie in the future.',
    attendanceAtForOrganisers: 'Only an organiser closing a forgotten check-out gives its time.',
    attendanceNotVolunteer: 'Become a volunteer first, then check in with the code.',
    attendanceAlreadyCheckedIn: 'Already checked in.',
    attendanceAlreadyCheckedOut: 'Already checked out.',
    attendanceAlreadyRecorded: 'This volunteer already has a record for this shift.',
    'attendanceAudit.volunteer': 'Volunteer',
    'attendanceAudit.at': 'Time',
    'attendanceAudit.checkedInAt': 'Checked in',
    'attendanceAudit.checkedOutAt': 'Checked out',
    'attendanceAudit.minutes': 'Recorded (minutes)',
  },
});
