import type { EntityManager } from '@mikro-orm/postgresql';
import { afterCommit } from '../platform/after-commit.js';
import { Role } from '../platform/auth/roles.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { badInput, notFound, type FieldErrors } from '../platform/errors.js';
import { toId } from '../platform/ids.js';
import { enqueueMessage } from '../platform/outbox.js';
import { paginate, type PageArgs } from '../platform/pagination.js';
import { Notification, NotificationPreference } from './notification.entity.js';
import { DEFAULT_SMS_KINDS, NotificationKind, smsAvailableKinds } from './notification.kinds.js';
import type { NotificationPreferencesInput } from './notifications.inputs.js';
import { checkQuietHours, quietHoursEnd } from './notifications.rules.js';

/** Topic `notificationAdded:<userId>`, payload `{ id }`. */
export const NOTIFICATION_ADDED = 'notificationAdded';

export interface NotificationAdded {
  id: number;
}

export interface NotifyInput {
  recipients: Iterable<number>;
  kind: NotificationKind;
  /** What it is about, for the subject's feature to link (e.g. `{ type: 'Need', id: 41 }`). */
  subject?: { type: string; id: number };
  /** Values of the kind's message; strings, as an SMS template takes them. */
  params: Record<string, string>;
  /** Once per recipient and key: a second notify with the same key writes nothing for them. */
  dedupeKey?: string;
  /** Sent by SMS even in quiet hours. */
  urgent?: boolean;
  now?: Date;
}

/**
 * Tells people something, inside the caller's transaction `tx`: a notification row each, an
 * outbox message for those who have the kind by SMS (after their quiet hours unless urgent),
 * and `notificationAdded` published once the transaction commits. Returns who was notified
 * (those a dedupe key had already reached are left out).
 */
export async function notify(tx: EntityManager, input: NotifyInput): Promise<number[]> {
  const recipients = [...new Set(input.recipients)];
  if (recipients.length === 0) return [];
  const now = input.now ?? new Date();
  const added = await tx.execute<{ id: number; recipient_id: number }[]>(
    `insert into notification (recipient_id, kind, subject_type, subject_id, params, created_at, dedupe_key)
     select r, ?, ?, ?, ?::jsonb, ?, ? from unnest(?::int[]) as r
     on conflict (recipient_id, dedupe_key) do nothing
     returning id, recipient_id`,
    [
      input.kind,
      input.subject?.type ?? null,
      input.subject?.id ?? null,
      JSON.stringify(input.params),
      now,
      input.dedupeKey ?? null,
      `{${recipients.join(',')}}`,
    ],
  );
  if (added.length === 0) return [];
  await enqueueSms(
    tx,
    added.map((row) => row.recipient_id),
    input,
    now,
  );
  afterCommit(tx, (events) => {
    for (const row of added) events.publish(NOTIFICATION_ADDED, row.recipient_id, { id: row.id });
  });
  return added.map((row) => row.recipient_id);
}

interface SmsFacts {
  id: number;
  phone: string;
  sms_kinds: NotificationKind[] | null;
  quiet_from: string | null;
  quiet_to: string | null;
  holds_role: boolean;
}

async function enqueueSms(tx: EntityManager, recipients: number[], input: NotifyInput, now: Date) {
  const facts = await tx.execute<SmsFacts[]>(
    `select u.id, u.phone, p.sms_kinds, p.quiet_from, p.quiet_to,
            exists (select 1 from role_assignment ra where ra.user_id = u.id and ra.role <> ?) as holds_role
       from app_user u left join notification_preference p on p.user_id = u.id
      where u.id = any(?::int[])`,
    [Role.RESIDENT, `{${recipients.join(',')}}`],
  );
  for (const person of facts) {
    if (!smsKindsOf(person.sms_kinds, person.holds_role).includes(input.kind)) continue;
    enqueueMessage(
      tx,
      {
        channel: 'SMS',
        recipient: person.phone,
        template: input.kind,
        params: smsParams(input.params),
        urgent: input.urgent,
        notBefore: quietHoursEnd(now, person.quiet_from, person.quiet_to) ?? undefined,
      },
      now,
    );
  }
}

/** Gateways limit a template variable's length (Aliyun: 35 characters); the app has the whole text. */
const SMS_PARAM_MAX = 30;

function smsParams(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      const characters = [...value];
      return [name, characters.length > SMS_PARAM_MAX ? `${characters.slice(0, SMS_PARAM_MAX - 1).join('')}…` : value];
    }),
  );
}

/** A person's SMS kinds: as chosen, or the defaults they may have. */
function smsKindsOf(chosen: readonly NotificationKind[] | null, holdsRole: boolean): NotificationKind[] {
  const available = smsAvailableKinds(holdsRole);
  return (chosen ?? DEFAULT_SMS_KINDS).filter((kind) => available.includes(kind));
}

export function listNotifications(em: EntityManager, viewer: Viewer, unreadOnly: boolean, page: PageArgs) {
  return paginate(em, Notification, { recipient: viewer.id, ...(unreadOnly ? { readAt: null } : {}) }, page, {
    orderBy: { id: 'desc' },
  });
}

export function countUnread(em: EntityManager, viewer: Viewer): Promise<number> {
  return em.count(Notification, { recipient: viewer.id, readAt: null });
}

/** Marks the viewer's notifications read: those named, or all. An id not theirs is NOT_FOUND and changes nothing. */
export async function markRead(
  em: EntityManager,
  viewer: Viewer,
  ids: readonly string[] | null | undefined,
  clock: Clock = systemClock,
): Promise<number> {
  if (ids === null || ids === undefined) {
    return em.nativeUpdate(Notification, { recipient: viewer.id, readAt: null }, { readAt: clock() });
  }
  const wanted = [...new Set(ids.map((id) => toId(id)))];
  if (wanted.some((id) => id === null)) throw notFound();
  const numbers = wanted as number[];
  if (numbers.length === 0) return 0;
  return em.transactional(async (tx) => {
    const own = await tx.count(Notification, { id: { $in: numbers }, recipient: viewer.id });
    if (own !== numbers.length) throw notFound();
    return tx.nativeUpdate(
      Notification,
      { id: { $in: numbers }, recipient: viewer.id, readAt: null },
      { readAt: clock() },
    );
  });
}

/** Anything beyond being a resident: the workers' kinds are for them (the same test as SmsFacts.holds_role). */
const holdsWorkRole = (viewer: Viewer) => viewer.grants.some((grant) => grant.role !== Role.RESIDENT);

export interface PreferencesView {
  smsKinds: NotificationKind[];
  smsAvailableKinds: NotificationKind[];
  quietFrom: string | null;
  quietTo: string | null;
}

export async function getPreferences(em: EntityManager, viewer: Viewer): Promise<PreferencesView> {
  const row = await em.findOne(NotificationPreference, { user: viewer.id });
  const holdsRole = holdsWorkRole(viewer);
  return {
    smsKinds: smsKindsOf(row?.smsKinds ?? null, holdsRole),
    smsAvailableKinds: smsAvailableKinds(holdsRole),
    quietFrom: row?.quietFrom ?? null,
    quietTo: row?.quietTo ?? null,
  };
}

export async function updatePreferences(
  em: EntityManager,
  viewer: Viewer,
  input: NotificationPreferencesInput,
  clock: Clock = systemClock,
): Promise<PreferencesView> {
  const quietFrom = input.quietFrom ?? null;
  const quietTo = input.quietTo ?? null;
  const fields: FieldErrors = {};
  for (const [field, key] of Object.entries(checkQuietHours(quietFrom, quietTo))) fields[field] = { key };
  const available = smsAvailableKinds(holdsWorkRole(viewer));
  if (input.smsKinds.some((kind) => !available.includes(kind))) fields.smsKinds = { key: 'smsKindNotAvailable' };
  if (Object.keys(fields).length > 0) throw badInput(fields);
  const smsKinds = [...new Set(input.smsKinds)];
  await em.upsert(
    NotificationPreference,
    { user: viewer.id, smsKinds, quietFrom, quietTo, updatedAt: clock() },
    { onConflictFields: ['user'] },
  );
  return { smsKinds, smsAvailableKinds: available, quietFrom, quietTo };
}

/** For the subscription: the added notification, read fresh, if it is the viewer's. */
export async function findOwnNotification(em: EntityManager, viewer: Viewer, id: number) {
  return em.fork().findOne(Notification, { id, recipient: viewer.id });
}
