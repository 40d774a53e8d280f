import type { Context } from '../context.js';

/** The cookie that carries the session token (a bearer token works too). */
export const SESSION_COOKIE = 'gongzhi_session';

/** Only over HTTP: the WebSocket endpoint runs subscriptions alone, which set no cookie. */
function replyOf(ctx: Context) {
  if (!ctx.reply) throw new Error('no HTTP reply to set a cookie on');
  return ctx.reply;
}

export function setSessionCookie(ctx: Context, token: string, expiresAt: Date): void {
  replyOf(ctx).setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.cookieSecure,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(ctx: Context): void {
  replyOf(ctx).clearCookie(SESSION_COOKIE, { path: '/' });
}
