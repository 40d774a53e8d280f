import type { EntityManager } from '@mikro-orm/postgresql';
import { Area } from '../areas/area.entity.js';
import { User } from '../people/user.entity.js';
import { isMessageKey, translate } from '../platform/i18n/messages.js';
import type { Locale } from '../platform/i18n/locale.js';
import { toId } from '../platform/ids.js';
import type { AuditedTarget, AuditFieldReading, AuditReader, AuditTargetReading } from '../platform/module.js';
import { AUDIT_READINGS } from './audit.vocabulary.js';

/** One field of a change, in the reader's language. */
export interface AuditChangeText {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

type Snapshot = Record<string, unknown> | null | undefined;

/** A field that changed, with its raw values, before it is put in words. */
export interface FieldChange {
  field: string;
  reading: AuditFieldReading | null;
  before: unknown;
  after: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Plain rule: the fields to show of one entry. With declared fields, those in their order; else
 * every field of either side. A field shows when its value changed, or when there is only one
 * side (a creation, a removal) and it has a value there.
 */
export function changedFields(
  before: Snapshot,
  after: Snapshot,
  fields: Readonly<Record<string, AuditFieldReading>> | undefined,
): FieldChange[] {
  const names = fields
    ? Object.keys(fields)
    : [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const oneSided = !before || !after;
  return names
    .map((field) => ({ field, reading: fields?.[field] ?? null, before: before?.[field], after: after?.[field] }))
    .filter((change) =>
      oneSided
        ? (change.before ?? change.after) !== undefined && (change.before ?? change.after) !== null
        : !same(change.before, change.after),
    );
}

/** Plain rule: a value in words; people and areas by the names given, enum values by their messages. */
export function valueInWords(
  value: unknown,
  reading: AuditFieldReading | null,
  locale: Locale,
  names: { people: Map<number, string>; areas: Map<number, string> },
): string | null {
  if (value === null || value === undefined) return null;
  const how = reading?.value;
  if (how === 'person' || how === 'area') {
    const id = toId(value as string | number);
    const name = id === null ? undefined : (how === 'person' ? names.people : names.areas).get(id);
    return name ?? String(value);
  }
  if (how && typeof how === 'object') {
    const key = `${how.words}${String(value)}`;
    return isMessageKey(key) ? translate(locale, key) : String(value);
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

interface Entry extends AuditedTarget {
  targetType: string;
}

const readingOf = (entry: Entry): AuditTargetReading | undefined => AUDIT_READINGS.get(entry.targetType);

/**
 * Each entry's changes in words, for a whole page: the people and areas named in them are
 * loaded in one query each, whatever the page's size.
 */
export async function changesOf(
  em: EntityManager,
  entries: readonly Entry[],
  locale: Locale,
): Promise<AuditChangeText[][]> {
  const changes = entries.map((entry) => changedFields(entry.before, entry.after, readingOf(entry)?.fields));
  const idsOf = (kind: 'person' | 'area') => [
    ...new Set(
      changes
        .flat()
        .filter((change) => change.reading?.value === kind)
        .flatMap((change) => [change.before, change.after].map((value) => toId(value as string | number)))
        .filter((id): id is number => id !== null),
    ),
  ];
  const personIds = idsOf('person');
  const areaIds = idsOf('area');
  const [people, areas] = await Promise.all([
    // Whole rows (not partial ones): the request's identity map may hand them to other fields.
    personIds.length ? em.find(User, { id: { $in: personIds } }) : [],
    areaIds.length ? em.find(Area, { id: { $in: areaIds } }) : [],
  ]);
  const names = {
    people: new Map(people.map((person) => [person.id, person.displayName])),
    areas: new Map(areas.map((area) => [area.id, area.name])),
  };
  return changes.map((fields) =>
    fields.map((change) => ({
      field: change.field,
      label:
        change.reading && isMessageKey(change.reading.label) ? translate(locale, change.reading.label) : change.field,
      before: valueInWords(change.before, change.reading, locale, names),
      after: valueInWords(change.after, change.reading, locale, names),
    })),
  );
}

/** Each entry's target in words, for a whole page: one call of each target type's loader. */
export async function labelsOf(
  em: EntityManager,
  entries: readonly Entry[],
  reader: AuditReader,
): Promise<(string | null)[]> {
  const labels: (string | null)[] = entries.map(() => null);
  const byType = new Map<string, number[]>();
  entries.forEach((entry, index) => byType.set(entry.targetType, [...(byType.get(entry.targetType) ?? []), index]));
  for (const [targetType, indexes] of byType) {
    const load = AUDIT_READINGS.get(targetType)?.labels;
    if (!load) continue;
    const loaded = await load(
      em,
      indexes.map((index) => entries[index]!),
      reader,
    );
    indexes.forEach((index, i) => (labels[index] = loaded[i] ?? null));
  }
  return labels;
}

/** For a feature's label loader: the entries' target ids as row ids (malformed ones left out). */
export function targetRowIds(entries: readonly AuditedTarget[]): number[] {
  return [...new Set(entries.map((entry) => toId(entry.targetId)).filter((id): id is number => id !== null))];
}

/** For a feature's label loader: each entry's label from labels by target id, null for those missing. */
export function labelsByTargetId(entries: readonly AuditedTarget[], labels: Map<string, string>): (string | null)[] {
  return entries.map((entry) => labels.get(entry.targetId) ?? null);
}
