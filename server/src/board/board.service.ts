import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { recordAudit } from '../audit/audit.service.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { notify } from '../notifications/notifications.service.js';
import type { User } from '../people/user.entity.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { badInput, conflict, forbidden, invalidState, notFound } from '../platform/errors.js';
import { findById } from '../platform/ids.js';
import { requireRule } from '../platform/scope.js';
import { Vote } from '../votes/vote.entity.js';
import { mayAnswerObjections } from './board.access.js';
import { ObjectionAuditAction, ObjectionAuditTarget } from './board.audit.js';
import { OBJECTION_SUBJECT, staffOver } from './board.notifications.js';
import { inPublicity, mayObject, objectionReasonErrors } from './board.rules.js';
import { Objection } from './objection.entity.js';

/** Whether the viewer's home lies in the vote's area, and whether they were in its electorate (as a person or a household member); one query. */
async function objectorFacts(em: EntityManager, viewer: Viewer, vote: Vote) {
  const [row] = await em.execute<{ lives: boolean; elector: boolean }[]>(
    `select exists (select 1 from app_user u join area a on a.id = u.home_area_id
                     where u.id = ? and a.path like ?) as lives,
            exists (select 1 from vote_elector e
                     where e.vote_id = ? and (e.user_id = ? or e.household_id in
                       (select m.household_id from household_member m where m.user_id = ?))) as elector`,
    [viewer.id, `${vote.areaPath}%`, vote.id, viewer.id, viewer.id],
  );
  return { livesInArea: !!row?.lives, wasElector: !!row?.elector };
}

/**
 * 异议: a person the result concerns objects during its publicity period; one open objection
 * per person and vote (the partial unique index decides between two sent at once: CONFLICT).
 */
export async function objectToResult(
  em: EntityManager,
  viewer: Viewer,
  voteId: string,
  reason: string,
  clock: Clock = systemClock,
): Promise<Objection> {
  const errors = objectionReasonErrors(reason);
  if (Object.keys(errors).length) throw badInput(errors);
  const vote = await findById(em, Vote, voteId);
  if (!vote) throw notFound();
  const now = clock();
  if (!inPublicity(vote, now)) {
    throw invalidState({ published: !!vote.publishedAt, publicityEndsAt: vote.publicityEndsAt ?? null });
  }
  if (!mayObject(await objectorFacts(em, viewer, vote))) throw forbidden({ key: 'objectionNotConcerned' });
  try {
    return await em.transactional(async (tx) => {
      const objection = tx.create(Objection, {
        vote: tx.merge(vote),
        author: viewer.user as User,
        reason: reason.trim(),
        createdAt: now,
      });
      await tx.flush();
      await notify(tx, {
        recipients: (await staffOver(tx, vote.areaPath)).filter((id) => id !== viewer.id),
        kind: NotificationKind.OBJECTION_LODGED,
        subject: { type: OBJECTION_SUBJECT, id: objection.id },
        params: { vote: vote.title },
        now,
      });
      return objection;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw conflict({ key: 'objectionOpenAlready' });
    throw error;
  }
}

/** Staff answer an objection on the record, once: of two answers at once, the second finds it answered (INVALID_STATE). */
export async function answerObjection(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  answer: string,
  clock: Clock = systemClock,
): Promise<Objection> {
  return em.transactional(async (tx) => {
    const objection = await findById(tx, Objection, id, { populate: ['vote.area'], refresh: true });
    if (!objection) throw notFound();
    const vote = objection.vote.getEntity();
    requireRule(viewer, mayAnswerObjections, { path: vote.areaPath });
    const now = clock();
    const text = answer.trim();
    const answered = await tx.nativeUpdate(
      Objection,
      { id: objection.id, answeredAt: null },
      { answer: text, answeredAt: now, answeredBy: viewer.id },
    );
    if (answered === 0) throw invalidState({ answered: true });
    objection.answer = text;
    objection.answeredAt = now;
    recordAudit(tx, viewer, {
      action: ObjectionAuditAction.ANSWER,
      targetType: ObjectionAuditTarget.OBJECTION,
      targetId: objection.id,
      area: vote.area.getEntity(),
      at: now,
      after: { voteId: vote.id, answer: text },
    });
    await notify(tx, {
      recipients: [objection.author.id].filter((recipient) => recipient !== viewer.id),
      kind: NotificationKind.OBJECTION_ANSWERED,
      subject: { type: OBJECTION_SUBJECT, id: objection.id },
      params: { vote: vote.title, answer: text },
      now,
    });
    return objection;
  });
}
