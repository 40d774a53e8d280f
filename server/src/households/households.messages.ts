import { defineMessages } from '../platform/i18n/messages.js';

/** The households' errors and the words of their audit entries. */
export const householdsMessages = defineMessages({
  'zh-CN': {
    householdBuildingOnly: '住户要登记在楼栋上。',
    householdLabelTaken: '这栋楼已登记了这个房号。',
    householdFloorAreaRange: '面积要大于 0，最多 {max} 平方米。',
    notHouseholdMember: '此人不是这一户的成员。',
    representativeMustBeAdult: '户代表要是这一户的成年成员。',
    'householdAudit.label': '房号',
    'householdAudit.floorArea': '专有面积（平方米）',
    'householdAudit.isOwner': '业主',
    'householdAudit.adult': '成年',
    'householdAudit.representative': '户代表',
    'householdAudit.yesNo.true': '是',
    'householdAudit.yesNo.false': '否',
  },
  en: {
    householdBuildingOnly: 'Households are registered on a building.',
    householdLabelTaken: 'This flat is already registered in the building.',
    householdFloorAreaRange: 'The floor area must be more than 0 and at most {max} m².',
    notHouseholdMember: 'This person is not a member of the household.',
    representativeMustBeAdult: 'The representative must be an adult member of the household.',
    'householdAudit.label': 'Flat',
    'householdAudit.floorArea': 'Floor area (m²)',
    'householdAudit.isOwner': 'Owner',
    'householdAudit.adult': 'Adult',
    'householdAudit.representative': 'Representative',
    'householdAudit.yesNo.true': 'Yes',
    'householdAudit.yesNo.false': 'No',
  },
});
