import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { Area } from '../areas/area.entity.js';
import { recordAudit } from '../audit/audit.service.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { notify } from '../notifications/notifications.service.js';
import type { User } from '../people/user.entity.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { chinaDay } from '../platform/china-time.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { badInput, forbidden, invalidState, notFound } from '../platform/errors.js';
import { containing, findById } from '../platform/ids.js';
import { paginate, type PageArgs } from '../platform/pagination.js';
import { requireRule } from '../platform/scope.js';
import { VolunteerProfile } from '../volunteers/volunteer.entity.js';
import { mayManageVolunteers } from '../volunteers/volunteers.access.js';
import { VolunteerStatus } from '../volunteers/volunteers.enums.js';
import { maskIdNumber, maskName } from '../volunteers/volunteers.rules.js';
import { Certificate } from './certificate.entity.js';
import { CertificateAuditAction, CertificateAuditTarget } from './certificates.audit.js';
import { CERTIFICATE_REVOKE_REASON_MAX, CERTIFICATE_REVOKE_REASON_MIN } from './certificates.limits.js';
import { certificateCode, certificatePeriod, issuerName, normaliseCode } from './certificates.rules.js';

export const CERTIFICATE_SUBJECT = 'certificate';

/** A second request for the same period with the same record within this long is a double submit: the first is returned. */
const DOUBLE_SUBMIT_MS = 60_000;

/** Verified sign-ups whose shift started in [from, to): the filter of the snapshot and of the PDF's list. */
const VERIFIED_IN_PERIOD = `s.volunteer_id = ? and s.status = 'VERIFIED' and sh.starts_at >= ? and sh.starts_at < ?`;

/** What the record says for the period: verified minutes, activities, and who organised them (team, else the community). */
async function snapshot(tx: EntityManager, userId: number, from: Date, to: Date) {
  const [totals] = await tx.execute<{ minutes: number; activities: number }[]>(
    `select coalesce(sum(s.verified_minutes), 0)::int as minutes, count(distinct s.activity_id)::int as activities
     from shift_signup s join shift sh on sh.id = s.shift_id where ${VERIFIED_IN_PERIOD}`,
    [userId, from, to],
  );
  const organisations = await tx.execute<{ name: string }[]>(
    `select distinct coalesce(t.name, c.name, ar.name) as name
     from shift_signup s join shift sh on sh.id = s.shift_id join activity a on a.id = s.activity_id
     left join team t on t.id = a.team_id left join area c on c.id = a.community_id join area ar on ar.id = a.area_id
     where ${VERIFIED_IN_PERIOD} order by 1`,
    [userId, from, to],
  );
  return {
    minutes: totals?.minutes ?? 0,
    activities: totals?.activities ?? 0,
    organisations: organisations.map((o) => o.name),
  };
}

/**
 * issueCertificate: the volunteer's own ACTIVE profile, free of charge, for a period of at most
 * five years (`to` clamped to now). A snapshot of the verified record as it stands — later
 * corrections do not change it (revoke and issue anew). The profile row is locked, so a double
 * submit returns the first certificate instead of a second one.
 */
export async function issueCertificate(
  em: EntityManager,
  viewer: Viewer,
  args: { from: Date; to: Date },
  clock: Clock = systemClock,
): Promise<Certificate> {
  const now = clock();
  const profile = await em.findOne(VolunteerProfile, { user: viewer.id });
  if (!profile || profile.status !== VolunteerStatus.ACTIVE) throw forbidden({ key: 'teamNotVolunteer' });
  const { to, errors } = certificatePeriod(args.from, args.to, now);
  if (Object.keys(errors).length) throw badInput(errors);
  return em.transactional(async (tx) => {
    const [locked] = await tx.execute<{ id_number: string | null }[]>(
      'select id_number from volunteer_profile where id = ? for update',
      [profile.id],
    );
    const record = await snapshot(tx, viewer.id, args.from, to);
    if (record.minutes === 0) throw badInput({ from: { key: 'certificateNoHours' } });
    const earlier = await tx.findOne(
      Certificate,
      {
        holder: viewer.id,
        periodFrom: args.from,
        minutes: record.minutes,
        activityCount: record.activities,
        revokedAt: null,
        issuedAt: { $gt: new Date(now.getTime() - DOUBLE_SUBMIT_MS) },
      },
      { orderBy: { id: 'desc' } },
    );
    if (earlier) return earlier;
    const community = await tx.findOneOrFail(Area, profile.community.id);
    const name = (viewer.user as User).displayName;
    let id: number | undefined;
    // A random code may, very rarely, be taken already: draw again.
    while (id === undefined) {
      const [row] = await tx.execute<{ id: number }[]>(
        `insert into certificate (code, holder_id, community_id, holder_name, masked_holder_name, masked_id_number,
           volunteer_number, period_from, period_to, minutes, activity_count, organisations, issuer, issued_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, array(select jsonb_array_elements_text(?::jsonb)), ?, ?)
         on conflict (code) do nothing returning id`,
        [
          certificateCode(Number(chinaDay(now).slice(0, 4))),
          viewer.id,
          community.id,
          name,
          maskName(name),
          maskIdNumber(locked?.id_number),
          profile.number,
          args.from,
          to,
          record.minutes,
          record.activities,
          JSON.stringify(record.organisations),
          issuerName(community),
          now,
        ],
      );
      id = row?.id;
    }
    const certificate = await tx.findOneOrFail(Certificate, id);
    recordAudit(tx, viewer, {
      action: CertificateAuditAction.ISSUE,
      targetType: CertificateAuditTarget.CERTIFICATE,
      targetId: certificate.id,
      area: community,
      at: now,
      after: { code: certificate.code, minutes: record.minutes, from: args.from.toISOString(), to: to.toISOString() },
    });
    return certificate;
  });
}

/** The holder, and staff with MANAGE_VOLUNTEERS over the holder's community, see a certificate in full. */
export async function seesCertificate(viewer: Viewer | null, certificate: Certificate): Promise<boolean> {
  if (!viewer) return false;
  if (certificate.holder.id === viewer.id) return true;
  return mayManageVolunteers(viewer, await certificate.community.loadOrFail({ dataloader: true }));
}

/** revokeCertificate: MANAGE_VOLUNTEERS over the holder's community; once (INVALID_STATE after); the holder is told. */
export async function revokeCertificate(
  em: EntityManager,
  viewer: Viewer,
  args: { code: string; reason: string },
  clock: Clock = systemClock,
): Promise<Certificate> {
  const now = clock();
  const reason = args.reason.trim();
  const length = Array.from(reason).length;
  return em.transactional(async (tx) => {
    const certificate = await tx.findOne(
      Certificate,
      { code: normaliseCode(args.code) },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, populate: ['community'] },
    );
    if (!certificate || !(await seesCertificate(viewer, certificate))) throw notFound();
    const community = certificate.community.getEntity();
    requireRule(viewer, mayManageVolunteers, community);
    if (length < CERTIFICATE_REVOKE_REASON_MIN || length > CERTIFICATE_REVOKE_REASON_MAX) {
      throw badInput({
        reason: {
          key: 'certificateReasonLength',
          params: { min: CERTIFICATE_REVOKE_REASON_MIN, max: CERTIFICATE_REVOKE_REASON_MAX },
        },
      });
    }
    if (certificate.revokedAt) throw invalidState({ revokedAt: certificate.revokedAt.toISOString() });
    Object.assign(certificate, { revokedAt: now, revokeReason: reason, revokedBy: viewer.id });
    await tx.flush();
    recordAudit(tx, viewer, {
      action: CertificateAuditAction.REVOKE,
      targetType: CertificateAuditTarget.CERTIFICATE,
      targetId: certificate.id,
      area: community,
      at: now,
      before: { code: certificate.code },
      after: { code: certificate.code, reason },
    });
    await notify(tx, {
      recipients: [certificate.holder.id],
      kind: NotificationKind.CERTIFICATE_REVOKED,
      subject: { type: CERTIFICATE_SUBJECT, id: certificate.id },
      params: { code: certificate.code, reason },
      now,
    });
    return certificate;
  });
}

/** What the public check shows of a certificate: only what CertificateVerification holds. */
export async function verifyCertificate(em: EntityManager, code: string) {
  return em.findOne(Certificate, { code: normaliseCode(code) });
}

/** certificates(areaId): MANAGE_VOLUNTEERS over the area; certificates of volunteers of its subtree, newest first. */
export async function listCertificates(
  em: EntityManager,
  viewer: Viewer,
  args: { areaId: string; search?: string | null } & PageArgs,
) {
  const area = await findById(em, Area, args.areaId);
  if (!area) throw notFound();
  requireRule(viewer, mayManageVolunteers, area);
  const search = args.search?.trim();
  const pattern = search ? containing(search) : null;
  return paginate(
    em,
    Certificate,
    {
      community: { path: { $like: `${area.path}%` } },
      ...(pattern
        ? {
            $or: [
              { code: { $ilike: pattern } },
              { holderName: { $ilike: pattern } },
              { volunteerNumber: { $ilike: pattern } },
            ],
          }
        : {}),
    },
    args,
    { orderBy: { issuedAt: 'desc', id: 'desc' } },
  );
}

/** The activities a certificate lists by name: those of its period verified by the time it was issued, in order. */
export async function certificateActivities(em: EntityManager, certificate: Certificate) {
  return em.execute<{ title: string; day: string }[]>(
    `select a.title, to_char(min(sh.starts_at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day
     from shift_signup s join shift sh on sh.id = s.shift_id join activity a on a.id = s.activity_id
     where ${VERIFIED_IN_PERIOD} and s.verified_at <= ?
     group by a.id, a.title order by min(sh.starts_at), a.id`,
    [certificate.holder.id, certificate.periodFrom, certificate.periodTo, certificate.issuedAt],
  );
}
