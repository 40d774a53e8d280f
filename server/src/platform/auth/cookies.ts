import type { Context } from '../context.js';
import { SESSION_COOKIE } from './sessions.js';

export function setSessionCookie(ctx: Context, token: string, expiresAt: Date): void {
  ctx.reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.cookieSecure,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(ctx: Context): void {
  ctx.reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
