import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ORM_MODEL } from '../../server/src/app.js';
import { afterCommit, runAfterCommits } from '../../server/src/platform/after-commit.js';
import type { EventBus } from '../../server/src/platform/events.js';
import { openOrm } from '../../server/src/platform/orm.js';
import { cloneTemplateDatabase } from '../helpers/postgres.js';

/** Publishing after commit: once the outermost transaction commits, never after a rollback. */
let database: Awaited<ReturnType<typeof cloneTemplateDatabase>>;
let orm: MikroORM;
const published: string[] = [];
const bus = { publish: (topic: string) => void published.push(topic) } as unknown as EventBus;
const publish = (topic: string) => (events: EventBus) => events.publish(topic, 1, {});

beforeAll(async () => {
  database = await cloneTemplateDatabase(inject('postgresUrl'));
  orm = await openOrm(database.url, ORM_MODEL);
  runAfterCommits(orm, bus);
});

afterAll(async () => {
  await orm?.close();
  await database?.drop();
});

describe('afterCommit', () => {
  it('runs after the commit, not before', async () => {
    published.length = 0;
    await orm.em.fork().transactional(async (tx) => {
      afterCommit(tx, publish('a'));
      await tx.execute('select 1');
      expect(published).toEqual([]);
    });
    expect(published).toEqual(['a']);
  });

  it('never runs when the transaction rolls back', async () => {
    published.length = 0;
    await expect(
      orm.em.fork().transactional((tx) => {
        afterCommit(tx, publish('lost'));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(published).toEqual([]);
  });

  it('waits for the outermost commit, and drops what a rolled-back savepoint arranged', async () => {
    published.length = 0;
    await orm.em.fork().transactional(async (outer) => {
      await outer.transactional(async (inner) => {
        afterCommit(inner, publish('kept'));
      });
      await outer
        .transactional((inner) => {
          afterCommit(inner, publish('dropped'));
          throw new Error('inner refused');
        })
        .catch(() => {});
      expect(published).toEqual([]);
    });
    expect(published).toEqual(['kept']);
  });

  it('is refused outside a transaction', () => {
    expect(() => afterCommit(orm.em.fork(), publish('x'))).toThrow('afterCommit needs a transaction');
  });
});
