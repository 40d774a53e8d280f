import { LOCALES, type Locale } from './locale.js';

/** One module's messages in every language, under the same keys. */
export type Catalogue<Key extends string = string> = Record<Locale, Record<Key, string>>;

/**
 * A module's catalogue. The zh-CN messages define the keys; the compiler refuses an English
 * catalogue that lacks one of them or adds another.
 */
export function defineMessages<ZhCN extends Record<string, string>>(catalogue: {
  'zh-CN': ZhCN;
  en: { [Key in keyof ZhCN]: string };
}): Catalogue<keyof ZhCN & string> {
  return catalogue;
}

/** The platform's own messages: one per error code (AppError's default key), pagination and field validation. */
const platformMessages = defineMessages({
  'zh-CN': {
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
    pageTooLarge: '每页最多 {max} 条。',
    badCursor: '分页游标无效。',
    required: '此项必填。',
    tooLong: '不能超过 {max} 个字。',
    phoneFormat: '请输入 11 位手机号（1 开头）。',
    passwordTooShort: '密码至少 {min} 位。',
    invalidValue: '此项内容不正确。',
    serverBusy: '服务器正忙，请 {seconds} 秒后再试。',
    tooManySubscriptions: '每个连接最多 {perSocket} 个实时更新，每人最多 {perPerson} 个。',
    invalidCharacters: '含有不能保存的字符。',
    dateOutOfRange: '日期要在 {from} 年到 {to} 年之间。',
    uploadMalformed: '上传的内容不完整或格式不对，请重新选择照片。',
    idempotencyKeyFormat: '请求编号格式不对（8 到 100 个字母、数字、- 或 _）。',
    idempotencyKeyReused: '这个请求编号已用于另一次不同的提交。',
  },
  en: {
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
    pageTooLarge: 'At most {max} items per page.',
    badCursor: 'The page cursor is not valid.',
    required: 'This field is required.',
    tooLong: 'At most {max} characters.',
    phoneFormat: 'Enter an 11-digit mainland mobile number starting with 1.',
    passwordTooShort: 'The password needs at least {min} characters.',
    invalidValue: 'This value is not valid.',
    serverBusy: 'The server is busy. Please try again in {seconds} seconds.',
    tooManySubscriptions: 'At most {perSocket} live updates per connection, and {perPerson} per person.',
    invalidCharacters: 'Contains characters that cannot be stored.',
    dateOutOfRange: 'The date must be between the years {from} and {to}.',
    uploadMalformed: 'The upload is incomplete or malformed; please choose the photo again.',
    idempotencyKeyFormat: 'The request key must be 8 to 100 letters, digits, - or _.',
    idempotencyKeyReused: 'This request key was already used for a different submission.',
  },
});

type PlatformMessages = (typeof platformMessages)['zh-CN'];

/**
 * Every message key a user can meet from the server: the platform's, and the features' that
 * the composition root (server/src/messages.ts) adds to this interface by declaration merging,
 * so the platform names no feature and a key in no catalogue fails to compile.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- extended by declaration merging
export interface Messages extends PlatformMessages {}

export type MessageKey = keyof Messages & string;

let catalogues: Catalogue = platformMessages;

/** Sets the features' catalogues beside the platform's (at start-up, from the composition root). A key two modules define is refused. */
export function useMessages(features: readonly Catalogue[]): void {
  const merged: Catalogue = { 'zh-CN': { ...platformMessages['zh-CN'] }, en: { ...platformMessages.en } };
  for (const feature of features) {
    for (const key of Object.keys(feature['zh-CN'])) {
      if (key in merged['zh-CN']) throw new Error(`message key ${key} is defined twice`);
    }
    for (const locale of LOCALES) Object.assign(merged[locale], feature[locale]);
  }
  catalogues = merged;
}

export type MessageParams = Record<string, string | number>;

/** A parameter written '@KEY' is itself a message key, translated into the same language. */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const message = catalogues[locale][key];
  if (message === undefined) throw new Error(`message ${key} is in no catalogue given to useMessages`);
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    const nested = typeof value === 'string' && value.startsWith('@') ? value.slice(1) : undefined;
    return nested !== undefined && isMessageKey(nested) ? catalogues[locale][nested]! : String(value);
  });
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && value in catalogues['zh-CN'];
}
