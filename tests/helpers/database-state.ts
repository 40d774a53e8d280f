/**
 * Of these tables only some columns count: the outbox's worker marks messages sent at any
 * moment, but a refusal must still write no message.
 */
const WATCHED_COLUMNS: Record<string, string> = {
  outbox_message: '(t.id, t.recipient, t.template, t.params)',
};

/**
 * A fingerprint of every table's rows, to see that a refused request changed nothing.
 * `ignore`: tables a refusal may rightly write to (counting failed sign-ins and wrong SMS codes, rate limits).
 */
export async function databaseState(
  sql: <T = Record<string, unknown>>(query: string, params?: unknown[]) => Promise<T[]>,
  ignore: RegExp = /^(login_attempt|sign_in_code|.*rate_limit.*|mikro_orm_migrations)$/,
): Promise<string> {
  const tables = await sql<{ name: string }>(
    `select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const watched = tables.map((table) => table.name).filter((name) => !ignore.test(name));
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
