import { defineMessages } from '../platform/i18n/messages.js';

export const auditMessages = defineMessages({
  'zh-CN': {
    auditFilterTooLong: '最多选 {max} 项。',
  },
  en: {
    auditFilterTooLong: 'Choose at most {max}.',
  },
});
