import { registerEnumType } from 'type-graphql';
import type { AuditTargetReading, AuditVocabulary } from '../platform/module.js';

/*
 * What the audit log can record. Each feature declares its actions and targets in its
 * <feature>.audit.ts and hands them over in its module's `auditVocabulary` (app.ts passes
 * them to declareAuditVocabulary, for the GraphQL enums), and tells the compiler by adding
 * them to these interfaces (declaration merging), so the audit module names no feature and
 * recordAudit accepts only what some feature declared.
 */

/** GraphQL name (AREA_CREATE, NEED_ACCEPT, …) → the string stored in audit_entry.action. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface AuditActions {}
/** GraphQL name (AREA, NEED, …) → the string stored in audit_entry.target_type. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface AuditTargets {}

export type AuditAction = AuditActions[keyof AuditActions];
export type AuditTarget = AuditTargets[keyof AuditTargets];

/** A feature's actions under the GraphQL names they get: `${prefix}_${key}`. */
export type AuditActionsOf<Prefix extends string, Actions extends Record<string, string>> = {
  [Key in keyof Actions & string as `${Prefix}_${Key}`]: Actions[Key];
};

/** The GraphQL enums; their values are the stored strings. Filled by app.ts from the modules, before any schema is built. */
export const AuditActionEnum: Record<string, string> = {};
export const AuditTargetEnum: Record<string, string> = {};

registerEnumType(AuditActionEnum, {
  name: 'AuditAction',
  description: 'What an audited change did (stored as area.create, need.accept, …)',
});
registerEnumType(AuditTargetEnum, {
  name: 'AuditTarget',
  description: 'The kind of record an audited change was made to',
});

function add(into: Record<string, string>, name: string, value: string) {
  if (name in into || Object.values(into).includes(value))
    throw new Error(`audit ${name} (${value}) is declared twice`);
  into[name] = value;
}

/** How entries read, by stored target type: filled from the modules with the enums. */
export const AUDIT_READINGS = new Map<string, AuditTargetReading>();

/** Adds a feature's actions (named `${prefix}_${key}` in GraphQL) and targets to the enums, and how its targets read. */
export function declareAuditVocabulary({ prefix, actions, targets, reading }: AuditVocabulary): void {
  for (const [key, value] of Object.entries(actions)) add(AuditActionEnum, `${prefix}_${key}`, value);
  for (const [name, value] of Object.entries(targets)) add(AuditTargetEnum, name, value);
  for (const [target, targetReading] of Object.entries(reading ?? {})) AUDIT_READINGS.set(target, targetReading);
}
