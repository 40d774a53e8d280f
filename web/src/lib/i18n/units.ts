import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import type { graphql } from '#lib/graphql/graphql';

// The units' enums from the schema, labelled as labels.ts does the others: a value the server
// adds makes a Record below miss a label, which fails `npm run check:web`.
type SchemaEnum<Name extends Parameters<typeof graphql.scalar>[0]> = ReturnType<typeof graphql.scalar<Name>>;
export type UnitKind = SchemaEnum<'UnitKind'>;
export type ResourceKind = SchemaEnum<'ResourceKind'>;
export type ReportInStatus = SchemaEnum<'ReportInStatus'>;
export type PledgeStatus = SchemaEnum<'PledgeStatus'>;
export type UnitAction = SchemaEnum<'UnitAction'>;

const keysOf = <K extends string>(record: Record<K, unknown>): K[] => Object.keys(record) as K[];

const unitKindLabels: Record<UnitKind, () => string> = {
  GOVERNMENT: m.unit_kind_government,
  STATE_ENTERPRISE: m.unit_kind_state_enterprise,
  PRIVATE_ENTERPRISE: m.unit_kind_private_enterprise,
  SOCIAL_ORGANIZATION: m.unit_kind_social_organization,
  SCHOOL: m.unit_kind_school,
  HOSPITAL: m.unit_kind_hospital,
  PROPERTY_MANAGEMENT: m.unit_kind_property_management,
  OTHER: m.unit_kind_other,
};

const resourceKindLabels: Record<ResourceKind, () => string> = {
  FUNDS: m.resource_kind_funds,
  VENUE: m.resource_kind_venue,
  SKILL: m.resource_kind_skill,
  TECHNOLOGY: m.resource_kind_technology,
  GOODS: m.resource_kind_goods,
  LABOR: m.resource_kind_labor,
  POLICY: m.resource_kind_policy,
};

const reportInStatusLabels: Record<ReportInStatus, () => string> = {
  PENDING: m.report_in_status_pending,
  ACCEPTED: m.report_in_status_accepted,
  DECLINED: m.report_in_status_declined,
};

const pledgeStatusLabels: Record<PledgeStatus, () => string> = {
  PLEDGED: m.unit_pledge_status_pledged,
  FULFILLED: m.unit_pledge_status_fulfilled,
  PARTIAL: m.unit_pledge_status_partial,
  NOT_FULFILLED: m.unit_pledge_status_not_fulfilled,
  WITHDRAWN: m.unit_pledge_status_withdrawn,
};

export const UNIT_KINDS = keysOf(unitKindLabels);
export const RESOURCE_KINDS = keysOf(resourceKindLabels);
export const REPORT_IN_STATUSES = keysOf(reportInStatusLabels);
export const PLEDGE_STATUSES = keysOf(pledgeStatusLabels);

export const unitKindLabel = (k: UnitKind): string => unitKindLabels[k]();
export const resourceKindLabel = (k: ResourceKind): string => resourceKindLabels[k]();
export const reportInStatusLabel = (s: ReportInStatus): string => reportInStatusLabels[s]();
export const pledgeStatusLabel = (s: PledgeStatus): string => pledgeStatusLabels[s]();

/** A service's days and hours: "周一至周五 16:30–18:00", "Mon, Wed 9:00–11:00". */
export function formatSchedule(schedule: { weekdays: number[]; startTime: string; endTime: string }): string {
  const days = [...schedule.weekdays].sort((a, b) => a - b);
  // 2024-01-01 was a Monday: day d of the ISO week is 2024-01-0d.
  const name = (d: number) =>
    new Intl.DateTimeFormat(getLocale(), { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, d)));
  const consecutive = days.length > 2 && days.every((d, i) => i === 0 || d === days[i - 1]! + 1);
  const dayText = consecutive
    ? m.units_schedule_days_range({ from: name(days[0]!), to: name(days[days.length - 1]!) })
    : days.map(name).join(m.units_schedule_days_separator());
  return m.units_schedule_text({ days: dayText, start: schedule.startTime, end: schedule.endTime });
}

/** A quantity with its measure ("20000 元", "3 间"), or null when not counted. */
export function formatQuantity(value: number | null | undefined, measure: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const n = new Intl.NumberFormat(getLocale(), { maximumFractionDigits: 2 }).format(value);
  return measure ? `${n} ${measure}` : n;
}
