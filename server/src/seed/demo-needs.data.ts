import { NeedCategory as C, NeedChannel as Ch, NeedStatus as S, Urgency as U } from '../needs/need.enums.js';

/**
 * About forty needs in 幸福街道 and the steps of their lives (demo-needs.ts plays them through
 * the real lifecycle). Times are relative to the moment of seeding and nothing is random, so
 * every seeded copy looks the same: one need is overdue, the open ones are within their deadlines.
 */

export const R6 = '13800000006';
export const R7 = '13800000007';
export const VOLUNTEER = '13800000005';
export const UNIT_REP = '13800000004';
export const STAFF = '13800000002';
export const GRID_WORKER = '13800000003';
export const HEPING_STAFF = '13800000009';
/** The extra demo residents, 13900000001…36 (their homes: see moreResidents in demo.ts). */
const r = (n: number) => `1390000${String(n).padStart(4, '0')}`;

const XINGFULI = ['幸福里社区'];
const XINGFULI_G1 = [...XINGFULI, '幸福里第一网格'];
const HEPING = ['和平社区'];

export interface Comment {
  by: string;
  text: string;
  /** Hours after the need was raised. */
  after: number;
}

export interface DemoNeed {
  title: string;
  description: string;
  category: C;
  urgency?: U;
  channel?: Ch;
  isPublic?: boolean;
  /** Names below 幸福街道; the raiser's (or the resident's) home when omitted. */
  area?: string[];
  by: string;
  /** 代办: the resident it was raised for. */
  for?: string;
  /** Raised this many hours before seeding. */
  ago: number;
  status: S;
  assignee?: string;
  /** Accepted after the response deadline. */
  late?: boolean;
  /** 吹哨 right after acceptance (or after raising, while still SUBMITTED). */
  escalate?: { by: string; note: string };
  resolution?: string;
  rating?: number;
  ratingComment?: string;
  /** Closed unrated after the confirmation period. */
  autoClosed?: boolean;
  rejectReason?: string;
  supporters?: string[];
  comments?: Comment[];
  /** The one need past its deadline. */
  overdue?: boolean;
}

export const DEMO_NEEDS: DemoNeed[] = [
  // 幸福里社区 第一网格: 张伟 (grid worker) answers.
  {
    title: '3单元楼道灯坏了',
    description: '3号楼3单元1到6层的楼道声控灯都不亮了，晚上上下楼只能打手电，老人走楼梯很危险。',
    category: C.REPAIR,
    by: r(3),
    ago: 30 * 24,
    status: S.CLOSED,
    resolution: '已联系物业更换3单元1-6层声控灯，并检查了线路。',
    rating: 5,
    ratingComment: '修得很快，谢谢网格员！',
    supporters: [VOLUNTEER, r(21)],
  },
  {
    title: '小区门口垃圾桶满了没人清',
    description: '北门口的几个垃圾桶从周末开始就满了，垃圾堆到地上，天热有味道，还招苍蝇。',
    category: C.ENVIRONMENT,
    area: XINGFULI,
    by: R7,
    ago: 46,
    status: S.IN_PROGRESS,
    assignee: STAFF,
    supporters: [R6, VOLUNTEER, r(1), r(2), r(19), r(20)],
    comments: [{ by: STAFF, text: '已联系环卫所，今天下午加派一次清运。', after: 30 }],
  },
  {
    title: '独居老人王奶奶需要助餐',
    description: '4号楼的王奶奶82岁，一个人住，最近腿脚不好下不了楼，希望社区能安排助餐送餐上门。',
    category: C.ELDERLY_CARE,
    urgency: U.HIGH,
    isPublic: false,
    area: [...XINGFULI_G1, '4号楼'],
    by: VOLUNTEER,
    ago: 20,
    status: S.ASSIGNED,
    assignee: GRID_WORKER,
  },
  {
    title: '电动车在楼道充电有火灾隐患',
    description: '1号楼2单元有住户把电动车推进楼道，从窗户拉电线充电，晚上一直充着，太危险了。',
    category: C.SAFETY,
    urgency: U.HIGH,
    by: r(19),
    ago: 25 * 24,
    status: S.CLOSED,
    autoClosed: true,
    resolution: '已上门劝导住户，电动车已移至小区集中充电棚，并张贴了安全提示。',
    supporters: [R6, r(1)],
  },
  {
    title: '家里水管漏水，楼下邻居受影响',
    description: '卫生间墙里的水管好像破了，墙面一直渗水，楼下邻居家天花板已经有水印了。',
    category: C.REPAIR,
    urgency: U.HIGH,
    by: R6,
    ago: 3 * 24,
    status: S.RESOLVED,
    assignee: GRID_WORKER,
    resolution: '已请维修师傅更换墙内破裂的水管，并关阀试压两小时无渗漏，请您确认。',
    isPublic: false,
  },
  {
    title: '楼下广场舞音乐太吵',
    description: '每天晚上八点到十点，楼下广场跳舞的音响声音很大，家里孩子写作业受影响。',
    category: C.DISPUTE,
    by: R6,
    ago: 40 * 24,
    status: S.CLOSED,
    assignee: STAFF,
    resolution: '已与广场舞队协商：音量调低，晚上九点前结束。',
    rating: 4,
    ratingComment: '现在好多了。',
    supporters: [R7, r(19)],
  },
  {
    title: '申请高龄津贴不知道怎么办',
    description: '我母亲今年刚满80岁，想问问高龄津贴要准备哪些材料，去哪里办。',
    category: C.ELDERLY_CARE,
    urgency: U.LOW,
    isPublic: false,
    by: R6,
    ago: 2,
    status: S.SUBMITTED,
  },
  {
    title: '腿脚不便，需要上门办理医保认证',
    description: '孙大爷行动不便，医保待遇资格认证一直没办，网格员走访时了解到，代为登记，需要上门认证。',
    category: C.HEALTH,
    channel: Ch.GRID_PATROL,
    isPublic: false,
    by: GRID_WORKER,
    for: R7,
    ago: 6,
    status: S.ACCEPTED,
  },
  {
    title: '2号楼单元门禁坏了，陌生人随意进出',
    description: '2号楼1单元的门禁锁坏了一个多星期，门一直开着，经常有发小广告的人进来。',
    category: C.SAFETY,
    urgency: U.HIGH,
    by: r(2),
    ago: 10,
    status: S.ACCEPTED,
    supporters: [R7, r(20)],
  },
  {
    title: '4号楼屋顶漏雨，顶层住户家里墙面发霉',
    description: '4号楼顶层402、403两户，每次下雨屋顶都渗水，墙面大片发霉，希望尽快修补防水层。',
    category: C.REPAIR,
    by: r(4),
    ago: 9 * 24,
    status: S.IN_PROGRESS,
    assignee: GRID_WORKER,
    overdue: true,
    supporters: [r(22)],
    comments: [
      { by: GRID_WORKER, text: '已联系维修基金办理审批，施工队排期中。', after: 3 * 24 },
      { by: r(4), text: '已经一个多星期了，什么时候能修？', after: 8 * 24 },
    ],
  },
  {
    title: '希望小区增设篮球场',
    description: '小区里年轻人和孩子越来越多，能不能把东边空地改成一个篮球场？',
    category: C.CULTURE,
    urgency: U.LOW,
    by: r(20),
    ago: 18 * 24,
    status: S.REJECTED,
    rejectReason: '东边空地是规划消防通道和应急避难场地，不能改建。已将建议转到街道文体中心，可预约附近学校球场。',
  },
  {
    title: '孩子放学后无人照看，希望开办四点半课堂',
    description: '双职工家庭孩子放学后没人接，希望社区能办个四点半课堂，有人看着写作业。',
    category: C.CHILD_CARE,
    by: r(21),
    ago: 60 * 24,
    status: S.CLOSED,
    assignee: STAFF,
    resolution: '社区四点半课堂已在党群服务中心开班，周一至周五16:30-18:30，志愿者辅导作业。',
    rating: 5,
    ratingComment: '解决了大问题！',
    supporters: [R6, VOLUNTEER, r(3), r(22)],
  },
  {
    title: '1号楼下水道堵塞返味',
    description: '1号楼一楼的下水道堵了，厨房和卫生间都往上返臭味，一楼几户都受影响。',
    category: C.REPAIR,
    urgency: U.HIGH,
    by: r(1),
    ago: 45 * 24,
    status: S.CLOSED,
    late: true,
    resolution: '已疏通主下水管，清理了化粪池。',
    rating: 3,
    ratingComment: '修好了，但是拖了好几天才有人来。',
  },
  {
    title: '失业人员想参加技能培训',
    description: '去年厂子关了一直没找到工作，想学个手艺，社区有没有免费的职业技能培训？',
    category: C.EMPLOYMENT,
    isPublic: false,
    by: r(22),
    ago: 90 * 24,
    status: S.CLOSED,
    assignee: STAFF,
    resolution: '已推荐参加区人社局组织的育婴师免费培训，并登记了就业意向。',
    rating: 5,
  },
  {
    title: '楼道堆放杂物堵塞消防通道',
    description: '3号楼各层楼道都堆着旧家具和纸箱，消防通道被堵，劝了几次没人清。',
    category: C.SAFETY,
    by: r(3),
    ago: 50,
    status: S.IN_PROGRESS,
    assignee: STAFF,
    escalate: { by: GRID_WORKER, note: '多户拒不清理，需社区联合物业和消防集中整治。' },
    supporters: [VOLUNTEER],
  },
  {
    title: '无障碍坡道被车辆占用',
    description: '4号楼门口的无障碍坡道天天有电动车和自行车停着，坐轮椅的邻居出不了门。',
    category: C.DISABILITY,
    by: r(4),
    ago: 24,
    status: S.ASSIGNED,
    assignee: GRID_WORKER,
    supporters: [r(22)],
  },
  {
    title: '高空抛物，楼下车辆被砸',
    description: '市民来电：2号楼有人从高层往下扔东西，楼下停的车被砸出一个坑，担心砸到人。',
    category: C.SAFETY,
    urgency: U.HIGH,
    channel: Ch.HOTLINE_12345,
    by: STAFF,
    for: r(20),
    ago: 15 * 24,
    status: S.CLOSED,
    assignee: GRID_WORKER,
    resolution: '已调取监控确认住户并批评教育，单元门口加装了高空抛物监控探头。',
    rating: 4,
  },
  {
    title: '楼上装修周末早上七点就开工',
    description: '市民来电：楼上装修周六周日早上七点就开始打电钻，严重影响休息。',
    category: C.DISPUTE,
    channel: Ch.HOTLINE_12345,
    isPublic: false,
    by: STAFF,
    for: r(19),
    ago: 26,
    status: S.IN_PROGRESS,
    assignee: STAFF,
  },
  {
    title: '老旧小区加装电梯意见征集',
    description: '单元里不少老人希望加装电梯，能不能请社区牵头征集一下各户意见？',
    category: C.OTHER,
    urgency: U.LOW,
    area: XINGFULI,
    by: UNIT_REP,
    ago: 5,
    status: S.SUBMITTED,
    supporters: [R6, R7, r(1), r(3)],
  },
  {
    title: '小区路灯晚上不亮',
    description: '从1号楼到北门那段路的三盏路灯都不亮，晚上黑乎乎的。',
    category: C.REPAIR,
    by: r(19),
    ago: 4,
    status: S.SUBMITTED,
    supporters: [r(1)],
  },
  {
    title: '空调外机滴水到楼下阳台',
    description: '楼上空调外机的冷凝水一直滴到我家阳台，沟通过一次没有改善。',
    category: C.DISPUTE,
    urgency: U.LOW,
    by: r(2),
    ago: 4 * 24,
    status: S.IN_PROGRESS,
    assignee: GRID_WORKER,
  },
  {
    title: '快递柜不够用，包裹堆在门口',
    description: '小区只有一组快递柜，经常满，快递员就把包裹堆在门口，丢过好几次。',
    category: C.OTHER,
    urgency: U.LOW,
    by: r(20),
    ago: 50 * 24,
    status: S.CLOSED,
    autoClosed: true,
    resolution: '已协调快递公司在南门增设一组快递柜。',
    supporters: [R6, R7, r(2)],
  },
  {
    title: '小区周边道路夜间大货车通行噪音大',
    description: '小区东侧马路每天夜里有大货车经过，鸣笛和震动很厉害，临街几栋楼都睡不好。',
    category: C.ENVIRONMENT,
    area: XINGFULI,
    by: r(1),
    ago: 30,
    status: S.ACCEPTED,
    escalate: { by: STAFF, note: '涉及交通管理，超出社区职责，请街道协调交警部门。' },
    supporters: [R6, r(19), r(5)],
  },
  {
    title: '腿摔伤了，想借一辆轮椅',
    description: '来电：老人在家摔伤了腿，出院后需要轮椅，问社区有没有可以借用的。',
    category: C.DISABILITY,
    urgency: U.HIGH,
    channel: Ch.PHONE,
    isPublic: false,
    by: STAFF,
    for: r(21),
    ago: 10 * 24,
    status: S.CLOSED,
    assignee: STAFF,
    resolution: '已从社区助残服务站借出轮椅一辆，志愿者送货上门。',
    rating: 5,
    ratingComment: '社区的人太好了。',
  },
  // 幸福里社区 第二网格: the community staff answers.
  {
    title: '井盖松动，晚上有人差点绊倒',
    description: '第二网格2号楼下的污水井盖松了，一踩就翘起来，晚上看不清很危险。',
    category: C.SAFETY,
    urgency: U.HIGH,
    by: r(6),
    ago: 12 * 24,
    status: S.CLOSED,
    assignee: STAFF,
    resolution: '已更换防坠井盖并加固。',
    rating: 5,
    supporters: [r(5), r(7)],
  },
  {
    title: '希望社区卫生服务站周末也开门',
    description: '上班族只有周末有空去看病开药，卫生服务站周末不开门很不方便。',
    category: C.HEALTH,
    urgency: U.LOW,
    by: r(5),
    ago: 35 * 24,
    status: S.CLOSED,
    autoClosed: true,
    assignee: STAFF,
    resolution: '已与卫生服务中心协调，自下月起周六上午开诊。',
    supporters: [r(6), r(23), r(24)],
  },
  {
    title: '外墙瓷砖脱落，砸坏了楼下雨棚',
    description: '3号楼外墙瓷砖掉下来好几块，把一楼的雨棚砸穿了，幸好没砸到人，需要马上处理！',
    category: C.SAFETY,
    urgency: U.CRITICAL,
    channel: Ch.WALK_IN,
    by: STAFF,
    for: r(7),
    ago: 8 * 24,
    status: S.CLOSED,
    assignee: STAFF,
    resolution: '当天拉起警戒线，次日请施工队对外墙空鼓瓷砖全部排查清理。',
    rating: 5,
  },
  {
    title: '希望组织老年人智能手机培训',
    description: '很多老人不会用手机挂号、扫码，能不能请志愿者来教一教？',
    category: C.EDUCATION,
    urgency: U.LOW,
    by: r(23),
    ago: 30,
    status: S.ACCEPTED,
    supporters: [r(24), r(25)],
  },
  {
    title: '暑期青少年托管班报名咨询',
    description: '想了解社区暑期托管班什么时候报名，有没有名额限制。',
    category: C.EDUCATION,
    isPublic: false,
    by: r(24),
    ago: 150 * 24,
    status: S.CLOSED,
    assignee: STAFF,
    resolution: '已告知报名时间和方式，并帮助完成报名。',
    rating: 4,
  },
  {
    title: '垃圾分类投放点异味严重',
    description: '第二网格的垃圾分类投放点清理不及时，厨余垃圾桶味道很大，夏天尤其严重。',
    category: C.ENVIRONMENT,
    by: r(25),
    ago: 40,
    status: S.ASSIGNED,
    assignee: STAFF,
    supporters: [r(5), r(6)],
  },
  {
    title: '宠物狗不拴绳，吓到小孩',
    description: '有邻居遛狗不拴绳，大狗在小区里乱跑，好几个孩子被吓哭了。',
    category: C.DISPUTE,
    by: r(7),
    ago: 22 * 24,
    status: S.CLOSED,
    assignee: STAFF,
    resolution: '已走访养犬户并发放文明养犬倡议书，小区内张贴提示。',
    rating: 3,
    ratingComment: '好了几天，又开始不拴了。',
  },
  // 和平社区: 吴丽娟 (community staff) answers.
  {
    title: '路面坑洼，下雨积水',
    description: '和平路小区主干道路面坑坑洼洼，一下雨就积水，老人出门容易滑倒。',
    category: C.REPAIR,
    area: [...HEPING, '和平第一网格'],
    by: r(8),
    ago: 20 * 24,
    status: S.CLOSED,
    assignee: HEPING_STAFF,
    resolution: '已对主干道破损路面进行修补。',
    rating: 4,
    supporters: [r(9), r(10)],
  },
  {
    title: '独居老人李大爷多日未出门，请上门看看',
    description: '1单元的李大爷平时每天都下楼遛弯，这三天都没见着，敲门也没人应，很担心。',
    category: C.ELDERLY_CARE,
    urgency: U.CRITICAL,
    by: r(9),
    ago: 5 * 24,
    status: S.CLOSED,
    assignee: HEPING_STAFF,
    resolution: '已联系家属开门，李大爷感冒卧床，已送医并安排志愿者每日探望。',
    rating: 5,
    ratingComment: '感谢社区及时处理。',
  },
  {
    title: '社区活动室开放时间太短',
    description: '活动室下午五点就关门了，上班的人根本用不上，希望延长到晚上九点。',
    category: C.CULTURE,
    urgency: U.LOW,
    by: r(10),
    ago: 10 * 24,
    status: S.REJECTED,
    rejectReason: '活动室晚间无人值守，暂不能延长；周六日全天开放，欢迎预约。',
  },
  {
    title: '共享单车乱停，堵住消防通道',
    description: '和平第二网格小区门口共享单车越停越多，把消防通道都堵死了。',
    category: C.SAFETY,
    by: r(11),
    ago: 3 * 24,
    status: S.IN_PROGRESS,
    assignee: HEPING_STAFF,
    supporters: [r(12), r(13), r(29)],
  },
  {
    title: '低保申请材料咨询',
    description: '家里老人重病，想申请低保，不知道需要哪些材料。',
    category: C.OTHER,
    isPublic: false,
    by: r(13),
    ago: 70 * 24,
    status: S.CLOSED,
    assignee: HEPING_STAFF,
    resolution: '已上门指导准备材料并代为提交申请。',
    rating: 5,
  },
  {
    title: '楼顶太阳能热水器漏水',
    description: '不知道是谁家的太阳能热水器一直往下漏水，楼道墙面都湿了。',
    category: C.REPAIR,
    by: r(26),
    ago: 6,
    status: S.SUBMITTED,
  },
  {
    title: '希望社区组织义诊量血压',
    description: '小区老人多，希望社区卫生站每月来一次，量量血压、测测血糖。',
    category: C.HEALTH,
    urgency: U.LOW,
    by: r(27),
    ago: 30 * 24,
    status: S.CLOSED,
    autoClosed: true,
    assignee: HEPING_STAFF,
    resolution: '已与社区卫生服务站约定每月第一个周六上午在活动室义诊。',
    supporters: [r(8), r(28)],
  },
  // 光明社区: no worker has picked these up yet.
  {
    title: '楼道扶手松动',
    description: '2号楼楼梯扶手好几处松了，老人扶着上楼晃得厉害。',
    category: C.REPAIR,
    urgency: U.LOW,
    by: r(15),
    ago: 3,
    status: S.SUBMITTED,
  },
  {
    title: '希望开办社区老年食堂',
    description: '光明社区老人多，子女都上班，希望能有个老年食堂，中午能吃口热乎饭。',
    category: C.ELDERLY_CARE,
    urgency: U.LOW,
    by: r(14),
    ago: 8,
    status: S.SUBMITTED,
    supporters: [r(16), r(32), r(33)],
  },
];
