import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseState } from '../helpers/database-state.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

/**
 * Input PostgreSQL or a library would choke on is the client's mistake: BAD_USER_INPUT
 * with the field named (REST: `{ code, message, fields }` with a 4xx), never a 500, and
 * nothing written.
 */
const { resident, communityStaff: staff } = DEMO_ACCOUNTS;
const NUL = '\u0000';

let server: TestServer;
let ids: Record<string, string>;

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  await Promise.all([server.tokenFor(resident), server.tokenFor(staff)]);
});
afterAll(() => server?.close());

const RAISE = 'mutation($input: RaiseNeedInput!) { raiseNeed(input: $input) { id } }';
const NEEDS = 'query($filter: NeedFilter, $after: String) { needs(filter: $filter, after: $after) { totalCount } }';
const raiseInput = (fields: Record<string, unknown>) => ({
  input: { areaId: ids['1号楼'], title: '楼道灯坏了', description: '', category: 'REPAIR', ...fields },
});
const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

interface GraphQLCase {
  name: string;
  query: string;
  variables: () => Record<string, unknown>;
  as?: string;
  /** The field the message is given for, or null for an error about the request as a whole. */
  field: string | null;
}

const graphqlCases: GraphQLCase[] = [
  {
    name: 'a NUL byte in a text field',
    query: RAISE,
    variables: () => raiseInput({ title: `灯${NUL}坏了` }),
    as: resident,
    field: 'title',
  },
  {
    name: 'a NUL byte in a top-level text argument',
    query: 'mutation($id: ID!, $note: String!) { commentOnNeed(id: $id, note: $note) { id } }',
    variables: () => ({ id: '1', note: `x${NUL}` }),
    as: staff,
    field: 'note',
  },
  {
    name: 'a NUL byte in a filter',
    query: NEEDS,
    variables: () => ({ filter: { text: `灯${NUL}` } }),
    as: staff,
    field: 'text',
  },
  {
    name: 'a title at its limit in characters but over it in code points (variation selectors)',
    query: RAISE,
    variables: () => raiseInput({ title: '❤\uFE0F'.repeat(80) }),
    as: resident,
    field: 'title',
  },
  {
    name: 'a title over its limit through combining marks',
    query: RAISE,
    variables: () => raiseInput({ title: 'e\u0301'.repeat(40) + 'x' }),
    as: resident,
    field: 'title',
  },
  {
    name: 'a cursor of strings',
    query: NEEDS,
    variables: () => ({ after: cursor(['x', 'y']) }),
    as: staff,
    field: 'after',
  },
  {
    name: 'a cursor of objects',
    query: NEEDS,
    variables: () => ({ after: cursor([{ a: 1 }, [2]]) }),
    as: staff,
    field: 'after',
  },
  { name: 'a cursor of one value', query: NEEDS, variables: () => ({ after: cursor([1]) }), as: staff, field: 'after' },
  {
    name: 'a date in year 0000',
    query: NEEDS,
    variables: () => ({ filter: { createdFrom: '0000-01-01T00:00:00Z' } }),
    as: staff,
    field: 'createdFrom',
  },
  {
    name: 'a date 270,000 years back',
    query: NEEDS,
    variables: () => ({ filter: { createdTo: -8.64e15 } }),
    as: staff,
    field: 'createdTo',
  },
  {
    name: 'a date 270,000 years ahead',
    query: NEEDS,
    variables: () => ({ filter: { createdTo: '+275000-01-01T00:00:00Z' } }),
    as: staff,
    field: 'createdTo',
  },
];

describe('bad GraphQL input is BAD_USER_INPUT and changes nothing', () => {
  it.each(graphqlCases)('$name', async ({ query, variables, as, field }) => {
    const before = await databaseState(server.sql);
    const result = await server.gql(query, variables(), { as, headers: { 'accept-language': 'en' } });
    expect(result.errors?.[0]?.extensions.code, JSON.stringify(result.errors)).toBe('BAD_USER_INPUT');
    if (field) expect(result.errors![0]!.extensions.fields?.[field]).toEqual(expect.any(String));
    expect(await databaseState(server.sql)).toBe(before);
  });

  it('an automatic persisted query whose hash does not match its text', async () => {
    const before = await databaseState(server.sql);
    const response = await server.app.http.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: {
        query: '{ me { id } }',
        extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update('other').digest('hex') } },
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await databaseState(server.sql)).toBe(before);
  });
});

interface RestCase {
  name: string;
  method: 'GET' | 'POST';
  url: () => string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
  as?: string;
  status: number;
  code: string;
  field?: string;
}

const boundary = '----gongzhi-test';
const restCases: RestCase[] = [
  {
    name: 'an export filter with a NUL byte',
    method: 'GET',
    url: () => `/exports/needs.csv?areaId=${ids['幸福里社区']}&text=%00`,
    as: staff,
    status: 400,
    code: 'BAD_USER_INPUT',
    field: 'text',
  },
  {
    name: 'an export from year 0000',
    method: 'GET',
    url: () => `/exports/needs.csv?areaId=${ids['幸福里社区']}&createdFrom=0000-01-01T00:00:00Z`,
    as: staff,
    status: 400,
    code: 'BAD_USER_INPUT',
    field: 'createdFrom',
  },
  {
    name: 'an export to year 275,000',
    method: 'GET',
    url: () => `/exports/needs.xlsx?areaId=${ids['幸福里社区']}&createdTo=%2B275000-01-01T00:00:00Z`,
    as: staff,
    status: 400,
    code: 'BAD_USER_INPUT',
    field: 'createdTo',
  },
  {
    name: 'an upload with no multipart boundary',
    method: 'POST',
    url: () => '/uploads/photos',
    headers: { 'content-type': 'multipart/form-data' },
    payload: 'whatever',
    as: resident,
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'an upload whose body is cut off',
    method: 'POST',
    url: () => '/uploads/photos',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff`,
    as: resident,
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a GraphQL body over the size limit (Fastify 413)',
    method: 'POST',
    url: () => '/graphql',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ query: `{ me { id } }`, variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }),
    status: 413,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a body of a type nobody reads (Fastify 415)',
    method: 'POST',
    url: () => '/graphql',
    headers: { 'content-type': 'application/x-unknown' },
    payload: 'hello',
    status: 415,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'JSON that does not parse (Fastify 400)',
    method: 'POST',
    url: () => '/graphql',
    headers: { 'content-type': 'application/json' },
    payload: '{"query": ',
    status: 400,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a path that does not exist (Fastify 404)',
    method: 'GET',
    url: () => '/no/such/path',
    status: 404,
    code: 'NOT_FOUND',
  },
];

describe('bad HTTP input is a 4xx in the vocabulary and changes nothing', () => {
  it.each(restCases)('$name', async ({ method, url, headers, payload, as, status, code, field }) => {
    const before = await databaseState(server.sql);
    const token = as ? await server.tokenFor(as) : undefined;
    const response = await server.app.http.inject({
      method,
      url: url(),
      headers: { 'accept-language': 'en', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(payload === undefined ? {} : { payload }),
    });
    expect(response.statusCode, response.body).toBe(status);
    const body = response.json();
    expect(body).toMatchObject({ code, message: expect.any(String) });
    expect(body.message).not.toMatch(/[\u4e00-\u9fff]|FST_/);
    if (field) expect(body.fields?.[field]).toEqual(expect.any(String));
    expect(await databaseState(server.sql)).toBe(before);
  });
});
