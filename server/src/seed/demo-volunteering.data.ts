/**
 * The volunteering demo (幸福里社区 of 幸福街道), named once so that each feature's seeder finds
 * what an earlier one planted: profiles and teams, then activities and sign-ups, then
 * attendance, then verified history, corrections and stars, then certificates.
 * The demo volunteer is 陈静 (13800000005); the demo resident 赵桂兰 (13800000006) is not a
 * volunteer yet, so a browser test can make her one.
 */
export const DEMO_TEAMS = {
  /** Led by 陈静; two approved members and one request waiting. */
  afterSchool: '幸福里四点半课堂志愿队',
  /** Led by a resident volunteer; 陈静 a member. */
  elderCare: '幸福里居家养老助老队',
  /** 和平社区's team (outside 幸福里 staff's reach). */
  disability: '和平社区助残服务队',
} as const;

export const DEMO_ACTIVITIES = {
  /** Team afterSchool; weekday shifts 16:30–18:00 over the next two weeks, capacity 4, some places taken. */
  afterSchool: '四点半课堂作业辅导',
  /** Upcoming Saturday, one shift with capacity 3: full, two on the waiting list. */
  elderVisit: '重阳敬老入户探访',
  /** Today 08:00–20:00 (China time), capacity 20: its check-in code works now; 3 checked in, 1 checked out. */
  cleanUp: '幸福里环境清洁日',
  /** Last week: 6 checked out, waiting for the organiser to verify; one forgotten check-out still open. */
  lastWeek: '秋季义诊协助',
  /** 补录 from a paper sheet, 10 days ago (retroactive). */
  paperSheet: '社区反诈宣传（纸质签到补录）',
  /** The verified history: monthly sessions over the past 13 months that make 陈静's 102 h and the rankings. */
  history: '幸福里助老服务（月度）',
  /** 和平社区's activity (other community, for reach tests). */
  heping: '和平社区助残陪同就医',
} as const;

/** The minor waiting for a guardian's consent (12 years old), a resident of 幸福里第一网格. */
export const DEMO_MINOR = { phone: '13900000201', name: '林小雨' } as const;

/** 陈静's verified hours from the history: past 一星 (100 h), so the star is on the board now. */
export const DEMO_VOLUNTEER_HOURS = 102;
