import { defineMessages } from '../platform/i18n/messages.js';

export const peopleMessages = defineMessages({
  'zh-CN': {
    loginFailed: '手机号或密码不正确。',
    wrongPassword: '当前密码不正确。',
    phoneTaken: '该手机号已注册。',
    phoneTakenSignIn: '该手机号已注册，请直接登录。',
    homeAreaKind: '居住地须选择社区、村、网格或楼栋。',
    roleAlreadyAssigned: '此人在该区域已有这个角色。',
    codeWrong: '验证码不正确或已失效，请重新获取。',
    codeFormat: '请输入 {length} 位数字验证码。',
  },
  en: {
    loginFailed: 'Wrong phone number or password.',
    wrongPassword: 'The current password is wrong.',
    phoneTaken: 'This phone number is already registered.',
    phoneTakenSignIn: 'This phone number is already registered; please sign in instead.',
    homeAreaKind: 'Your home must be a community, village, grid or building.',
    roleAlreadyAssigned: 'This person already has this role in this area.',
    codeWrong: 'The code is wrong or no longer valid; please ask for a new one.',
    codeFormat: 'Enter the {length}-digit code.',
  },
});
