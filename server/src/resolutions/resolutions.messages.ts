import { defineMessages } from '../platform/i18n/messages.js';

/** The resolutions' errors and stored words. */
export const resolutionsMessages = defineMessages({
  'zh-CN': {
    resolutionOneOwner: '请选择一位负责人或一个负责单位（只选一个）。',
    resolutionDueInPast: '完成期限要在现在之后。',
    resolutionDueTooLate: '完成期限最多在 {days} 天之后。',
    resolutionPercentRange: '进度是 0 到 100 之间的整数。',
    resolutionPercentBelow: '进度不能低于上次的 {last}%。',
    resolutionPhotoNotUsable: '照片不存在，或已用在别处。',
    resolutionTooManyPhotos: '每次最多 {max} 张照片。',
    resolutionChangedMeanwhile: '这条决议刚被其他人更新，请刷新后再试。',
    resolutionProjectDescription: '由表决「{vote}」通过的决议转为项目。',
    'resolutionAudit.title': '决议',
    'resolutionAudit.ownerUser': '负责人',
    'resolutionAudit.dueAt': '完成期限',
    'resolutionAudit.percent': '进度（%）',
    'resolutionAudit.note': '进展说明',
  },
  en: {
    resolutionOneOwner: 'Choose one person or one unit in charge (exactly one).',
    resolutionDueInPast: 'The due date must be in the future.',
    resolutionDueTooLate: 'The due date may be at most {days} days away.',
    resolutionPercentRange: 'Progress is a whole number from 0 to 100.',
    resolutionPercentBelow: 'Progress cannot go below the last update’s {last}%.',
    resolutionPhotoNotUsable: 'The photo does not exist or is used elsewhere.',
    resolutionTooManyPhotos: 'At most {max} photos per update.',
    resolutionChangedMeanwhile: 'Someone else just updated this resolution; reload and try again.',
    resolutionProjectDescription: 'A project made from the resolution of the vote “{vote}”.',
    'resolutionAudit.title': 'Resolution',
    'resolutionAudit.ownerUser': 'In charge',
    'resolutionAudit.dueAt': 'Due',
    'resolutionAudit.percent': 'Progress (%)',
    'resolutionAudit.note': 'Note',
  },
});
