import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { Area, AreaKind } from '../areas/area.entity.js';
import { communityPathOf, inSubtree, levelsOf } from '../areas/area-levels.js';
import { getArea } from '../areas/areas.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { Need } from '../needs/need.entity.js';
import { canSee } from '../needs/needs.access.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { notify } from '../notifications/notifications.service.js';
import { Role } from '../platform/auth/roles.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { badInput, conflict, forbidden, invalidState, notFound } from '../platform/errors.js';
import { containing, findById } from '../platform/ids.js';
import { once } from '../platform/idempotency.js';
import { paginate, type PageArgs } from '../platform/pagination.js';
import { idsOnPath, isWithin, requireRule } from '../platform/scope.js';
import { unitIdsOf } from '../units/units.access.js';
import { Topic, TopicStageEntry, TopicSupport, TopicThreshold } from './topic.entity.js';
import { mayProposeTopics, mayReviewTopics } from './topics.access.js';
import { TopicAuditAction, TopicAuditTarget } from './topics.audit.js';
import { TopicStatus } from './topics.enums.js';
import type { ProposeTopicInput, TopicFilter } from './topics.inputs.js';
import { TOPIC_THRESHOLD_MAX, TOPIC_THRESHOLD_MIN } from './topics.limits.js';
import { defaultTemplate, nextTopicStatus, TEMPLATE_STAGES, TOPIC_SUPPORT_THRESHOLD } from './topics.rules.js';

export const TOPIC_SUBJECT = 'topic';

const COMMUNITY_KINDS: readonly AreaKind[] = [AreaKind.COMMUNITY, AreaKind.VILLAGE];

/** STAFF holding their role on the community or above it, in one query: they review its topics. */
async function staffOver(em: EntityManager, path: string): Promise<number[]> {
  const rows = await em.execute<{ user_id: number }[]>(
    'select distinct user_id from role_assignment where role = ? and area_id = any(?::int[])',
    [Role.STAFF, `{${idsOnPath(path).join(',')}}`],
  );
  return rows.map((row) => row.user_id);
}

/** The proposer and every supporter: they hear what becomes of the topic. */
async function proposerAndSupporters(em: EntityManager, topic: { id: number; proposerId: number }): Promise<number[]> {
  const rows = await em.execute<{ user_id: number }[]>('select user_id from topic_support where topic_id = ?', [
    topic.id,
  ]);
  return [topic.proposerId, ...rows.map((row) => row.user_id)];
}

/** The need a topic grows from: visible to the viewer (else unknown) and in the community. */
async function usableNeed(em: EntityManager, viewer: Viewer, community: Area, needId: string): Promise<Need> {
  const need = await findById(em, Need, needId);
  if (!need || !canSee(viewer, need, unitIdsOf(viewer))) throw notFound();
  if (!isWithin(need.areaPath, community.path)) throw badInput({ needId: { key: 'topicNeedOtherCommunity' } });
  return need;
}

/**
 * A resident proposes a topic for their community (staff may too). It starts PROPOSED with no
 * supports — the proposer's own does not count — at the template's first stage; staff over the
 * community are told.
 */
export async function proposeTopic(
  em: EntityManager,
  viewer: Viewer,
  input: ProposeTopicInput,
  clock: Clock = systemClock,
): Promise<Topic> {
  const area = await getArea(em, input.areaId);
  requireRule(viewer, mayProposeTopics, area);
  if (!COMMUNITY_KINDS.includes(area.kind)) throw badInput({ areaId: { key: 'topicAreaKind' } });
  const need =
    input.needId !== undefined && input.needId !== null ? await usableNeed(em, viewer, area, input.needId) : null;
  const template = input.template ?? defaultTemplate(area.kind === AreaKind.VILLAGE);
  const { idempotencyKey, ...rest } = input;
  const now = clock();
  return em.transactional((tx) =>
    once(
      tx,
      { actorId: viewer.id, operation: 'topic.propose', key: idempotencyKey, input: rest },
      async () => {
        const topic = tx.create(Topic, {
          ...(await levelsOf(tx, area)),
          title: input.title.trim(),
          description: input.description.trim(),
          proposer: viewer.id,
          need: need?.id ?? null,
          template,
          createdAt: now,
        });
        await tx.flush();
        tx.create(TopicStageEntry, { topic, stage: 0, by: viewer.id, createdAt: now });
        await tx.flush();
        await notify(tx, {
          recipients: (await staffOver(tx, area.path)).filter((id) => id !== viewer.id),
          kind: NotificationKind.TOPIC_PROPOSED,
          subject: { type: TOPIC_SUBJECT, id: topic.id },
          params: { topic: topic.title },
          now,
        });
        return topic;
      },
      (id) => tx.findOneOrFail(Topic, id),
    ),
  );
}

/** A topic by id, with its community; NOT_FOUND when there is none (topics are public). */
async function getTopic(em: EntityManager, id: string): Promise<Topic> {
  const topic = await findById(em, Topic, id, { populate: ['area'] });
  if (!topic) throw notFound();
  return topic;
}

/** The community's threshold: its own, or TOPIC_SUPPORT_THRESHOLD. */
export async function thresholdsOf(em: EntityManager, communityIds: readonly number[]): Promise<number[]> {
  const rows = await em.find(TopicThreshold, { area: { $in: [...communityIds] } });
  const byArea = new Map(rows.map((row) => [row.area.id, row.threshold]));
  return communityIds.map((id) => byArea.get(id) ?? TOPIC_SUPPORT_THRESHOLD);
}

/**
 * One support per person (the unique index decides between double submits: CONFLICT), while
 * PROPOSED. The count is kept in the same transaction; the support that reaches the community's
 * threshold admits the topic (the row lock orders concurrent supports, so exactly one does, and
 * those after it find it ADMITTED: INVALID_STATE). The proposer may not support their own.
 */
export async function supportTopic(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  clock: Clock = systemClock,
): Promise<Topic> {
  const topic = await getTopic(em, id);
  requireRule(viewer, mayProposeTopics, topic.area.getEntity());
  if (topic.proposer.id === viewer.id) throw forbidden({ key: 'ownTopicSupport' });
  if (topic.status !== TopicStatus.PROPOSED) throw invalidState({ status: topic.status });
  const [threshold] = await thresholdsOf(em, [topic.area.id]);
  const now = clock();
  await em.transactional(async (tx) => {
    const inserted = await tx.execute<{ id: number }[]>(
      `insert into topic_support (topic_id, user_id, created_at) values (?, ?, ?)
       on conflict (topic_id, user_id) do nothing returning id`,
      [topic.id, viewer.id, now],
    );
    if (inserted.length === 0) throw conflict({ key: 'topicAlreadySupported' });
    const [counted] = await tx.execute<{ supporter_count: number }[]>(
      `update topic set supporter_count = supporter_count + 1, version = version + 1
        where id = ? and status = ? returning supporter_count`,
      [topic.id, TopicStatus.PROPOSED],
    );
    if (!counted) throw invalidState({ status: (await currentStatus(tx, topic.id)) ?? topic.status });
    if (counted.supporter_count >= threshold!) {
      await tx.execute('update topic set status = ?, admitted_at = ? where id = ?', [
        nextTopicStatus(TopicStatus.PROPOSED, 'REACHED_THRESHOLD'),
        now,
        topic.id,
      ]);
      await notify(tx, {
        recipients: await proposerAndSupporters(tx, { id: topic.id, proposerId: topic.proposer.id }),
        kind: NotificationKind.TOPIC_ADMITTED,
        subject: { type: TOPIC_SUBJECT, id: topic.id },
        params: { topic: topic.title },
        now,
      });
    }
  });
  return em.findOneOrFail(Topic, topic.id, { refresh: true });
}

async function currentStatus(em: EntityManager, id: number): Promise<TopicStatus | undefined> {
  const [row] = await em.execute<{ status: TopicStatus }[]>('select status from topic where id = ?', [id]);
  return row?.status;
}

/**
 * Moves a topic by `event` (ADMIT, DECLINE) if nextTopicStatus allows it from the status it has
 * when written: of two reviewers at once, the second finds it moved (INVALID_STATE).
 */
async function review(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  event: 'ADMIT' | 'DECLINE',
  reason: string | null,
  clock: Clock,
): Promise<Topic> {
  const topic = await getTopic(em, id);
  const area = topic.area.getEntity();
  requireRule(viewer, mayReviewTopics, area);
  const now = clock();
  await em.transactional(async (tx) => {
    const [row] = await tx.execute<{ status: TopicStatus }[]>('select status from topic where id = ? for update', [
      topic.id,
    ]);
    const from = row!.status;
    const to = nextTopicStatus(from, event);
    if (!to) throw invalidState({ status: from });
    await tx.execute(
      `update topic set status = ?, version = version + 1,
         admitted_at = case when ? then ?::timestamptz else admitted_at end,
         decline_reason = case when ? then ? else decline_reason end
       where id = ?`,
      [to, event === 'ADMIT', now, event === 'DECLINE', reason, topic.id],
    );
    recordAudit(tx, viewer, {
      action: event === 'ADMIT' ? TopicAuditAction.ADMIT : TopicAuditAction.DECLINE,
      targetType: TopicAuditTarget.TOPIC,
      targetId: topic.id,
      area: tx.merge(area),
      before: { status: from },
      after: { status: to, ...(reason ? { reason } : {}) },
    });
    await notify(tx, {
      recipients:
        event === 'ADMIT'
          ? await proposerAndSupporters(tx, { id: topic.id, proposerId: topic.proposer.id })
          : [topic.proposer.id],
      kind: event === 'ADMIT' ? NotificationKind.TOPIC_ADMITTED : NotificationKind.TOPIC_DECLINED,
      subject: { type: TOPIC_SUBJECT, id: topic.id },
      params: event === 'ADMIT' ? { topic: topic.title } : { topic: topic.title, reason: reason! },
      now,
    });
  });
  return em.findOneOrFail(Topic, topic.id, { refresh: true });
}

export function admitTopic(em: EntityManager, viewer: Viewer, id: string, clock: Clock = systemClock) {
  return review(em, viewer, id, 'ADMIT', null, clock);
}

export function declineTopic(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  reason: string,
  clock: Clock = systemClock,
) {
  return review(em, viewer, id, 'DECLINE', reason.trim(), clock);
}

/**
 * The next stage of the topic's template, on the record (a stage entry with who and a note).
 * Past the last stage, or a declined topic: INVALID_STATE. Two at once: the second finds the
 * stage moved (CONFLICT), so one click never skips a stage.
 */
export async function advanceTopicStage(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  note: string | null | undefined,
  clock: Clock = systemClock,
): Promise<Topic> {
  const topic = await getTopic(em, id);
  const area = topic.area.getEntity();
  requireRule(viewer, mayReviewTopics, area);
  const stages = TEMPLATE_STAGES[topic.template];
  if (topic.status === TopicStatus.DECLINED || topic.stage + 1 >= stages.length) {
    throw invalidState({ status: topic.status, stage: topic.stage });
  }
  const now = clock();
  const next = topic.stage + 1;
  const cleanNote = note?.trim() || null;
  await em.transactional(async (tx) => {
    const moved = await tx.execute<{ affectedRows: number }>(
      'update topic set stage = ?, version = version + 1 where id = ? and stage = ? and status <> ?',
      [next, topic.id, topic.stage, TopicStatus.DECLINED],
      'run',
    );
    if (moved.affectedRows === 0) throw conflict({ key: 'topicStageChanged' });
    tx.create(TopicStageEntry, { topic: topic.id, stage: next, note: cleanNote, by: viewer.id, createdAt: now });
    recordAudit(tx, viewer, {
      action: TopicAuditAction.ADVANCE_STAGE,
      targetType: TopicAuditTarget.TOPIC,
      targetId: topic.id,
      area: tx.merge(area),
      before: { stage: stages[topic.stage] },
      after: { stage: stages[next], ...(cleanNote ? { note: cleanNote } : {}) },
    });
  });
  return em.findOneOrFail(Topic, topic.id, { refresh: true });
}

/**
 * A community's support threshold. PROPOSED topics that already have as many supports enter
 * the agenda at once (as if the last support had come now), and their people are told.
 */
export async function setTopicThreshold(
  em: EntityManager,
  viewer: Viewer,
  areaId: string,
  threshold: number,
  clock: Clock = systemClock,
): Promise<number> {
  const area = await getArea(em, areaId);
  requireRule(viewer, mayReviewTopics, area);
  if (!COMMUNITY_KINDS.includes(area.kind)) throw badInput({ areaId: { key: 'topicThresholdAreaKind' } });
  if (!Number.isInteger(threshold) || threshold < TOPIC_THRESHOLD_MIN || threshold > TOPIC_THRESHOLD_MAX) {
    throw badInput({
      threshold: { key: 'topicThresholdRange', params: { min: TOPIC_THRESHOLD_MIN, max: TOPIC_THRESHOLD_MAX } },
    });
  }
  const now = clock();
  await em.transactional(async (tx) => {
    const [before] = await tx.execute<{ threshold: number }[]>(
      'select threshold from topic_threshold where area_id = ? for update',
      [area.id],
    );
    await tx.execute(
      `insert into topic_threshold (area_id, threshold, set_by_id, updated_at) values (?, ?, ?, ?)
       on conflict (area_id) do update set threshold = excluded.threshold, set_by_id = excluded.set_by_id, updated_at = excluded.updated_at`,
      [area.id, threshold, viewer.id, now],
      'run',
    );
    recordAudit(tx, viewer, {
      action: TopicAuditAction.THRESHOLD_SET,
      targetType: TopicAuditTarget.TOPIC_THRESHOLD,
      targetId: area.id,
      area: tx.merge(area),
      before: { threshold: before?.threshold ?? TOPIC_SUPPORT_THRESHOLD },
      after: { threshold },
    });
    const admitted = await tx.execute<{ id: number; title: string; proposer_id: number }[]>(
      `update topic set status = ?, admitted_at = ?, version = version + 1
        where community_id = ? and status = ? and supporter_count >= ? returning id, title, proposer_id`,
      [nextTopicStatus(TopicStatus.PROPOSED, 'REACHED_THRESHOLD'), now, area.id, TopicStatus.PROPOSED, threshold],
    );
    for (const row of admitted) {
      await notify(tx, {
        recipients: await proposerAndSupporters(tx, { id: row.id, proposerId: row.proposer_id }),
        kind: NotificationKind.TOPIC_ADMITTED,
        subject: { type: TOPIC_SUBJECT, id: row.id },
        params: { topic: row.title },
        now,
      });
    }
  });
  return threshold;
}

/** The viewer's home community, where the topics list starts when no area is given. */
async function homeCommunity(em: EntityManager, viewer: Viewer | null): Promise<Area | null> {
  const home = await viewer?.user.homeArea?.load();
  if (!home) return null;
  const path = communityPathOf(await levelsOf(em, home));
  return path ? em.findOne(Area, { path }) : null;
}

/** The topics a filter selects; all are public. */
export async function topicFilterQuery(
  em: EntityManager,
  viewer: Viewer | null,
  given: TopicFilter | null | undefined,
): Promise<FilterQuery<Topic>> {
  // GraphQL may send `filter: null`, which a default parameter would not replace.
  const filter = given ?? {};
  const conditions: FilterQuery<Topic>[] = [];
  const area =
    filter.areaId !== undefined && filter.areaId !== null
      ? await getArea(em, filter.areaId)
      : await homeCommunity(em, viewer);
  if (area) conditions.push(inSubtree<Topic>(area));
  if (filter.statuses?.length) conditions.push({ status: { $in: filter.statuses } });
  const search = filter.search?.trim();
  if (search) {
    const pattern = containing(search);
    conditions.push({ $or: [{ title: { $ilike: pattern } }, { description: { $ilike: pattern } }] });
  }
  if (filter.mine) conditions.push(viewer ? { proposer: viewer.id } : { id: 0 });
  if (filter.supported) {
    conditions.push(
      viewer
        ? { id: { $in: em.createQueryBuilder(TopicSupport, 's').select('s.topic').where({ user: viewer.id }) } }
        : { id: 0 },
    );
  }
  return { $and: conditions };
}

export async function listTopics(
  em: EntityManager,
  viewer: Viewer | null,
  filter: TopicFilter | null | undefined,
  page: PageArgs,
) {
  return paginate(em, Topic, await topicFilterQuery(em, viewer, filter), page, { orderBy: { id: 'desc' } });
}

/** PROPOSED topics in the areas where the viewer reviews them (the to-do). */
export function countTopicsToReview(em: EntityManager, viewer: Viewer | null): Promise<number> {
  const scopes = viewer?.scopesFor([Role.STAFF, Role.ADMIN]) ?? [];
  if (scopes.length === 0) return Promise.resolve(0);
  return em.count(Topic, {
    status: TopicStatus.PROPOSED,
    $or: scopes.map((path) => ({ areaPath: { $like: `${path}%` } })),
  });
}

/** Which of the topics the viewer supports: one query for a page. */
export async function supportedAmong(
  em: EntityManager,
  viewerId: number,
  topicIds: readonly number[],
): Promise<boolean[]> {
  const rows = await em.find(TopicSupport, { user: viewerId, topic: { $in: [...topicIds] } }, { fields: ['topic'] });
  const supported = new Set(rows.map((row) => row.topic.id));
  return topicIds.map((id) => supported.has(id));
}

/** The stage entries of each topic, oldest first: one query for a page. */
export async function stageEntriesOf(em: EntityManager, topicIds: readonly number[]): Promise<TopicStageEntry[][]> {
  const rows = await em.find(TopicStageEntry, { topic: { $in: [...topicIds] } }, { orderBy: { id: 'asc' } });
  return topicIds.map((id) => rows.filter((row) => row.topic.id === id));
}
