import type { EntityManager } from '@mikro-orm/postgresql';
import { createMethodMiddlewareDecorator } from 'type-graphql';
import type { Context } from './context.js';
import { rateLimited } from './errors.js';

export interface RateLimitRule {
  /** The action counted, e.g. 'need.raise'; part of the key, so one name per rule. */
  name: string;
  /**
   * Whose hits are counted: the signed-in person, the client address (for anonymous
   * operations), or a phone number named in the input (counted by the service that reads it).
   */
  per: 'person' | 'address' | 'phone';
  /** At most this many hits in any window of `windowSeconds`. */
  limit: number;
  windowSeconds: number;
}

/**
 * The longest window a rule may have: windows whose newest hit is older are deleted by
 * `deleteStaleRateLimits`, which therefore needs no list of the features' rules.
 */
export const MAX_RATE_LIMIT_WINDOW_SECONDS = 24 * 3600;

/** Whom a hit is counted against: a person's id, a client address or a phone number. */
export type RateLimitSubject = { userId: number } | { address: string } | { phone: string };

export function rateLimitKey(name: string, subject: RateLimitSubject): string {
  if ('userId' in subject) return `${name}:user:${subject.userId}`;
  if ('phone' in subject) return `${name}:phone:${subject.phone.slice(0, 20)}`;
  return `${name}:ip:${subject.address.slice(0, 64)}`;
}

/**
 * Counts one hit, or throws RATE_LIMITED with the seconds until the oldest hit leaves the
 * window. One upsert decides: concurrent hits on one key queue on its row, so N at once
 * admit at most the limit, on every instance alike. Refused hits are not counted.
 */
export async function consumeRateLimit(
  em: EntityManager,
  rule: RateLimitRule,
  subject: RateLimitSubject,
): Promise<void> {
  if (rule.windowSeconds > MAX_RATE_LIMIT_WINDOW_SECONDS) throw new Error(`rate limit ${rule.name}: window too long`);
  // The numbers come from the features' rules, not from a client; only the key is a parameter.
  const window = Math.trunc(rule.windowSeconds);
  const limit = Math.trunc(rule.limit);
  const inWindow = `array(select h from unnest(w.hits) h where h > now() - make_interval(secs => ${window}))`;
  const [row] = await em.getConnection().execute<{ last_allowed: boolean; retry_after: string | null }[]>(
    `insert into rate_limit_window as w (key, hits, last_allowed) values (?, array[now()], true)
     on conflict (key) do update set
       hits = case when cardinality(${inWindow}) < ${limit} then ${inWindow} || now() else ${inWindow} end,
       last_allowed = cardinality(${inWindow}) < ${limit}
     returning last_allowed,
       extract(epoch from hits[greatest(1, cardinality(hits) - ${limit} + 1)] + make_interval(secs => ${window}) - now())
         as retry_after`,
    [rateLimitKey(rule.name, subject)],
  );
  if (!row?.last_allowed) throw rateLimited({ retryAfterSeconds: Number(row?.retry_after ?? rule.windowSeconds) });
}

/** The subject a rule counts for this request: the viewer, or the client address (also for a person rule with no viewer). */
export function subjectOf(rule: RateLimitRule, ctx: Pick<Context, 'viewer' | 'request'>): RateLimitSubject {
  return rule.per === 'person' && ctx.viewer ? { userId: ctx.viewer.id } : { address: ctx.request.ip };
}

/**
 * `@RateLimited(NEED_RAISE_RATE_LIMIT)` on a resolver, with a rule the feature declares in its
 * `<feature>.limits.ts`: the hit is counted after `@Authorized()` and before the arguments are
 * validated, so refused input costs a hit as well.
 */
export function RateLimited(rule: RateLimitRule) {
  if (rule.per === 'phone')
    throw new Error(`rate limit ${rule.name}: a per-phone rule is counted by the service reading the phone`);
  return createMethodMiddlewareDecorator<Context>(async ({ context }, next) => {
    await consumeRateLimit(context.em, rule, subjectOf(rule, context));
    return next();
  });
}

/** Keys whose newest hit has left every window count nothing any more; returns how many were deleted. */
export async function deleteStaleRateLimits(em: EntityManager): Promise<number> {
  const result = await em
    .getConnection()
    .execute<{ affectedRows: number }>(
      `delete from rate_limit_window where hits[cardinality(hits)] < now() - make_interval(secs => ?)`,
      [MAX_RATE_LIMIT_WINDOW_SECONDS],
      'run',
    );
  return result.affectedRows;
}
