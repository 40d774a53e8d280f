import fs from 'node:fs';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isAbstractType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLInputField,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseState, watchWrites } from '../helpers/database-state.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

/**
 * Every query and mutation argument of the committed schema gets hostile values (wrong
 * types, huge, empty, NUL, emoji and combining marks, SQL and HTML, out-of-range numbers
 * and dates, malformed ids and cursors), as a signed-in staff member, a street
 * administrator and an anonymous visitor. No answer may be a 500 or INTERNAL_SERVER_ERROR,
 * and a refused operation may change nothing in the database.
 *
 * Seeded and reproducible: the seed is printed; FUZZ_SEED=<seed> replays a run and
 * FUZZ_CASES=<n> sets how many cases it makes.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CASES = Number(process.env.FUZZ_CASES ?? 1000);
/** Operations whose success would take the fuzzer's own session away. */
const SKIPPED = new Set(['logout']);

/** mulberry32: a small seeded generator, so a failing run can be replayed exactly. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Random = ReturnType<typeof generator>;

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  'x'.repeat(5_000),
  '长'.repeat(3_000),
  '❤\uFE0F'.repeat(300),
  'e\u0301'.repeat(300),
  'Z\u0351\u0352\u0353\u0354\u0355'.repeat(50),
  '👨‍👩‍👧‍👦'.repeat(100),
  '\uD800',
  '\u202Egnp.exe',
  "' OR 1=1 --",
  "'; drop table need; --",
  '%_\\%',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '=HYPERLINK("http://evil")',
  '${7*7}{{7*7}}',
  '\r\n\t\b\f\v',
  'null',
  'undefined',
  '-1',
  '1e309',
  '13800000000',
  cursorOf(['x', 'y']),
  cursorOf([{ $gt: 1 }, 1]),
  cursorOf([1]),
  cursorOf(['2024-01-01T00:00:00.000Z', 2 ** 60]),
  'not-base64!',
];
const HOSTILE_CURSORS = [
  cursorOf(['x', 'y']),
  cursorOf([{ $gt: 1 }, 1]),
  cursorOf([1]),
  cursorOf([1, 2, 3]),
  cursorOf(['2024-01-01T00:00:00.000Z', 2 ** 60]),
  cursorOf(['0000-01-01T00:00:00.000Z', 1]),
  cursorOf([null, null]),
  cursorOf('x'),
  cursorOf({}),
  '%%%',
  '',
];
const HOSTILE_IDS = [
  '',
  '0',
  '-1',
  '1.5',
  '1e3',
  ' 1',
  '0x10',
  '99999999999999999999',
  '2147483648',
  'abc',
  '\u0000',
  '1; drop table need',
];
const HOSTILE_INTS = [0, -1, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, -1e15, 1e308];
const HOSTILE_DATES = [
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '1899-12-31T23:59:59Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
  '2024-02-30T00:00:00Z',
  'yesterday',
  '',
  -8.64e15,
  8.64e15,
  0,
];
const WRONG_TYPES: unknown[] = [null, true, 0, -1, 1.5, 'x', '', [], {}, [null], { a: 1 }, 'x'.repeat(10_000)];

/** A value the server might accept, so that one hostile argument beside it reaches the resolver. */
function plausible(type: GraphQLInputType, random: Random, depth = 0): unknown {
  if (isNonNullType(type) && getNamedType(type).name === 'String' && !isListType(type.ofType)) {
    return random.pick(['测试', 'test', '楼道灯坏了', '13800000001']);
  }
  if (isNonNullType(type)) return plausible(type.ofType, random, depth);
  if (isListType(type)) return depth > 3 ? [] : [plausible(type.ofType, random, depth + 1)];
  if (isEnumType(type)) return random.pick(type.getValues()).name;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) || random.chance(0.3)) value[field.name] = plausible(field.type, random, depth + 1);
    }
    return value;
  }
  switch (getNamedType(type).name) {
    case 'ID':
      return random.pick(knownIds);
    case 'Int':
      return 1 + random.int(10);
    case 'Float':
      return random.next() * 10;
    case 'Boolean':
      return random.chance(0.5);
    case 'DateTime':
      return new Date(Date.now() - random.int(30) * 86_400_000).toISOString();
    default:
      return random.pick(['测试', 'test', '楼道灯坏了', '13800000001']);
  }
}

/** A hostile value for `type`: of its kind (huge, malformed, out of range) or of the wrong kind. */
function hostile(type: GraphQLInputType, random: Random, depth = 0): unknown {
  if (random.chance(0.15)) return random.pick(WRONG_TYPES);
  if (isNonNullType(type)) return hostile(type.ofType, random, depth);
  if (isListType(type)) {
    const choice = random.int(4);
    if (choice === 0) return [];
    if (choice === 1) return Array.from({ length: 500 }, () => plausible(type.ofType, random, depth + 1));
    return [plausible(type.ofType, random, depth + 1), hostile(type.ofType, random, depth + 1)];
  }
  if (isEnumType(type)) return random.pick(['NOPE', '', type.getValues()[0]!.name.toLowerCase(), 1, '__typename']);
  if (isInputObjectType(type)) {
    const value = plausible(type, random, depth) as Record<string, unknown>;
    const fields: GraphQLInputField[] = Object.values(type.getFields());
    if (random.chance(0.1)) return { ...value, unknownField: 'x' };
    const field = random.pick(fields);
    value[field.name] = depth > 3 ? null : hostile(field.type, random, depth + 1);
    return value;
  }
  if (!isScalarType(type)) return null;
  switch (type.name) {
    case 'ID':
      return random.pick([...HOSTILE_IDS, ...HOSTILE_STRINGS]);
    case 'Int':
    case 'Float':
      return random.pick(HOSTILE_INTS);
    case 'Boolean':
      return random.pick(['true', 1, 'yes']);
    case 'DateTime':
      return random.pick(HOSTILE_DATES);
    default:
      return random.pick(HOSTILE_STRINGS);
  }
}

interface Case {
  operation: 'query' | 'mutation';
  field: string;
  actor: string | null;
  query: string;
  variables: Record<string, unknown>;
}

function makeCase(
  operation: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  actor: string | null,
  random: Random,
): Case {
  const args: readonly GraphQLArgument[] = field.args;
  const target = args.length ? random.pick(args) : null;
  const variables: Record<string, unknown> = {};
  const used = args.filter((arg) => arg === target || isNonNullType(arg.type) || random.chance(0.4));
  for (const arg of used) {
    variables[arg.name] =
      arg !== target
        ? plausible(arg.type, random)
        : arg.name === 'after' && random.chance(0.7)
          ? random.pick(HOSTILE_CURSORS)
          : hostile(arg.type, random);
  }
  const definitions = used.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const call = used.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const returned = getNamedType(field.type);
  const selection = isObjectType(returned) || isAbstractType(returned) ? ' { __typename }' : '';
  return {
    operation,
    field: field.name,
    actor,
    query: `${operation}${definitions ? `(${definitions})` : ''} { ${field.name}${call ? `(${call})` : ''}${selection} }`,
    variables,
  };
}

let server: TestServer;
/** Ids of rows that exist, so that an operation gets past "not found" to the argument under test. */
let knownIds: string[] = ['1'];
const ACTORS = [null, DEMO_ACCOUNTS.communityStaff, DEMO_ACCOUNTS.streetAdmin];

beforeAll(async () => {
  server = await createTestServer();
  await Promise.all(ACTORS.filter((a) => a !== null).map((phone) => server.tokenFor(phone)));
  const rows = await server.sql<{ id: number }>(
    'select id from area union select id from need union select id from app_user union select id from role_assignment',
  );
  knownIds = rows.map((row) => String(row.id));
});
afterAll(() => server?.close());

describe('fuzzing every query and mutation argument', () => {
  it(`answers hostile input without a 500 and without writing on refusal (FUZZ_SEED=${SEED})`, async () => {
    console.log(`fuzz: FUZZ_SEED=${SEED} FUZZ_CASES=${CASES}`);
    const schema = buildSchema(fs.readFileSync('schema/schema.graphql', 'utf8'));
    const fields = (['query', 'mutation'] as const).flatMap((operation) => {
      const root = operation === 'query' ? schema.getQueryType() : schema.getMutationType();
      return Object.values(root?.getFields() ?? {})
        .filter((field) => !SKIPPED.has(field.name))
        .map((field) => ({ operation, field }));
    });
    const random = generator(SEED);
    const startedAt = Date.now();
    const failures: string[] = [];
    let refused = 0;
    // The fingerprint is taken again only when a watched table was written to: the write counter
    // is read before each fingerprint, so a write while it is being taken shows at the next reading.
    const writes = await watchWrites(server.sql);
    let written = await writes();
    let state = await databaseState(server.sql);
    let fingerprints = 1;
    for (let n = 0; n < CASES && failures.length < 5; n++) {
      // Every field in turn, so each one is reached whatever the case count.
      const { operation, field } = fields[n % fields.length]!;
      const testCase = makeCase(operation, field, random.pick(ACTORS), random);
      const response = await server.app.http.inject({
        method: 'POST',
        url: '/graphql',
        headers: {
          'content-type': 'application/json',
          ...(testCase.actor ? { authorization: `Bearer ${await server.tokenFor(testCase.actor)}` } : {}),
        },
        payload: { query: testCase.query, variables: testCase.variables },
      });
      const body = response.json() as { errors?: { extensions?: { code?: string } }[] };
      const describe = `case ${n} (FUZZ_SEED=${SEED}) as ${testCase.actor ?? 'anonymous'}: ${testCase.query} ${JSON.stringify(testCase.variables).slice(0, 300)}`;
      const before = state;
      const writtenNow = await writes();
      if (writtenNow !== written) {
        written = writtenNow;
        state = await databaseState(server.sql);
        fingerprints++;
      }
      if (response.statusCode >= 500 || body.errors?.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')) {
        failures.push(`${describe}\n  → ${response.statusCode} ${response.body.slice(0, 300)}`);
        continue;
      }
      if (body.errors?.length) {
        refused++;
        if (state !== before) failures.push(`${describe}\n  → refused, but the database changed`);
      }
    }
    console.log(
      `fuzz: ${CASES} cases over ${fields.length} operations, ${refused} refused, ${fingerprints} database fingerprints, in ${Date.now() - startedAt} ms`,
    );
    expect(failures, failures.join('\n')).toEqual([]);
  }, 120_000);
});
