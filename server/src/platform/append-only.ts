import type { TriggerDef } from '@mikro-orm/core';

/**
 * A trigger that makes a table append-only: the database itself refuses to change or delete a
 * row (志愿服务记录与证明出具办法: records are truthful and complete; a correction is a new row).
 * TRUNCATE is left alone (it is not a row change, and only an operator can run it).
 */
export function appendOnly(): TriggerDef {
  return {
    name: 'append_only',
    timing: 'before',
    events: ['update', 'delete'],
    forEach: 'row',
    body: "raise exception 'append-only: rows are never changed or deleted' using errcode = 'restrict_violation'",
  };
}
