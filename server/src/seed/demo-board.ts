import type { EntityManager } from '@mikro-orm/postgresql';
import { answerObjection, objectToResult } from '../board/board.service.js';
import { viewerOf } from '../people/sessions.js';
import { User } from '../people/user.entity.js';
import { clockAt } from '../platform/clock.js';
import { recordResolution, updateResolutionProgress } from '../resolutions/resolutions.service.js';
import { Unit } from '../units/unit.entity.js';
import { Vote } from '../votes/vote.entity.js';
import { DEMO_VOTES } from './demo-council.data.js';
import { DEMO_UNITS } from './demo-units.data.js';

/** 李秀英, staff of 幸福里社区, answers and records; 陈静 (volunteer, home 3号楼) objects; 张伟 (grid worker) owns the late one. */
const XINGFULI_STAFF = '13800000002';
const VOLUNTEER = '13800000005';
const GRID_WORKER = '13800000003';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The resolutions of the elevator vote, named once for the tests. */
export const DEMO_RESOLUTIONS = {
  /** Owned by the property company, due in 60 days, 40 % after two updates. */
  elevator: '3号楼加装电梯：确定施工单位并组织施工',
  /** Owned by the grid worker, past due. */
  late: '电梯井道施工期间设置临时通道和安全围挡',
} as const;

export const DEMO_OBJECTIONS = {
  answered: '表决期间有两户业主外出，没有收到投票通知，希望说明通知情况。',
  answer: '已核实：两户均在表决开始当天收到短信，并由网格员上门告知；结果有效。',
  open: '一楼住户担心加装电梯影响采光，希望公示施工图纸。',
} as const;

/**
 * The board of the demo (公示栏): the elevator vote's objections (one answered, one open) and its
 * resolutions (one in progress at 40 %, one late), played through the board's and resolutions'
 * own services at times after the result was published. Runs after the votes' seeder, whose
 * published elevator vote it finds by title; without it (the votes not seeded) there is nothing
 * on the board to object to or carry out.
 */
export async function seedDemoBoard(tx: EntityManager): Promise<void> {
  const vote = await tx.findOne(Vote, { title: DEMO_VOTES.elevator });
  if (!vote?.publishedAt) return;
  const now = Date.now();
  const published = vote.publishedAt.getTime();
  /** `offset` after publication, but never in the future (a result published just now gets its notices at once). */
  const after = (offset: number) => new Date(Math.max(published, Math.min(published + offset, now - 60_000)));
  const as = async (phone: string) => viewerOf(tx, await tx.findOneOrFail(User, { phone }));
  const staff = await as(XINGFULI_STAFF);

  const answered = await objectToResult(
    tx,
    await as(VOLUNTEER),
    String(vote.id),
    DEMO_OBJECTIONS.answered,
    clockAt(after(HOUR)),
  );
  await answerObjection(tx, staff, String(answered.id), DEMO_OBJECTIONS.answer, clockAt(after(3 * HOUR)));
  // A neighbour of 陈静 in 3号楼 (one of the demo's residents there).
  const [neighbour] = await tx.execute<{ phone: string }[]>(
    `select u.phone from app_user u join area a on a.id = u.home_area_id
      where a.path like ? and u.phone like '139%' order by u.id limit 1`,
    [`${vote.areaPath}%`],
  );
  await objectToResult(tx, await as(neighbour!.phone), String(vote.id), DEMO_OBJECTIONS.open, clockAt(after(5 * HOUR)));

  const recordedAt = after(6 * HOUR);
  const property = await tx.findOneOrFail(Unit, { name: DEMO_UNITS.property.name });
  const elevator = await recordResolution(
    tx,
    staff,
    {
      voteId: String(vote.id),
      title: DEMO_RESOLUTIONS.elevator,
      ownerUnitId: String(property.id),
      dueAt: new Date(now + 60 * DAY),
    },
    clockAt(recordedAt),
  );
  const rep = await as(DEMO_UNITS.property.representatives[0]!);
  const between = (share: number) => new Date(recordedAt.getTime() + (now - recordedAt.getTime()) * share);
  await updateResolutionProgress(
    tx,
    rep,
    { id: String(elevator.id), percent: 20, note: '已与三家电梯公司洽谈，确定施工单位并签订合同。' },
    clockAt(between(0.4)),
  );
  await updateResolutionProgress(
    tx,
    rep,
    { id: String(elevator.id), percent: 40, note: '施工图纸已报规划部门审批，井道基础开挖完成。' },
    clockAt(between(0.8)),
  );

  const gridWorker = await tx.findOneOrFail(User, { phone: GRID_WORKER });
  // Due a day after it was recorded, or an hour ago if the result is that recent: late either way.
  const lateDue = new Date(Math.max(recordedAt.getTime() + 60_000, Math.min(recordedAt.getTime() + DAY, now - HOUR)));
  await recordResolution(
    tx,
    staff,
    { voteId: String(vote.id), title: DEMO_RESOLUTIONS.late, ownerUserId: String(gridWorker.id), dueAt: lateDue },
    clockAt(recordedAt),
  );
}
