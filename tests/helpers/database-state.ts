/**
 * Of these tables only some columns count: the outbox's worker marks messages sent at any
 * moment, but a refusal must still write no message.
 */
const WATCHED_COLUMNS: Record<string, string> = {
  outbox_message: '(t.id, t.recipient, t.template, t.params)',
};

type Sql = <T = Record<string, unknown>>(query: string, params?: unknown[]) => Promise<T[]>;

const IGNORED = /^(login_attempt|sign_in_code|.*rate_limit.*|mikro_orm_migrations)$/;

async function watchedTables(sql: Sql, ignore: RegExp): Promise<string[]> {
  const tables = await sql<{ name: string }>(
    `select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  return tables.map((table) => table.name).filter((name) => !ignore.test(name));
}

/**
 * A fingerprint of every table's rows, to see that a refused request changed nothing.
 * `ignore`: tables a refusal may rightly write to (counting failed sign-ins and wrong SMS codes, rate limits).
 */
export async function databaseState(sql: Sql, ignore: RegExp = IGNORED): Promise<string> {
  const watched = await watchedTables(sql, ignore);
  const rows = await sql<{ name: string; count: number; digest: string }>(
    watched
      .map(
        (name) =>
          `select '${name}' as name, count(*)::int as count, md5(coalesce(string_agg(${WATCHED_COLUMNS[name] ?? 't'}::text, ',' order by ${WATCHED_COLUMNS[name] ?? 't'}::text), '')) as digest from "${name}" t`,
      )
      .join(' union all ')
      // A union of many tables may come back in any order (parallel append): fix it.
      .concat(' order by name'),
  );
  // Sorted here: PostgreSQL may run the branches of a long union in parallel, in any order.
  return rows
    .map((row) => `${row.name} ${row.count} ${row.digest}`)
    .sort()
    .join('\n');
}

/**
 * A counter of the writes to the tables `databaseState` fingerprints (the same `ignore`), for a
 * caller that fingerprints often: while it stands still no watched row was inserted, updated,
 * deleted or truncated, so the fingerprint cannot have changed and need not be taken again. Row
 * triggers on each table advance a sequence in a schema of its own (outside `public`, so no
 * fingerprint sees it). A sequence is not rolled back: a write its transaction undid still
 * counts, which costs a fingerprint, never a missed change. Test databases only.
 */
export async function watchWrites(sql: Sql, ignore: RegExp = IGNORED): Promise<() => Promise<number>> {
  await sql('create schema test_watch');
  await sql('create sequence test_watch.writes');
  await sql(
    `create function test_watch.count_write() returns trigger language plpgsql as
     $$ begin perform nextval('test_watch.writes'); return null; end $$`,
  );
  for (const name of await watchedTables(sql, ignore)) {
    await sql(
      `create trigger test_watch_rows after insert or update or delete on "${name}"
       for each row execute function test_watch.count_write()`,
    );
    await sql(
      `create trigger test_watch_truncate after truncate on "${name}"
       for each statement execute function test_watch.count_write()`,
    );
  }
  return async () => {
    const [row] = await sql<{ writes: string }>(
      'select case when is_called then last_value else 0 end as writes from test_watch.writes',
    );
    return Number(row!.writes);
  };
}
