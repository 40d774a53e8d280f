import { defineMessages } from '../platform/i18n/messages.js';

export const areasMessages = defineMessages({
  'zh-CN': {
    areaNameTaken: '同一上级下已有同名区域。',
    areaKindMisfit: '“{child}”不能设在“{parent}”之下。',
    rootAreaNotAllowed: '街道只能由系统管理员用命令行创建。',
    // field labels of the audit log's changes
    'areaAudit.name': '名称',
    'areaAudit.kind': '层级',
    // area kinds, used inside other messages as '@STREET' etc.
    STREET: '街道',
    COMMUNITY: '社区',
    VILLAGE: '村',
    GRID: '网格',
    BUILDING: '楼栋',
  },
  en: {
    areaNameTaken: 'An area with this name already exists under the same parent.',
    areaKindMisfit: 'A {child} cannot be placed under a {parent}.',
    rootAreaNotAllowed: 'Streets are created by the system operator on the command line.',
    'areaAudit.name': 'Name',
    'areaAudit.kind': 'Level',
    STREET: 'street',
    COMMUNITY: 'community',
    VILLAGE: 'village',
    GRID: 'grid',
    BUILDING: 'building',
  },
});
