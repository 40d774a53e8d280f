import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import type { graphql } from '#lib/graphql/graphql';

// Labels of the pledges', services' and projects' enums, from the schema as in labels.ts: a value
// the server adds makes a Record below miss its label and fails `npm run check:web`.
type SchemaEnum<Name extends Parameters<typeof graphql.scalar>[0]> = ReturnType<typeof graphql.scalar<Name>>;
export type PledgeStatus = SchemaEnum<'PledgeStatus'>;
export type PledgeAction = SchemaEnum<'PledgeAction'>;
export type PledgeRequestStatus = SchemaEnum<'PledgeRequestStatus'>;
export type ServiceAction = SchemaEnum<'ServiceAction'>;
export type ProjectStatus = SchemaEnum<'ProjectStatus'>;
export type ProjectAction = SchemaEnum<'ProjectAction'>;
export type ContributionKind = SchemaEnum<'ContributionKind'>;

const keysOf = <K extends string>(record: Record<K, unknown>): K[] => Object.keys(record) as K[];

const pledgeStatusLabels: Record<PledgeStatus, () => string> = {
  PLEDGED: m.pledge_status_pledged,
  FULFILLED: m.pledge_status_fulfilled,
  PARTIAL: m.pledge_status_partial,
  NOT_FULFILLED: m.pledge_status_not_fulfilled,
  WITHDRAWN: m.pledge_status_withdrawn,
};
const pledgeRequestStatusLabels: Record<PledgeRequestStatus, () => string> = {
  OPEN: m.pledge_request_status_open,
  PLEDGED: m.pledge_request_status_pledged,
  DECLINED: m.pledge_request_status_declined,
};
const projectStatusLabels: Record<ProjectStatus, () => string> = {
  PLANNED: m.project_status_planned,
  ACTIVE: m.project_status_active,
  DONE: m.project_status_done,
  CANCELLED: m.project_status_cancelled,
};
const contributionKindLabels: Record<ContributionKind, () => string> = {
  MONEY: m.contribution_kind_money,
  GOODS: m.contribution_kind_goods,
  LABOR: m.contribution_kind_labor,
};

export const PLEDGE_STATUSES = keysOf(pledgeStatusLabels);
/** The outcomes staff may record when confirming (the server refuses any other). */
export const PLEDGE_OUTCOMES: PledgeStatus[] = ['FULFILLED', 'PARTIAL', 'NOT_FULFILLED'];
export const PROJECT_STATUSES = keysOf(projectStatusLabels);
export const CONTRIBUTION_KINDS = keysOf(contributionKindLabels);

export const pledgeStatusLabel = (s: PledgeStatus): string => pledgeStatusLabels[s]();
export const pledgeRequestStatusLabel = (s: PledgeRequestStatus): string => pledgeRequestStatusLabels[s]();
export const projectStatusLabel = (s: ProjectStatus): string => projectStatusLabels[s]();
export const contributionKindLabel = (k: ContributionKind): string => contributionKindLabels[k]();

/** ISO weekdays (1 = Monday … 7 = Sunday) as the locale names and lists them: "周一、周二和周三" / "Mon, Tue, and Wed". */
export function formatWeekdays(days: readonly number[]): string {
  // 2024-01-01 was a Monday.
  const name = new Intl.DateTimeFormat(getLocale(), { weekday: 'short', timeZone: 'UTC' });
  const names = [...days].sort((a, b) => a - b).map((d) => name.format(new Date(Date.UTC(2024, 0, d))));
  return new Intl.ListFormat(getLocale(), { style: 'long', type: 'conjunction' }).format(names);
}

/** Yuan as money: "¥20,000". */
export function formatYuan(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(getLocale(), { style: 'currency', currency: 'CNY', maximumFractionDigits: 2 }).format(
    value,
  );
}
