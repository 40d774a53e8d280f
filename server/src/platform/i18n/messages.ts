import type { Locale } from './locale.js';

/**
 * Every message a user can meet from the server. The zh-CN catalogue defines the keys;
 * the English one must have the same keys (checked by the compiler).
 */
const zhCN = {
  // errors by code
  UNAUTHENTICATED: '请先登录。',
  FORBIDDEN: '您没有权限进行此操作。',
  BAD_USER_INPUT: '输入有误，请检查标出的内容。',
  NOT_FOUND: '找不到要找的内容，可能已被删除。',
  CONFLICT: '与已有记录冲突。',
  INVALID_STATE: '当前状态下不能进行此操作。',
  RATE_LIMITED: '尝试次数过多，请 {minutes} 分钟后再试。',
  QUERY_TOO_COMPLEX: '查询过于复杂（层级或数量过多），请拆分后再试。',
  INTERNAL_SERVER_ERROR: '服务器出错了，请稍后再试。',
  WRONG_TYPE: '提交的数据类型不正确。',
  // specific errors
  loginFailed: '手机号或密码不正确。',
  wrongPassword: '当前密码不正确。',
  phoneTaken: '该手机号已注册。',
  areaNameTaken: '同一上级下已有同名区域。',
  areaKindMisfit: '“{child}”不能设在“{parent}”之下。',
  homeAreaKind: '居住地须选择社区、村、网格或楼栋。',
  rootAreaNotAllowed: '街道只能由系统管理员用命令行创建。',
  roleAlreadyAssigned: '此人在该区域已有这个角色。',
  pageTooLarge: '每页最多 {max} 条。',
  badCursor: '分页游标无效。',
  needNotVisible: '找不到这条诉求，或您没有权限查看。',
  needChangedMeanwhile: '这条诉求刚被别人处理过，请刷新后再看。',
  alreadySupported: '您已经附议过这条诉求。',
  needAreaKind: '诉求要落在社区、村、网格或楼栋。',
  needAreaOutsideHome: '只能反映自己所在社区的事；代办请用工作人员账号。',
  assigneeNotWorker: '只能派给这个区域的网格员、工作人员或志愿者。',
  photoNotUsable: '照片不存在，或已用在别的诉求上。',
  tooManyPhotos: '最多 {max} 张照片。',
  photoMissing: '请选择一张照片。',
  photoNotImage: '只能上传 JPEG、PNG 或 WebP 格式的照片。',
  photoTooLarge: '照片不能超过 {max} MB。',
  ratingRange: '请打 1 到 5 分。',
  hoursRange: '时限要在合理范围内（小时）。',
  respondAfterResolve: '响应时限不能长于解决时限。',
  notAStreet: '时限按街道设置，请选择街道。',
  tooManySubscriptions: '每个连接最多 {perSocket} 个实时更新，每人最多 {perPerson} 个。',
  // field messages
  required: '此项必填。',
  tooLong: '不能超过 {max} 个字。',
  tooShort: '至少 {min} 个字。',
  phoneFormat: '请输入 11 位手机号（1 开头）。',
  passwordTooShort: '密码至少 {min} 位。',
  invalidValue: '此项内容不正确。',
  invalidId: '编号不正确。',
  invalidCharacters: '含有不能保存的字符。',
  dateOutOfRange: '日期要在 {from} 年到 {to} 年之间。',
  uploadMalformed: '上传的内容不完整或格式不对，请重新选择照片。',
  // area kinds, used inside other messages as '@STREET' etc.
  STREET: '街道',
  COMMUNITY: '社区',
  VILLAGE: '村',
  GRID: '网格',
  BUILDING: '楼栋',
} as const;

export type MessageKey = keyof typeof zhCN;

const en: Record<MessageKey, string> = {
  UNAUTHENTICATED: 'Please sign in first.',
  FORBIDDEN: 'You are not allowed to do this.',
  BAD_USER_INPUT: 'Some input is not right; please check the marked fields.',
  NOT_FOUND: 'Not found; it may have been removed.',
  CONFLICT: 'This conflicts with an existing record.',
  INVALID_STATE: 'This cannot be done in the current state.',
  RATE_LIMITED: 'Too many attempts. Please try again in {minutes} minutes.',
  QUERY_TOO_COMPLEX: 'The query is too deep or too large; please split it.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on the server. Please try again later.',
  WRONG_TYPE: 'A value has the wrong type.',
  loginFailed: 'Wrong phone number or password.',
  wrongPassword: 'The current password is wrong.',
  phoneTaken: 'This phone number is already registered.',
  areaNameTaken: 'An area with this name already exists under the same parent.',
  areaKindMisfit: 'A {child} cannot be placed under a {parent}.',
  homeAreaKind: 'Your home must be a community, village, grid or building.',
  rootAreaNotAllowed: 'Streets are created by the system operator on the command line.',
  roleAlreadyAssigned: 'This person already has this role in this area.',
  pageTooLarge: 'At most {max} items per page.',
  badCursor: 'The page cursor is not valid.',
  needNotVisible: 'This need does not exist, or you may not see it.',
  needChangedMeanwhile: 'Someone else has just acted on this need; please reload it.',
  alreadySupported: 'You have already supported this need.',
  needAreaKind: 'A need must be in a community, village, grid or building.',
  needAreaOutsideHome: 'You can raise needs in your own community only; workers raise needs for others.',
  assigneeNotWorker: 'Assign to a grid worker, staff member or volunteer of this area.',
  photoNotUsable: 'This photo does not exist or belongs to another need.',
  tooManyPhotos: 'At most {max} photos.',
  photoMissing: 'Choose a photo.',
  photoNotImage: 'Only JPEG, PNG or WebP photos can be uploaded.',
  photoTooLarge: 'A photo can be at most {max} MB.',
  ratingRange: 'Rate from 1 to 5.',
  hoursRange: 'The deadline is out of range (hours).',
  respondAfterResolve: 'The response deadline cannot be longer than the resolution deadline.',
  notAStreet: 'Deadlines are set per street; choose a street.',
  tooManySubscriptions: 'At most {perSocket} live updates per connection, and {perPerson} per person.',
  required: 'This field is required.',
  tooLong: 'At most {max} characters.',
  tooShort: 'At least {min} characters.',
  phoneFormat: 'Enter an 11-digit mainland mobile number starting with 1.',
  passwordTooShort: 'The password needs at least {min} characters.',
  invalidValue: 'This value is not valid.',
  invalidId: 'This id is not valid.',
  invalidCharacters: 'Contains characters that cannot be stored.',
  dateOutOfRange: 'The date must be between the years {from} and {to}.',
  uploadMalformed: 'The upload is incomplete or malformed; please choose the photo again.',
  STREET: 'street',
  COMMUNITY: 'community',
  VILLAGE: 'village',
  GRID: 'grid',
  BUILDING: 'building',
};

const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export type MessageParams = Record<string, string | number>;

/** A parameter written '@KEY' is itself a message key, translated into the same language. */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return catalogues[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    const nested = typeof value === 'string' && value.startsWith('@') ? value.slice(1) : undefined;
    return nested !== undefined && isMessageKey(nested) ? catalogues[locale][nested] : String(value);
  });
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && value in zhCN;
}
