import { UnitKind } from '../units/units.enums.js';

/** 13800000004 (DEMO_ACCOUNTS.unitRep, spelled out: demo.ts imports this file). */
const UNIT_REP = '13800000004';

const XINGFU = '幸福街道';

export interface DemoUnit {
  name: string;
  kind: UnitKind;
  /** Names along the area tree from the street down. */
  area: string[];
  address: string;
  contactName: string;
  contactPhone: string;
  partyOrganization?: string;
  /** Communities it has reported in to (accepted), and one still waiting where given. */
  reportedIn: string[][];
  pendingReportIn?: string[];
  representatives: string[];
}

/** The resident units of the demo streets; README lists them. Other seeders find them by name. */
export const DEMO_UNITS = {
  school: {
    name: '幸福街道第一小学',
    kind: UnitKind.SCHOOL,
    area: [XINGFU, '幸福里社区'],
    address: '幸福路 18 号',
    contactName: '刘洋',
    contactPhone: UNIT_REP,
    partyOrganization: '中共幸福街道第一小学支部委员会',
    reportedIn: [[XINGFU, '幸福里社区']],
    pendingReportIn: [XINGFU, '和平社区'],
    representatives: [UNIT_REP],
  },
  hospital: {
    name: '幸福里社区卫生服务中心',
    kind: UnitKind.HOSPITAL,
    area: [XINGFU, '幸福里社区'],
    address: '幸福路 32 号',
    contactName: '马春华',
    contactPhone: '13900000101',
    partyOrganization: '中共幸福里社区卫生服务中心支部委员会',
    reportedIn: [[XINGFU, '幸福里社区']],
    representatives: ['13900000101'],
  },
  power: {
    name: '国网幸福供电所',
    kind: UnitKind.STATE_ENTERPRISE,
    area: [XINGFU, '和平社区'],
    address: '和平街 5 号',
    contactName: '高建军',
    contactPhone: '13900000102',
    partyOrganization: '中共国网幸福供电所支部委员会',
    reportedIn: [
      [XINGFU, '和平社区'],
      [XINGFU, '幸福里社区'],
    ],
    representatives: ['13900000102'],
  },
  property: {
    name: '安居物业幸福里项目部',
    kind: UnitKind.PROPERTY_MANAGEMENT,
    area: [XINGFU, '幸福里社区'],
    address: '幸福里小区 1 号楼底商',
    contactName: '郭立新',
    contactPhone: '13900000103',
    reportedIn: [[XINGFU, '幸福里社区']],
    representatives: ['13900000103'],
  },
  bank: {
    name: '工商银行幸福支行',
    kind: UnitKind.STATE_ENTERPRISE,
    area: [XINGFU, '光明社区'],
    address: '光明大街 66 号',
    contactName: '林晓燕',
    contactPhone: '13900000104',
    partyOrganization: '中共工商银行幸福支行支部委员会',
    reportedIn: [[XINGFU, '光明社区']],
    representatives: ['13900000104'],
  },
  socialWork: {
    name: '暖心社会工作服务中心',
    kind: UnitKind.SOCIAL_ORGANIZATION,
    area: [XINGFU, '和平社区'],
    address: '和平街 20 号 2 层',
    contactName: '何静怡',
    contactPhone: '13900000105',
    reportedIn: [
      [XINGFU, '和平社区'],
      [XINGFU, '幸福里社区'],
    ],
    representatives: ['13900000105'],
  },
  otherStreetSchool: {
    name: '阳光中学',
    kind: UnitKind.SCHOOL,
    area: ['阳光街道', '朝阳社区'],
    address: '阳光路 1 号',
    contactName: '罗志明',
    contactPhone: '13900000106',
    reportedIn: [['阳光街道', '朝阳社区']],
    representatives: ['13900000106'],
  },
} satisfies Record<string, DemoUnit>;
