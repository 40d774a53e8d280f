import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteAbandonedPhotos } from '../../server/src/needs/needs.photos.js';
import { LocalMediaStorage } from '../../server/src/media/media.storage.js';
import { loadConfig } from '../../server/src/platform/config.js';
import { PHOTO_UPLOAD_RATE_LIMIT } from '../../server/src/media/media.limits.js';
import { rateLimitKey } from '../../server/src/platform/rate-limit.js';
import { multipart, type FilePart } from '../helpers/multipart.js';
import { createTestServer, DEMO_ACCOUNTS, DEMO_PASSWORD, type TestServer } from '../helpers/server.js';

let server: TestServer;
let buildingOne: string;
let buildingTwo: string;
const { resident, neighbour, gridWorker, volunteer } = DEMO_ACCOUNTS;

/** Photos decoded at once, and waiting, on the test server: small, so a burst overflows them. */
const PROCESSING_CONCURRENCY = 2;
const PROCESSING_QUEUE = 2;

beforeAll(async () => {
  server = await createTestServer({
    PHOTO_PROCESSING_CONCURRENCY: String(PROCESSING_CONCURRENCY),
    PHOTO_PROCESSING_QUEUE: String(PROCESSING_QUEUE),
  });
  const ids = await server.areaIds();
  buildingOne = ids['1号楼']!;
  buildingTwo = ids['2号楼']!;
});
afterAll(() => server?.close());

async function upload(as: string | null, file: FilePart, headers: Record<string, string> = {}) {
  const body = multipart(file);
  const auth = as ? { authorization: `Bearer ${await server.tokenFor(as)}` } : {};
  return server.app.http.inject({
    method: 'POST',
    url: '/uploads/photos',
    payload: body.payload,
    headers: { ...body.headers, ...auth, ...headers },
  });
}

/** A landscape 3000×1000 JPEG that a phone held upright would write: EXIF orientation 6, camera and GPS tags. */
async function phoneJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 3000, height: 1000, channels: 3, background: { r: 180, g: 60, b: 40 } } })
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'GongzhiCam', Model: 'Test Phone' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '39/1 54/1 2700/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '116/1 23/1 2900/100',
      },
    })
    .toBuffer();
}

const photoCount = async () => Number((await server.sql<{ n: string }>('select count(*) n from need_photo'))[0]!.n);
const filesStored = () =>
  fs.readdirSync(server.mediaDir, { recursive: true }).filter((name) => String(name).endsWith('.webp')).length;
const hasGpsPointer = (exif: Buffer) =>
  exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]));

/** GET a media URL, as a visitor or signed in as `as`. */
async function getMedia(url: string, as?: string) {
  const headers = as ? { authorization: `Bearer ${await server.tokenFor(as)}` } : {};
  return server.app.http.inject({ method: 'GET', url, headers });
}

const RAISE = `mutation($input: RaiseNeedInput!) { raiseNeed(input: $input) { id photos { id url thumbnailUrl } } }`;

describe('uploading a photo', () => {
  let uploaded: { id: string; url: string; thumbnailUrl: string };

  it('stores an upright WebP of at most 2048 px with no metadata at all, and a 320 px thumbnail', async () => {
    const jpeg = await phoneJpeg();
    const original = await sharp(jpeg).metadata();
    expect(original).toMatchObject({ format: 'jpeg', width: 3000, height: 1000, orientation: 6 });
    expect(hasGpsPointer(original.exif!)).toBe(true);

    const response = await upload(resident, { filename: 'IMG_0001.JPG', contentType: 'image/jpeg', data: jpeg });
    expect(response.statusCode).toBe(201);
    uploaded = response.json();
    expect(uploaded).toMatchObject({ id: expect.any(String), width: 683, height: 2048 });
    expect(uploaded.url).toMatch(/^\/media\/[0-9a-f]{32}\.webp$/);
    expect(uploaded.thumbnailUrl).toBe(uploaded.url.replace('.webp', '-thumb.webp'));

    const full = await getMedia(uploaded.url, resident);
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toBe('image/webp');
    // Not attached to a need yet: the uploader's own, cached by their browser only.
    expect(full.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    const stored = await sharp(full.rawPayload).metadata();
    // Turned upright (portrait now), long side 2048, and nothing left of EXIF, XMP or orientation.
    expect(stored).toMatchObject({ format: 'webp', width: 683, height: 2048 });
    expect(stored.exif).toBeUndefined();
    expect(stored.xmp).toBeUndefined();
    expect(stored.orientation).toBeUndefined();
    expect(full.rawPayload.includes(Buffer.from('GongzhiCam'))).toBe(false);

    const head = await server.app.http.inject({
      method: 'HEAD',
      url: uploaded.url,
      headers: { authorization: `Bearer ${await server.tokenFor(resident)}` },
    });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(full.rawPayload.length));
    const key = uploaded.url.slice('/media/'.length, -'.webp'.length);
    const storage = new LocalMediaStorage(server.mediaDir);
    expect([
      await storage.exists(`${key}.webp`),
      await storage.exists(`${key}-thumb.webp`),
      await storage.exists(`${'0'.repeat(32)}.webp`),
    ]).toEqual([true, true, false]);

    const thumb = await sharp((await getMedia(uploaded.thumbnailUrl, resident)).rawPayload).metadata();
    expect(Math.max(thumb.width, thumb.height)).toBeLessThanOrEqual(320);
    expect(thumb.height).toBe(320);
    expect(thumb.exif).toBeUndefined();

    const [row] = await server.sql<{ need_id: number | null; width: number; height: number; bytes: number }>(
      'select need_id, width, height, bytes from need_photo where id = ?',
      [Number(uploaded.id)],
    );
    expect(row).toEqual({ need_id: null, width: 683, height: 2048, bytes: full.rawPayload.length });
  });

  it('accepts PNG and WebP too, and a session cookie instead of a bearer token', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 4, background: '#336699' } })
      .png()
      .toBuffer();
    const webp = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#996633' } })
      .webp()
      .toBuffer();
    const cookie = `gongzhi_session=${await server.tokenFor(resident)}`;
    const a = await upload(null, { filename: 'a.png', contentType: 'image/png', data: png }, { cookie });
    const b = await upload(null, { filename: 'b', contentType: 'application/octet-stream', data: webp }, { cookie });
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json()).toMatchObject({ width: 40, height: 30 });
  });

  it('judges by content, not by name: a text file named photo.jpg is refused in the reader’s language and nothing is stored', async () => {
    const [rowsBefore, filesBefore] = [await photoCount(), filesStored()];
    const text = {
      filename: 'photo.jpg',
      contentType: 'image/jpeg',
      data: Buffer.from('这不是照片，只是一段文字。\n'.repeat(20)),
    };
    const zh = await upload(resident, text);
    expect(zh.statusCode).toBe(400);
    expect(zh.json()).toEqual({
      code: 'BAD_USER_INPUT',
      message: '只能上传 JPEG、PNG 或 WebP 格式的照片。',
      fields: { file: '只能上传 JPEG、PNG 或 WebP 格式的照片。' },
    });
    const en = await upload(resident, text, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(en.json()).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'Only JPEG, PNG or WebP photos can be uploaded.',
    });
    // A real GIF is an image, but not one we take.
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    expect((await upload(resident, { filename: 'x.jpg', contentType: 'image/jpeg', data: gif })).statusCode).toBe(400);
    // A JPEG header on garbage gets past the first bytes but not the decoder.
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2000)]);
    expect((await upload(resident, { filename: 'x.jpg', contentType: 'image/jpeg', data: fake })).json()).toMatchObject(
      { code: 'BAD_USER_INPUT' },
    );
    expect([await photoCount(), filesStored()]).toEqual([rowsBefore, filesBefore]);
  });

  it('refuses a file over 10 MB with 413 and stores nothing', async () => {
    const [rowsBefore, filesBefore] = [await photoCount(), filesStored()];
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(10 * 1024 * 1024 + 1)]);
    const response = await upload(resident, { filename: 'big.jpg', contentType: 'image/jpeg', data: big });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({
      code: 'BAD_USER_INPUT',
      message: '照片不能超过 10 MB。',
      fields: { file: '照片不能超过 10 MB。' },
    });
    expect([await photoCount(), filesStored()]).toEqual([rowsBefore, filesBefore]);
  });

  it('asks for a file in the "file" field', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const response = await upload(resident, { field: 'photo', filename: 'a.png', contentType: 'image/png', data: png });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'BAD_USER_INPUT', message: '请选择一张照片。' });
  });

  it('is for signed-in people only', async () => {
    const rowsBefore = await photoCount();
    const response = await upload(null, { filename: 'a.jpg', contentType: 'image/jpeg', data: await phoneJpeg() });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录。' });
    const badToken = await upload(
      null,
      { filename: 'a.jpg', contentType: 'image/jpeg', data: await phoneJpeg() },
      { authorization: 'Bearer nope' },
    );
    expect(badToken.statusCode).toBe(401);
    expect(await photoCount()).toBe(rowsBefore);
  });

  it('allows 60 uploads an hour per person, then says when to try again', async () => {
    const [{ id }] = (await server.sql<{ id: number }>('select id from app_user where phone = ?', [gridWorker])) as [
      { id: number },
    ];
    // Sixty uploads half an hour ago, as the one rate-limit mechanism counts them.
    await server.sql(
      `insert into rate_limit_window (key, hits, last_allowed)
       values (?, array(select now() - interval '30 minutes' from generate_series(1, 60)), true)`,
      [rateLimitKey(PHOTO_UPLOAD_RATE_LIMIT.name, { userId: id })],
    );
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const response = await upload(gridWorker, { filename: 'a.png', contentType: 'image/png', data: png });
    expect(response.statusCode).toBe(429);
    expect(response.json()).toMatchObject({ code: 'RATE_LIMITED', message: '尝试次数过多，请 30 分钟后再试。' });
    expect(response.headers['retry-after']).toBe('1800');
    // Others are not held back.
    expect((await upload(neighbour, { filename: 'a.png', contentType: 'image/png', data: png })).statusCode).toBe(201);
  });

  it('attaches the uploader’s photos to the need they raise, and no one else’s', async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#0a0' } })
      .png()
      .toBuffer();
    const others = (await upload(neighbour, { filename: 'n.png', contentType: 'image/png', data: png })).json();

    const refused = await server.gql(
      RAISE,
      {
        input: {
          title: '楼道灯坏了',
          description: '',
          category: 'REPAIR',
          areaId: buildingOne,
          photoIds: [uploaded.id, others.id],
        },
      },
      { as: resident },
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { photoIds: '照片不存在，或已用在别的诉求上。' },
    });

    const raised = await server.gql(
      RAISE,
      {
        input: {
          title: '楼道灯坏了',
          description: '',
          category: 'REPAIR',
          areaId: buildingOne,
          photoIds: [uploaded.id],
        },
      },
      { as: resident },
    );
    expect(raised.errors).toBeUndefined();
    expect(raised.data.raiseNeed.photos).toEqual([
      { id: uploaded.id, url: uploaded.url, thumbnailUrl: uploaded.thumbnailUrl },
    ]);

    // Once attached, it cannot be attached again.
    const again = await server.gql(
      RAISE,
      { input: { title: '又一次', description: '', category: 'REPAIR', areaId: buildingOne, photoIds: [uploaded.id] } },
      { as: resident },
    );
    expect(again.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');

    const shown = await server.gql('query($id: ID!) { need(id: $id) { photos { url thumbnailUrl } } }', {
      id: raised.data.raiseNeed.id,
    });
    // A public need's photos are for everyone, and may be cached by anyone.
    const media = await getMedia(shown.data.need.photos[0].url);
    expect(media.statusCode).toBe(200);
    expect(media.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await sharp(media.rawPayload).metadata()).format).toBe('webp');
  });
});

describe('abandoned uploads', () => {
  it('deletes photos no need took within a day, rows and files, and keeps the rest', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#0f0' } })
      .png()
      .toBuffer();
    const old = (await upload(neighbour, { filename: 'old.png', contentType: 'image/png', data: png })).json();
    const fresh = (await upload(neighbour, { filename: 'new.png', contentType: 'image/png', data: png })).json();
    const taken = (await upload(neighbour, { filename: 'taken.png', contentType: 'image/png', data: png })).json();
    const raised = await server.gql(
      RAISE,
      {
        input: {
          title: '楼下积水',
          description: '',
          category: 'ENVIRONMENT',
          areaId: buildingTwo,
          photoIds: [taken.id],
        },
      },
      { as: neighbour },
    );
    expect(raised.errors).toBeUndefined();
    await server.sql("update need_photo set created_at = now() - interval '25 hours' where id in (?, ?)", [
      Number(old.id),
      Number(taken.id),
    ]);

    const storage = new LocalMediaStorage(server.mediaDir);
    const keyOf = (photo: { url: string }) => photo.url.slice('/media/'.length, -'.webp'.length);
    expect(await deleteAbandonedPhotos(server.app.orm.em.fork(), storage)).toBe(1);
    const left = await server.sql<{ id: number }>('select id from need_photo where id in (?, ?, ?) order by id', [
      Number(old.id),
      Number(fresh.id),
      Number(taken.id),
    ]);
    expect(left.map((row) => String(row.id))).toEqual([fresh.id, taken.id]);
    expect([await storage.exists(`${keyOf(old)}.webp`), await storage.exists(`${keyOf(old)}-thumb.webp`)]).toEqual([
      false,
      false,
    ]);
    expect([await storage.exists(`${keyOf(fresh)}.webp`), await storage.exists(`${keyOf(taken)}.webp`)]).toEqual([
      true,
      true,
    ]);
    expect(await deleteAbandonedPhotos(server.app.orm.em.fork(), storage)).toBe(0);
  });
});

describe('serving media', () => {
  it('shows the photo of a private need only to those who may see the need', async () => {
    const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#a00' } })
      .png()
      .toBuffer();
    const photo = (await upload(resident, { filename: 'p.png', contentType: 'image/png', data: png })).json();
    const asPerson = async (phone?: string) => (await getMedia(photo.thumbnailUrl, phone)).statusCode;
    // Not yet attached: the uploader's own.
    expect(await asPerson(resident)).toBe(200);
    expect(await asPerson(neighbour)).toBe(404);
    const raised = await server.gql(
      RAISE,
      {
        input: {
          title: '家里的事',
          description: '',
          category: 'DISPUTE',
          areaId: buildingOne,
          isPublic: false,
          photoIds: [photo.id],
        },
      },
      { as: resident },
    );
    expect(raised.errors).toBeUndefined();
    expect(await asPerson(resident)).toBe(200);
    expect(await asPerson(DEMO_ACCOUNTS.communityStaff)).toBe(200);
    expect(await asPerson(neighbour)).toBe(404);
    expect(await asPerson(DEMO_ACCOUNTS.otherCommunityStaff)).toBe(404);
    expect(await asPerson()).toBe(404);
    expect((await getMedia(photo.url, resident)).headers['cache-control']).toMatch(/^private/);
  });

  it('serves only names of our own pattern; no way out of the media folder', async () => {
    for (const url of [
      '/media/..%2F..%2Fpackage.json',
      '/media/%2e%2e%2fpackage.json',
      '/media/0123456789abcdef0123456789abcdef.png',
      '/media/0123456789abcdef0123456789abcdef.webp',
      '/media/ZZZZ.webp',
    ]) {
      const response = await getMedia(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).not.toBe('image/webp');
    }
    expect(fs.existsSync(path.join(server.mediaDir, '..', 'package.json'))).toBe(false);
  });

  it('keeps the security headers on media', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123456' } })
      .png()
      .toBuffer();
    const { url } = (await upload(resident, { filename: 'a.png', contentType: 'image/png', data: png })).json();
    const response = await getMedia(url, resident);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });
});

describe('S3-compatible storage', () => {
  it('is configured by S3_BUCKET and friends, local disk otherwise', () => {
    expect(loadConfig({}, '/srv').s3).toBeNull();
    expect(loadConfig({}, '/srv').mediaDir).toBe('/srv/.data/media');
    expect(loadConfig({ S3_BUCKET: 'photos', S3_ENDPOINT: 'http://minio:9000' }, '/srv').s3).toEqual({
      bucket: 'photos',
      endpoint: 'http://minio:9000',
      region: 'us-east-1',
      forcePathStyle: true,
      prefix: 'media/',
    });
    expect(loadConfig({ S3_BUCKET: 'photos', S3_REGION: 'cn-north-1' }, '/srv').s3).toMatchObject({
      endpoint: undefined,
      forcePathStyle: false,
    });
    expect(() => loadConfig({ S3_BUCKET: 'photos', S3_ENDPOINT: 'minio:9000' })).toThrow(/S3_ENDPOINT/);
  });

  it('puts, gets, checks and deletes objects under the prefix, path-style, signed', async () => {
    const { createServer } = await import('node:http');
    const { S3MediaStorage } = await import('../../server/src/media/media.s3.js');
    const objects = new Map<string, { body: Buffer; type: string }>();
    const seen: { method: string; url: string; signed: boolean }[] = [];
    // The few calls the storage makes, as an S3 server answers them.
    const fake = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const key = decodeURIComponent(request.url!.split('?')[0]!);
      seen.push({
        method: request.method!,
        url: key,
        signed: /^AWS4-HMAC-SHA256 /.test(String(request.headers.authorization)),
      });
      const object = objects.get(key);
      if (request.method === 'PUT') {
        objects.set(key, { body: Buffer.concat(chunks), type: String(request.headers['content-type']) });
        response.writeHead(200, { etag: '"1"' }).end();
      } else if (request.method === 'DELETE') {
        objects.delete(key);
        response.writeHead(204).end();
      } else if (!object) {
        response.writeHead(404, { 'content-type': 'application/xml' });
        response.end(
          request.method === 'HEAD'
            ? undefined
            : '<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>no</Message></Error>',
        );
      } else {
        response.writeHead(200, { 'content-type': object.type, 'content-length': String(object.body.length) });
        response.end(request.method === 'HEAD' ? undefined : object.body);
      }
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    const { port } = fake.address() as { port: number };
    process.env.AWS_ACCESS_KEY_ID = 'test-key';
    process.env.AWS_SECRET_ACCESS_KEY = 'test-secret';
    const storage = new S3MediaStorage({
      bucket: 'gongzhi',
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      forcePathStyle: true,
      prefix: 'media/',
    });
    try {
      const name = `${'ab'.repeat(16)}-thumb.webp`;
      const body = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#abcdef' } })
        .webp()
        .toBuffer();
      expect(await storage.exists(name)).toBe(false);
      expect(await storage.get(name)).toBeNull();
      await storage.put(name, body);
      expect(objects.get(`/gongzhi/media/${name}`)).toEqual({ body, type: 'image/webp' });
      expect(await storage.exists(name)).toBe(true);
      const stored = (await storage.get(name))!;
      expect(stored.size).toBe(body.length);
      const chunks: Buffer[] = [];
      for await (const chunk of stored.body) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks)).toEqual(body);
      await storage.delete(name);
      expect(await storage.exists(name)).toBe(false);
      expect(seen.every((request) => request.signed && request.url === `/gongzhi/media/${name}`)).toBe(true);
      expect(seen.map((request) => request.method)).toContain('DELETE');
      await expect(storage.put('../etc/passwd', body)).rejects.toThrow(/not a media name/);
    } finally {
      storage.destroy();
      await new Promise((resolve) => fake.close(resolve));
    }
  });
});

describe('a burst of large uploads', () => {
  it('decodes a few photos at a time and refuses the overflow at once, so the rest of the API keeps answering', async () => {
    // 49 megapixels (just under the limit) of one colour: a small file that is costly to decode.
    const huge = await sharp({ create: { width: 7000, height: 7000, channels: 3, background: '#3a7' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    const token = await server.tokenFor(volunteer);
    const me = () => server.gql('{ me { displayName } }', {}, { token });
    expect((await me()).data).toEqual({ me: { displayName: '陈静' } });

    // libvips' own count of images being processed, sampled throughout the burst.
    let mostProcessed = 0;
    const sampler = setInterval(() => (mostProcessed = Math.max(mostProcessed, sharp.counters().process)), 2);
    let bursting = true;
    const latencies: { me: number; login: number }[] = [];
    const probing = (async () => {
      while (bursting) {
        const started = performance.now();
        expect((await me()).data).toEqual({ me: { displayName: '陈静' } });
        const answered = performance.now();
        const login = await server.gql(
          'mutation($phone: String!, $password: String!) { login(phone: $phone, password: $password) { token } }',
          { phone: neighbour, password: DEMO_PASSWORD },
        );
        expect(login.data?.login?.token).toEqual(expect.any(String));
        latencies.push({ me: Math.round(answered - started), login: Math.round(performance.now() - answered) });
      }
    })();
    const started = performance.now();
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        upload(volunteer, { filename: `huge-${n}.png`, contentType: 'image/png', data: huge }),
      ),
    );
    const burstMs = Math.round(performance.now() - started);
    bursting = false;
    await probing;
    clearInterval(sampler);
    console.info(
      `[photo burst] 10 uploads of 7000×7000 in ${burstMs} ms, statuses ${responses.map((r) => r.statusCode).join(',')}; ` +
        `at most ${mostProcessed} decoded at once; me / login latencies in ms meanwhile: ${JSON.stringify(latencies)}`,
    );

    expect(mostProcessed).toBeGreaterThan(0);
    expect(mostProcessed).toBeLessThanOrEqual(PROCESSING_CONCURRENCY);
    const accepted = responses.filter((response) => response.statusCode === 201);
    const refused = responses.filter((response) => response.statusCode !== 201);
    // The first few run or wait their turn; the overflow is told to come back, with nothing stored.
    expect(accepted.length).toBeGreaterThanOrEqual(PROCESSING_CONCURRENCY + PROCESSING_QUEUE);
    expect(refused.length).toBeGreaterThan(0);
    for (const response of refused) {
      expect(response.statusCode).toBe(429);
      expect(response.json()).toEqual({
        code: 'RATE_LIMITED',
        message: '服务器正忙，请 5 秒后再试。',
        retryAfterSeconds: 5,
      });
      expect(response.headers['retry-after']).toBe('5');
    }
    for (const response of accepted) expect(response.json()).toMatchObject({ width: 2048, height: 2048 });
    const [stored] = await server.sql<{ n: string }>(
      `select count(*) n from need_photo p join app_user u on u.id = p.uploaded_by_id where u.phone = ?`,
      [volunteer],
    );
    expect(Number(stored!.n)).toBe(accepted.length);

    // Once the burst is over, the queue takes uploads again.
    expect((await upload(volunteer, { filename: 'again.png', contentType: 'image/png', data: huge })).statusCode).toBe(
      201,
    );
  });
});
