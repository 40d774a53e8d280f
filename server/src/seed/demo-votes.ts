import type { EntityManager } from '@mikro-orm/postgresql';
import { Area } from '../areas/area.entity.js';
import { viewerOf } from '../people/sessions.js';
import { User } from '../people/user.entity.js';
import { clockAt } from '../platform/clock.js';
import type { Context } from '../platform/context.js';
import { Topic } from '../topics/topic.entity.js';
import { Electorate, RulePreset, VoteMethod } from '../votes/votes.enums.js';
import { castOnlineBallot, closeVote, openVote } from '../votes/votes.service.js';
import { VoteOption } from '../votes/vote.entity.js';
import { DEMO_TOPICS, DEMO_VOTES } from './demo-council.data.js';

/** 李秀英, staff of 幸福里社区 (seed/demo.ts DEMO_ACCOUNTS), runs the votes. */
const XINGFULI_STAFF = '13800000002';
/** The demo resident: the parking vote still waits for her ballot. */
const DEMO_RESIDENT = '13800000006';
const DAY = 86_400_000;

/**
 * The votes of the deliberation demo, played through the service with clocks in the past:
 * the open, secret parking vote of 幸福里社区's residents with a few ballots in (not the demo
 * resident's), and the elevator vote of 3号楼's owners, closed, PASSED and on the board within its
 * publicity period. Topics and households are looked up by title and label (seeded before by
 * seed/demo-topics.ts); a vote whose topic or owners are not there is opened without the topic,
 * or not at all.
 */
export async function seedDemoVotes(tx: EntityManager): Promise<void> {
  const staffUser = await tx.findOneOrFail(User, { phone: XINGFULI_STAFF });
  const viewer = await viewerOf(tx, staffUser);
  // The services take a request's context; the seed has its transaction and its actor.
  const ctx = { em: tx, viewer, loaders: new Map() } as unknown as Context;
  const now = Date.now();
  const community = await tx.findOneOrFail(Area, { name: '幸福里社区' });
  const topicId = async (title: string) => {
    const topic = await tx.findOne(Topic, { title });
    return topic ? String(topic.id) : null;
  };
  const optionsOf = async (voteId: number) => tx.find(VoteOption, { vote: voteId }, { orderBy: { position: 'asc' } });

  // 夜间错时停车方案表决: open for three more days, four neighbours have voted.
  const parking = await openVote(
    ctx,
    viewer,
    {
      title: DEMO_VOTES.parking,
      description: '晚 7 点至早 7 点，小区内侧道路划出 40 个错时停车位，白天恢复通行。',
      areaId: String(community.id),
      topicId: await topicId(DEMO_TOPICS.parking),
      method: VoteMethod.YES_NO_ABSTAIN,
      electorate: Electorate.RESIDENTS,
      rulePreset: RulePreset.RESIDENTS_MEETING,
      secret: true,
      closesAt: new Date(now + 3 * DAY),
    },
    clockAt(new Date(now - DAY)),
  );
  const parkingOptions = await optionsOf(parking.id);
  const voters = await tx.execute<{ user_id: number }[]>(
    `select e.user_id from vote_elector e join app_user u on u.id = e.user_id
      where e.vote_id = ? and u.phone like '1390000%' and u.phone <> ? order by u.id limit 4`,
    [parking.id, DEMO_RESIDENT],
  );
  for (const [i, voter] of voters.entries()) {
    await castOnlineBallot(
      tx,
      voter.user_id,
      String(parking.id),
      [String(parkingOptions[i % 3 === 2 ? 1 : 0]!.id)],
      new Date(now - DAY / 2 + i * 60_000),
    );
  }

  // 3号楼加装电梯业主表决: every owned flat of 3号楼, a major matter (three quarters of heads and area).
  const building = await tx.findOne(Area, { name: '3号楼', parent: { name: '幸福里第一网格' } });
  if (!building) return;
  const flats = await tx.execute<{ id: number; floor_area: string | null; owner_id: number }[]>(
    `select h.id, h.floor_area, (select m.user_id from household_member m where m.household_id = h.id and m.is_owner
        order by m.id limit 1) as owner_id
       from household h where h.area_id = ?
        and exists (select 1 from household_member m where m.household_id = h.id and m.is_owner)
      order by h.floor_area nulls first, h.id`,
    [building.id],
  );
  // Without owners, or with a flat whose floor area is unknown, there is no owners' vote to show.
  if (flats.length === 0 || flats.some((flat) => flat.floor_area === null)) return;
  const opened = new Date(now - 12 * DAY);
  const elevator = await openVote(
    ctx,
    viewer,
    {
      title: DEMO_VOTES.elevator,
      description: '3号楼加装一部电梯，费用按楼层分摊，维修资金承担公共部分。',
      areaId: String(building.id),
      topicId: await topicId(DEMO_TOPICS.elevator),
      method: VoteMethod.YES_NO_ABSTAIN,
      electorate: Electorate.OWNERS,
      rulePreset: RulePreset.OWNERS_MAJOR,
      secret: true,
      closesAt: new Date(now - 2 * DAY),
    },
    clockAt(opened),
  );
  const elevatorOptions = await optionsOf(elevator.id);
  const total = flats.reduce((sum, flat) => sum + Number(flat.floor_area), 0);
  // The smallest flat votes against when three quarters of the heads and of the area still carry it.
  const against = flats.length >= 4 && Number(flats[0]!.floor_area) * 4 <= total ? flats[0]!.id : null;
  for (const [i, flat] of flats.entries()) {
    const option = elevatorOptions[flat.id === against ? 1 : 0]!;
    await castOnlineBallot(
      tx,
      flat.owner_id,
      String(elevator.id),
      [String(option.id)],
      new Date(opened.getTime() + (i + 1) * 3_600_000),
    );
  }
  await closeVote(ctx, viewer, String(elevator.id), clockAt(new Date(now - 2 * DAY)));
}
