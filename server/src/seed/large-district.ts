import type pg from 'pg';
import { NeedCategory, Urgency } from '../needs/need.enums.js';
import { defaultDeadline, NO_DEADLINE } from '../needs/needs.rules.js';
import { REBUILD_ROLLUPS_SQL } from '../needs/needs.rollups.js';

/**
 * A large district for measuring: streets × communities × grids × buildings, residents in
 * every building, workers on every level, and needs over the last two years, each with the
 * timeline the service would have written. Everything is generated inside PostgreSQL
 * (INSERT … SELECT over generate_series), so a million needs take minutes, not hours.
 */
export interface DistrictPlan {
  needs: number;
  streets: number;
  communities: number;
  grids: number;
  buildings: number;
  /** Residents per building. */
  residents: number;
  passwordHash: string;
  /** Fixed, so two runs with the same plan produce the same spread. */
  randomSeed?: number;
  log?: (line: string) => void;
}

export interface DistrictSeeded {
  streets: { id: number; name: string }[];
  /** A street staff member (STAFF and ADMIN on the first street) to measure with. */
  staff: { phone: string; name: string; streetId: number };
  needs: number;
  events: number;
  supports: number;
  users: number;
}

const STREET_NAMES = [
  '东湖',
  '西山',
  '南苑',
  '北辰',
  '金桥',
  '银河',
  '翠竹',
  '梅园',
  '松涛',
  '枫林',
  '云水',
  '星海',
  '青石',
  '白塔',
  '龙泉',
  '凤鸣',
];
const COMMUNITY_NAMES = [
  '和谐',
  '康乐',
  '锦绣',
  '春晖',
  '朝阳',
  '桃源',
  '丽景',
  '安居',
  '福寿',
  '欣苑',
  '华庭',
  '嘉园',
  '泰和',
  '长青',
  '明珠',
  '静安',
];
const NUMERALS = [
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
  '十六',
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = [
  '秀兰',
  '建华',
  '志刚',
  '淑珍',
  '海燕',
  '国强',
  '玉梅',
  '德明',
  '丽华',
  '文斌',
  '春梅',
  '永红',
  '桂英',
  '红霞',
  '建军',
  '子涵',
  '浩然',
  '雨桐',
  '思远',
  '欣怡',
];

/** Five of each category: title, description, what was done. */
const TEXTS: Record<NeedCategory, [string, string, string][]> = {
  [NeedCategory.REPAIR]: [
    ['楼道灯坏了', '单元楼道的声控灯好几层都不亮，晚上上下楼看不清。', '已更换楼道声控灯并检查线路。'],
    ['下水道堵塞返味', '一楼下水道堵了，厨房卫生间往上返臭味。', '已疏通主下水管。'],
    ['屋顶漏雨', '顶层每次下雨屋顶都渗水，墙面发霉。', '已修补屋面防水层。'],
    ['单元门禁坏了', '单元门禁锁坏了，门一直关不上，陌生人随意进出。', '已更换门禁锁。'],
    ['路面坑洼积水', '小区主路坑坑洼洼，下雨就积水，老人容易滑倒。', '已修补破损路面。'],
  ],
  [NeedCategory.ENVIRONMENT]: [
    ['垃圾桶满了没人清', '门口的垃圾桶满了好几天，垃圾堆到地上，有异味。', '已协调环卫增加清运频次。'],
    ['绿化带杂草丛生', '楼下绿化带长期没人打理，杂草很高，蚊虫多。', '已安排绿化养护人员修剪清理。'],
    ['垃圾分类投放点异味大', '分类投放点清理不及时，厨余垃圾味道很大。', '已调整清运时间并加装除臭设备。'],
    ['楼道小广告太多', '楼道墙上贴满了开锁、通下水道的小广告。', '已组织志愿者清理并张贴提示。'],
    ['夜间施工噪音扰民', '附近工地晚上十点以后还在施工，噪音很大。', '已联系城管督促工地按时停工。'],
  ],
  [NeedCategory.SAFETY]: [
    ['电动车在楼道充电', '有住户把电动车推进楼道充电，存在火灾隐患。', '已劝导住户到集中充电点充电。'],
    ['楼道堆放杂物堵塞消防通道', '楼道堆满旧家具和纸箱，消防通道被堵。', '已联合物业集中清理。'],
    ['高空抛物', '有人从高层往下扔东西，担心砸到人。', '已加装监控并入户宣传。'],
    ['井盖松动', '路边的井盖松了，一踩就翘起来，很危险。', '已更换防坠井盖。'],
    ['外墙瓷砖脱落', '外墙瓷砖掉下来几块，楼下经常有人经过。', '已拉警戒线并清理空鼓瓷砖。'],
  ],
  [NeedCategory.DISPUTE]: [
    ['广场舞音乐太吵', '晚上楼下广场舞音响声音很大，影响孩子学习。', '已与舞队协商调低音量、提前结束。'],
    ['装修噪音扰民', '楼上装修周末一大早就打电钻。', '已约谈装修户遵守施工时间。'],
    ['空调外机滴水', '楼上空调冷凝水一直滴到我家阳台。', '已协调楼上加装冷凝水管。'],
    ['宠物狗不拴绳', '有邻居遛狗不拴绳，吓到小孩。', '已走访养犬户并宣传文明养犬。'],
    ['占用公共车位', '有人用地锁长期占用公共车位。', '已拆除私设地锁。'],
  ],
  [NeedCategory.ELDERLY_CARE]: [
    ['独居老人需要助餐', '楼里独居老人腿脚不便，希望能送餐上门。', '已纳入助餐服务，每天送餐上门。'],
    ['老人多日未出门，请上门看看', '邻居老人好几天没见出门，敲门也没人应。', '已联系家属上门查看并安排定期探访。'],
    ['申请高龄津贴', '老人刚满80岁，想申请高龄津贴。', '已指导准备材料并代为提交。'],
    ['希望开办老年食堂', '社区老人多，希望有个老年食堂。', '已在党群服务中心开设长者食堂。'],
    ['需要上门理发', '卧床老人想理发，出不了门。', '已安排志愿者上门理发。'],
  ],
  [NeedCategory.HEALTH]: [
    ['需要上门办理医保认证', '老人行动不便，医保资格认证需要上门办理。', '已上门完成认证。'],
    ['希望组织义诊', '希望社区卫生站定期来量血压测血糖。', '已约定每月一次义诊。'],
    ['卫生服务站周末不开门', '上班族只有周末有空看病。', '已协调周六上午开诊。'],
    ['慢病药品配送', '老人每月要去医院开药，希望能配送。', '已办理慢病长处方和送药上门。'],
    ['家庭医生签约咨询', '想了解家庭医生怎么签约。', '已协助完成家庭医生签约。'],
  ],
  [NeedCategory.DISABILITY]: [
    ['无障碍坡道被占用', '坡道天天停着电动车，轮椅出不了门。', '已清理并设置禁停标识。'],
    ['想借一辆轮椅', '家人摔伤了腿，出院后需要轮椅。', '已从助残服务站借出轮椅。'],
    ['残疾人证办理咨询', '想了解残疾人证怎么办理。', '已指导办理并预约评残。'],
    ['希望加装楼道扶手', '家里有残疾人，楼梯没有扶手上下很难。', '已加装楼道扶手。'],
    ['助残服务申请', '希望能申请居家助残服务。', '已纳入居家助残服务名单。'],
  ],
  [NeedCategory.CHILD_CARE]: [
    ['希望开办四点半课堂', '孩子放学后没人照看，希望社区办四点半课堂。', '已开设四点半课堂。'],
    ['暑期托管班报名', '想了解社区暑期托管班什么时候报名。', '已告知报名方式并协助报名。'],
    ['儿童游乐设施损坏', '小区滑梯有裂口，孩子玩容易划伤。', '已维修并检查全部游乐设施。'],
    ['婴幼儿照护咨询', '想了解社区有没有托育服务。', '已介绍附近普惠托育机构。'],
    ['希望增设母婴室', '社区服务中心没有母婴室，很不方便。', '已在服务中心设置母婴室。'],
  ],
  [NeedCategory.EDUCATION]: [
    ['老年人智能手机培训', '很多老人不会用手机挂号扫码。', '已组织志愿者开展培训。'],
    ['社区图书角图书太旧', '图书角的书都是好多年前的，希望更新。', '已补充新书并开放借阅。'],
    ['希望开设书法班', '退休了想学书法，社区能不能开班？', '已开设老年书法班。'],
    ['青少年网络安全讲座', '希望给孩子们讲讲网络安全。', '已邀请民警开展讲座。'],
    ['学区政策咨询', '想了解孩子入学的学区政策。', '已解答并提供教育局咨询电话。'],
  ],
  [NeedCategory.EMPLOYMENT]: [
    ['失业想参加技能培训', '失业一段时间了，想学个手艺。', '已推荐参加免费职业技能培训。'],
    ['灵活就业社保咨询', '做网约车司机，社保怎么交？', '已讲解灵活就业参保办法。'],
    ['求职信息推荐', '想找附近的工作，社区有岗位信息吗？', '已推送岗位信息并推荐面试。'],
    ['就业困难人员认定', '想申请就业困难人员认定。', '已协助提交认定材料。'],
    ['创业补贴申请', '想开个小店，能申请创业补贴吗？', '已指导申请创业担保贷款。'],
  ],
  [NeedCategory.CULTURE]: [
    ['活动室开放时间太短', '活动室下午五点就关门，上班的人用不上。', '已调整为周末全天开放。'],
    ['希望组织文艺演出', '希望节日时社区组织一场文艺演出。', '已组织邻里文艺汇演。'],
    ['希望增设健身器材', '小区健身器材太少，早上要排队。', '已新增一组健身器材。'],
    ['希望增设篮球场', '年轻人多，希望有个篮球场。', '已协调附近学校球场错时开放。'],
    ['广场舞场地不够', '跳舞的人多，场地太挤。', '已协调错时使用场地。'],
  ],
  [NeedCategory.OTHER]: [
    ['快递柜不够用', '快递柜经常满，包裹堆在门口容易丢。', '已协调增设快递柜。'],
    ['加装电梯意见征集', '单元老人多，希望加装电梯。', '已组织加装电梯意见征询会。'],
    ['低保申请咨询', '家里困难，想申请低保。', '已指导准备材料并提交申请。'],
    ['户籍证明开具', '需要开具居住证明，不知道去哪里办。', '已告知办理流程并协助开具。'],
    ['小区停车难', '晚上回来没有车位，希望增加停车位。', '已协调周边单位错时共享车位。'],
  ],
};

/** Cumulative shares: repairs and the environment most often, employment and culture least. */
const CATEGORY_SHARES: [NeedCategory, number][] = [
  [NeedCategory.REPAIR, 0.22],
  [NeedCategory.ENVIRONMENT, 0.16],
  [NeedCategory.SAFETY, 0.1],
  [NeedCategory.DISPUTE, 0.1],
  [NeedCategory.ELDERLY_CARE, 0.12],
  [NeedCategory.HEALTH, 0.06],
  [NeedCategory.DISABILITY, 0.03],
  [NeedCategory.CHILD_CARE, 0.04],
  [NeedCategory.EDUCATION, 0.04],
  [NeedCategory.EMPLOYMENT, 0.04],
  [NeedCategory.CULTURE, 0.04],
  [NeedCategory.OTHER, 0.05],
];

function pick(column: string, shares: [string, number][]): string {
  let sum = 0;
  const arms = shares.slice(0, -1).map(([value, share]) => {
    sum += share;
    return `when ${column} < ${sum.toFixed(4)} then '${value}'`;
  });
  return `case ${arms.join(' ')} else '${shares.at(-1)![0]}' end`;
}

export async function seedLargeDistrict(client: pg.Client, plan: DistrictPlan): Promise<DistrictSeeded> {
  const log = plan.log ?? (() => {});
  const started = Date.now();
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t = Date.now();
    const result = await client.query(sql, params);
    log(`  ${label}: ${result.rowCount ?? 0} rows, ${((Date.now() - t) / 1000).toFixed(1)} s`);
    return result;
  };
  const { streets: S, communities: C, grids: G, buildings: B, residents: R, needs: N } = plan;
  if (S > STREET_NAMES.length || C > COMMUNITY_NAMES.length || G > NUMERALS.length) {
    throw new Error(
      `at most ${STREET_NAMES.length} streets, ${COMMUNITY_NAMES.length} communities and ${NUMERALS.length} grids`,
    );
  }

  await client.query(`set temp_buffers = '1GB'`);
  await client.query('begin');
  try {
    // Foreign keys hold by construction; skipping their checks makes the load several times faster.
    await client.query('savepoint fk');
    try {
      await client.query(`set local session_replication_role = replica`);
      await client.query('release savepoint fk');
    } catch {
      await client.query('rollback to savepoint fk');
      log('  (not a superuser: foreign keys are checked row by row, which is slower)');
    }
    await client.query(`select setseed($1)`, [plan.randomSeed ?? 0.2026]);

    // A run number keeps street names (unique among roots) and phones apart from earlier runs.
    const { rows: runRows } = await client.query<{ runs: string; phone: string }>(
      `select (select count(*) from area where parent_id is null and name like '东湖街道%') as runs,
              (select coalesce(max(phone::bigint), 17000000000) from app_user where phone ~ '^17[0-9]{9}$') as phone`,
    );
    const run = Number(runRows[0]!.runs) + 1;
    const suffix = run === 1 ? '' : `（${run}）`;
    const phoneBase = Number(runRows[0]!.phone);

    // The area tree, each level with its own ids and paths.
    await client.query(`create temp table seed_area (id int, kind text, name text, parent_id int, path text, depth int,
      street_id int, community_id int, grid_id int, street_no int, community_no int, grid_no int, building_no int) on commit drop`);
    await step(
      'streets',
      `insert into seed_area (id, kind, name, path, depth, street_id, street_no)
       select id, 'STREET', name || '街道' || $2, '/' || id || '/', 0, id, no
       from (select nextval('area_id_seq')::int as id, name, no::int from unnest($1::text[]) with ordinality as t(name, no)) s`,
      [STREET_NAMES.slice(0, S), suffix],
    );
    await step(
      'communities',
      `insert into seed_area (id, kind, name, parent_id, path, depth, street_id, community_id, street_no, community_no)
       select id, 'COMMUNITY', name, street_id, street_path || id || '/', 1, street_id, id, street_no, no
       from (select nextval('area_id_seq')::int as id, ($1::text[])[c] || '社区' as name, s.id as street_id, s.path as street_path,
                    s.street_no, c as no
             from seed_area s cross join generate_series(1, $2::int) c where s.kind = 'STREET' order by s.id, c) x`,
      [COMMUNITY_NAMES, C],
    );
    await step(
      'grids',
      `insert into seed_area (id, kind, name, parent_id, path, depth, street_id, community_id, grid_id, street_no, community_no, grid_no)
       select id, 'GRID', name, community_id, community_path || id || '/', 2, street_id, community_id, id, street_no, community_no, no
       from (select nextval('area_id_seq')::int as id, left(c.name, -2) || '第' || ($1::text[])[g] || '网格' as name,
                    c.id as community_id, c.path as community_path, c.street_id, c.street_no, c.community_no, g as no
             from seed_area c cross join generate_series(1, $2::int) g where c.kind = 'COMMUNITY' order by c.id, g) x`,
      [NUMERALS, G],
    );
    await step(
      'buildings',
      `insert into seed_area (id, kind, name, parent_id, path, depth, street_id, community_id, grid_id, street_no, community_no, grid_no, building_no)
       select id, 'BUILDING', no || '号楼', grid_id, grid_path || id || '/', 3, street_id, community_id, grid_id, street_no, community_no, grid_no, no
       from (select nextval('area_id_seq')::int as id, g.id as grid_id, g.path as grid_path, g.street_id, g.community_id,
                    g.street_no, g.community_no, g.grid_no, b as no
             from seed_area g cross join generate_series(1, $1::int) b where g.kind = 'GRID' order by g.id, b) x`,
      [B],
    );
    await client.query(`analyze seed_area`);
    await step(
      'areas',
      `insert into area (id, name, kind, parent_id, path, depth, created_at)
      select id, name, kind, parent_id, path, depth, now() - interval '800 days' from seed_area order by id`,
    );

    // People: residents in every building; a grid worker per grid, two staff per community,
    // a staff member and an administrator per street.
    await client.query(`create temp table seed_user (id int, phone text, name text, home_area_id int, role text, role_area_id int,
      building_id int, k int) on commit drop`);
    const name = (n: string) =>
      `substr($2, 1 + (${n}) % length($2), 1) || ($3::text[])[1 + (${n}) % array_length($3, 1)]`;
    await step(
      'people',
      `insert into seed_user (id, phone, name, home_area_id, role, role_area_id, building_id, k)
       select nextval('app_user_id_seq')::int, ($1::bigint + row_number() over (order by ord, area_id, k))::text,
              ${name('(row_number() over (order by ord, area_id, k))::int * 7')},
              home, role, area_id, building_id, k
       from (
         select 1 as ord, id as area_id, id as home, 'RESIDENT' as role, id as building_id, k
           from seed_area cross join generate_series(1, $4::int) k where kind = 'BUILDING'
         union all select 2, id, id, 'GRID_WORKER', null, 1 from seed_area where kind = 'GRID'
         union all select 3, id, id, 'STAFF', null, k from seed_area cross join generate_series(1, 2) k where kind = 'COMMUNITY'
         union all select 4, id, null, 'STAFF', null, 1 from seed_area where kind = 'STREET'
         union all select 5, id, null, 'ADMIN', null, 1 from seed_area where kind = 'STREET'
       ) p order by ord, area_id, k`,
      [phoneBase, SURNAMES, GIVEN, R],
    );
    await step(
      'users',
      `insert into app_user (id, phone, password_hash, display_name, home_area_id, created_at)
       select id, phone, $1, name, home_area_id, now() - interval '800 days' from seed_user order by id`,
      [plan.passwordHash],
    );
    await step(
      'roles',
      `insert into role_assignment (user_id, role, area_id, created_at)
       select id, role, role_area_id, now() - interval '800 days' from seed_user order by id`,
    );
    await client.query(`create index on seed_user (building_id, k)`);
    await client.query(`analyze seed_user`);

    // What the deadlines and texts are, by category and urgency.
    const categories = Object.values(NeedCategory);
    const urgencies = Object.values(Urgency);
    const deadlines = categories.flatMap((c) => urgencies.map((u) => ({ c, u, ...defaultDeadline(c, u) })));
    await client.query(
      `create temp table seed_deadline on commit drop as
      select * from unnest($1::text[], $2::text[], $3::int[], $4::int[]) as t(category, urgency, respond_hours, resolve_hours)`,
      [
        deadlines.map((d) => d.c),
        deadlines.map((d) => d.u),
        deadlines.map((d) => d.respondHours),
        deadlines.map((d) => d.resolveHours),
      ],
    );
    const texts = categories.flatMap((c) =>
      TEXTS[c].map(([title, description, resolution], i) => ({ c, i, title, description, resolution })),
    );
    await client.query(
      `create temp table seed_text on commit drop as
      select * from unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[]) as t(category, i, title, description, resolution)`,
      [
        texts.map((t) => t.c),
        texts.map((t) => t.i),
        texts.map((t) => t.title),
        texts.map((t) => t.description),
        texts.map((t) => t.resolution),
      ],
    );
    await client.query(`create temp table seed_building on commit drop as
      select row_number() over (order by b.id)::int as rn, b.id, b.path, b.grid_id, g.path as grid_path, b.community_id,
             c.path as community_path, b.street_id, gw.id as grid_worker, s1.id as staff1, s2.id as staff2
      from seed_area b join seed_area g on g.id = b.grid_id join seed_area c on c.id = b.community_id
      join seed_user gw on gw.role = 'GRID_WORKER' and gw.role_area_id = b.grid_id
      join seed_user s1 on s1.role = 'STAFF' and s1.role_area_id = b.community_id and s1.k = 1
      join seed_user s2 on s2.role = 'STAFF' and s2.role_area_id = b.community_id and s2.k = 2
      where b.kind = 'BUILDING'`);
    const buildings = S * C * G * B;

    // The needs, with every step's time drawn once; a step has happened when its time has passed.
    // Needs are spread over two years (more of them lately) and over the buildings (some streets busier).
    const t = Date.now();
    await client.query(
      `create temp table seed_need on commit drop as
      with drawn as (
        select 1 + least(floor($2::int * power(random(), 1.3))::int, $2::int - 1) as brn,
               date_trunc('second', now() - interval '730 days' * power(random(), 1.15)) as created_at,
               random() as r_cat, random() as r_urg, random() as r_ch, random() as r_pub, random() as r_lvl, random() as r_text,
               random() as r_acc, random() as r_asg, random() as r_start, random() as r_res, random() as r_close,
               random() as r_fate, random() as r_stuck, random() as r_rating, random() as r_esc, random() as r_sup,
               random() as r_who, random() as r_assignee
        from generate_series(1, $1::int)
      ), typed as (
        select d.*, ${pick('r_cat', CATEGORY_SHARES)} as category,
               ${pick('r_urg', [
                 [Urgency.LOW, 0.2],
                 [Urgency.NORMAL, 0.55],
                 [Urgency.HIGH, 0.2],
                 [Urgency.CRITICAL, 0.05],
               ])} as urgency,
               ${pick('r_ch', [
                 ['APP', 0.55],
                 ['PHONE', 0.12],
                 ['WALK_IN', 0.1],
                 ['HOTLINE_12345', 0.13],
                 ['GRID_PATROL', 0.1],
               ])} as channel
        from drawn d
      ), timed as (
        select t.*, b.id as building_id, b.path as building_path, b.grid_id, b.grid_path, b.community_id, b.community_path, b.street_id,
               b.grid_worker, b.staff1, b.staff2, dl.respond_hours, dl.resolve_hours,
               extract(epoch from now() - t.created_at) / 3600 as age_h,
               -- 5 % rejected, 1 % stuck at some step and never finished (the overdue backlog)
               case when r_fate < 0.05 then 'REJECT' when r_fate < 0.06 then 'STUCK' else 'FLOW' end as fate,
               dl.respond_hours * (0.05 + r_acc * 1.2) as accept_h,
               dl.respond_hours * (0.1 + r_acc * 0.8) as reject_h
        from typed t join seed_building b on b.rn = t.brn join seed_deadline dl on dl.category = t.category and dl.urgency = t.urgency
      ), stepped as (
        select x.*,
               accept_h + 0.5 + r_asg * 6 as assign_h,
               accept_h + 1.5 + r_asg * 6 + r_start * 24 as start_h,
               accept_h + 1.5 + r_asg * 6 + r_start * 24 + resolve_hours * (0.1 + r_res * 0.9) as resolve_h,
               case when fate = 'STUCK' then 1 + floor(r_stuck * 4)::int else 9 end as last_step
        from timed x
      )
      select s.*,
             case when r_lvl < 0.85 then building_id when r_lvl < 0.95 then grid_id else community_id end as area_id,
             case when r_lvl < 0.85 then building_path when r_lvl < 0.95 then grid_path else community_path end as area_path,
             (r_lvl < 0.95) as has_grid,
             1 + floor(r_who * $3::int)::int as k,
             fate <> 'REJECT' and last_step >= 2 and accept_h <= age_h as accepted,
             fate = 'REJECT' and reject_h <= age_h as rejected,
             fate <> 'REJECT' and last_step >= 3 and assign_h <= age_h as assigned,
             fate <> 'REJECT' and last_step >= 4 and start_h <= age_h as started,
             fate <> 'REJECT' and last_step >= 5 and resolve_h <= age_h as resolved,
             -- 70 % confirmed and rated by the resident within days, the rest closed unrated after 7 days
             case when r_close < 0.7 then resolve_h + 2 + r_close * 80 else resolve_h + 168 end as close_h,
             r_close >= 0.7 as auto_close,
             r_esc < 0.03 and r_lvl < 0.95 as escalates,
             -- 吹哨 half an hour after acceptance: escalated once that time has passed
             r_esc < 0.03 and r_lvl < 0.95 and fate <> 'REJECT' and last_step >= 2 and accept_h + 0.3 <= age_h as escalated
      from stepped s`,
      [N, buildings, R],
    );
    log(`  drew ${N} needs: ${((Date.now() - t) / 1000).toFixed(1)} s`);

    // Ids in creation order, as they would have been given.
    await client.query(`create temp table seed_need_ordered on commit drop as
      select nextval('need_id_seq')::int as nid, n.*,
             case when rejected then 'REJECTED' when closed then 'CLOSED' when resolved then 'RESOLVED' when started then 'IN_PROGRESS'
                  when assigned then 'ASSIGNED' when accepted then 'ACCEPTED' else 'SUBMITTED' end as need_status
      from (select *, resolved and close_h <= age_h as closed from seed_need order by created_at) n`);
    await client.query(`create index on seed_need_ordered (nid)`);
    await client.query(`analyze seed_need_ordered`);
    await client.query(`drop table seed_need`);
    await client.query(`alter table seed_need_ordered rename to seed_need`);
    await client.query(`create temp view seed_need_full as
      select n.*,
             n.created_at + n.accept_h * interval '1 hour' as accepted_at,
             n.created_at + n.reject_h * interval '1 hour' as rejected_at,
             n.created_at + (n.accept_h + 0.3) * interval '1 hour' as escalated_at,
             n.created_at + n.assign_h * interval '1 hour' as assigned_at,
             n.created_at + n.start_h * interval '1 hour' as started_at,
             n.created_at + n.resolve_h * interval '1 hour' as resolved_at,
             n.created_at + n.close_h * interval '1 hour' as closed_at,
             n.created_at + n.respond_hours * interval '1 hour' as respond_by,
             n.created_at + n.resolve_hours * interval '1 hour' as resolve_by,
             resident.id as resident,
             case when n.channel = 'APP' then resident.id when n.channel = 'GRID_PATROL' then n.grid_worker else n.staff1 end as raised_by,
             case when n.channel = 'APP' then null else resident.id end as on_behalf_of,
             case when n.escalated then n.community_id when n.has_grid then n.grid_id else n.community_id end as responsible_id,
             case when n.escalated then n.community_path when n.has_grid then n.grid_path else n.community_path end as responsible_path,
             case when n.has_grid then n.grid_worker else n.staff1 end as accepter,
             case when n.has_grid and not n.escalated then n.grid_worker else n.staff1 end as responder,
             case when n.r_assignee < 0.7 and n.has_grid and not n.escalates then n.grid_worker else n.staff2 end as assignee,
             case when n.rejected or n.category in ('ELDERLY_CARE', 'HEALTH', 'DISABILITY', 'EMPLOYMENT') and n.r_pub < 0.5 or n.r_pub < 0.1
                  then 0 when n.r_sup < 0.25 then 1 + floor(n.r_sup * 24)::int else 0 end as supporters,
             not (n.category in ('ELDERLY_CARE', 'HEALTH', 'DISABILITY', 'EMPLOYMENT') and n.r_pub < 0.5 or n.r_pub < 0.1) as is_public
      from seed_need n join seed_user resident on resident.building_id = n.building_id and resident.k = n.k`);

    const { rows: range } = await client.query<{ lo: number; hi: number }>(
      `select min(nid) as lo, max(nid) as hi from seed_need`,
    );
    const lo = range[0]!.lo;
    const hi = range[0]!.hi;
    const batch = 200_000;
    let events = 0;
    let supports = 0;
    for (let from = lo; from <= hi; from += batch) {
      const to = Math.min(hi, from + batch - 1);
      const tb = Date.now();
      const times: string[] = [];
      const lap = () => times.push(((Date.now() - tb) / 1000).toFixed(1));
      await client.query(
        `insert into need (id, title, description, category, urgency, channel, status, is_public, area_id, area_path, street_id,
           community_id, grid_id, responsible_area_id, responsible_path, raised_by_id, on_behalf_of_id, assignee_id, supporter_count,
           rating, rating_comment, resolution, respond_by, resolve_by, due_at, responded_at, resolved_at, closed_at, reopen_count,
           created_at, updated_at, version)
         select n.nid, tx.title, tx.description, n.category, n.urgency, n.channel, n.need_status, n.is_public, n.area_id, n.area_path,
           n.street_id, n.community_id, case when n.has_grid then n.grid_id end, n.responsible_id, n.responsible_path, n.raised_by,
           n.on_behalf_of, case when n.assigned then n.assignee end, n.supporters,
           case when n.closed and not n.auto_close then
             case when n.r_rating < 0.55 then 5 when n.r_rating < 0.8 then 4 when n.r_rating < 0.9 then 3 when n.r_rating < 0.96 then 2 else 1 end
           end,
           null, case when n.resolved then tx.resolution end, n.respond_by, n.resolve_by,
           case when n.need_status = 'SUBMITTED' then n.respond_by when n.need_status in ('RESOLVED', 'CLOSED', 'REJECTED') then $3::timestamptz
                else n.resolve_by end,
           case when n.rejected then n.rejected_at when n.accepted then n.accepted_at end,
           case when n.resolved then n.resolved_at end,
           case when n.closed then n.closed_at when n.rejected then n.rejected_at end,
           0, n.created_at,
           greatest(n.created_at, case when n.rejected then n.rejected_at end, case when n.accepted then n.accepted_at end,
             case when n.escalated then n.escalated_at end, case when n.assigned then n.assigned_at end,
             case when n.started then n.started_at end, case when n.resolved then n.resolved_at end, case when n.closed then n.closed_at end),
           1 + n.rejected::int + n.accepted::int + n.escalated::int + n.assigned::int + n.started::int + n.resolved::int + n.closed::int
         from seed_need_full n join seed_text tx on tx.category = n.category and tx.i = floor(n.r_text * 5)::int
         where n.nid between $1 and $2 order by n.nid`,
        [from, to, NO_DEADLINE],
      );
      lap();
      const ev = await client.query(
        `insert into need_event (need_id, at, actor_id, kind, from_status, to_status, note, area_id)
         select n.nid, e.at, e.actor, e.kind, e.from_status, e.to_status, e.note, e.area
         from seed_need_full n join seed_text tx on tx.category = n.category and tx.i = floor(n.r_text * 5)::int
         cross join lateral (values
           (1, n.created_at, n.raised_by, 'RAISED', null, 'SUBMITTED', null::text, null::int, true),
           (2, n.rejected_at, n.staff1, 'TRANSITION', 'SUBMITTED', 'REJECTED', '不属于受理范围，已告知其他办理渠道。', null, n.rejected),
           (3, n.accepted_at, n.accepter, 'TRANSITION', 'SUBMITTED', 'ACCEPTED', null, null, n.accepted),
           (4, n.escalated_at, n.accepter, 'ESCALATED', null, null,
              '需要社区协调多方力量处理。', n.community_id, n.escalated),
           (5, n.assigned_at, n.responder, 'TRANSITION', 'ACCEPTED', 'ASSIGNED', null, null, n.assigned),
           (6, n.started_at, n.assignee, 'TRANSITION', 'ASSIGNED', 'IN_PROGRESS', null, null, n.started),
           (7, n.resolved_at, n.assignee, 'TRANSITION', 'IN_PROGRESS', 'RESOLVED', tx.resolution, null, n.resolved),
           (8, n.closed_at, case when n.auto_close then null else n.resident end, case when n.auto_close then 'AUTO_CLOSED' else 'TRANSITION' end,
              'RESOLVED', 'CLOSED', null, null, n.closed)
         ) as e(ord, at, actor, kind, from_status, to_status, note, area, happened)
         where n.nid between $1 and $2 and e.happened order by n.nid, e.ord`,
        [from, to],
      );
      lap();
      const sup = await client.query(
        `insert into need_support (need_id, user_id, at)
         select n.nid, u.id, n.created_at + (now() - n.created_at) * (j::float / (2 * (n.supporters + 1)))
         from seed_need_full n cross join generate_series(1, n.supporters) j
         join seed_user u on u.building_id = n.building_id and u.k = 1 + (n.k - 1 + j) % $3::int
         where n.nid between $1 and $2 and n.supporters > 0 order by n.nid, j`,
        [from, to, R],
      );
      events += ev.rowCount ?? 0;
      supports += sup.rowCount ?? 0;
      lap();
      log(
        `  needs ${from - lo + 1}–${to - lo + 1} of ${hi - lo + 1}: ${times.join(' / ')} s (needs / events / supports; elapsed ${((Date.now() - started) / 1000).toFixed(0)} s)`,
      );
    }
    await client.query(`select setval('need_id_seq', greatest((select max(id) from need), 1))`);
    // The load ran with triggers off (replica mode): the needs' rollups are rebuilt from the rows.
    const tr = Date.now();
    for (const statement of REBUILD_ROLLUPS_SQL) await client.query(statement);
    log(`  needs rollups rebuilt: ${((Date.now() - tr) / 1000).toFixed(1)} s`);

    const { rows: streets } = await client.query<{ id: number; name: string }>(
      `select id, name from seed_area where kind = 'STREET' order by id`,
    );
    const { rows: staffRows } = await client.query<{ phone: string; name: string; street_id: number }>(
      `select s.phone, s.name, s.role_area_id as street_id from seed_user s where s.role = 'STAFF' and s.role_area_id = $1`,
      [streets[0]!.id],
    );
    // The street staff member also administers the street, so the bench can read everything there.
    await client.query(
      `insert into role_assignment (user_id, role, area_id, created_at) select id, 'ADMIN', role_area_id, now() from seed_user
       where role = 'STAFF' and role_area_id = $1`,
      [streets[0]!.id],
    );
    const { rows: userCount } = await client.query<{ n: string }>(`select count(*) as n from seed_user`);
    await client.query('commit');
    log(`  committed after ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return {
      streets,
      staff: { phone: staffRows[0]!.phone, name: staffRows[0]!.name, streetId: staffRows[0]!.street_id },
      needs: hi - lo + 1,
      events,
      supports,
      users: Number(userCount[0]!.n),
    };
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}
