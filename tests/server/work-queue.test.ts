import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/platform/config.js';
import { AppError } from '../../server/src/platform/errors.js';
import { WorkQueue } from '../../server/src/platform/work-queue.js';

/** A task that runs until `finish` is called, recording how many ran at once. */
function gate(counter: { now: number; most: number; order: number[] }, id: number) {
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const task = async () => {
    counter.now++;
    counter.most = Math.max(counter.most, counter.now);
    counter.order.push(id);
    await finished;
    counter.now--;
    if (id === 1) throw new Error('task 1 fails');
    return id;
  };
  return { task, finish };
}

describe('the work queue', () => {
  it('runs a few at once, the waiting ones in order, refuses the rest, and frees a turn when a task fails', async () => {
    const queue = new WorkQueue({ concurrency: 2, maxWaiting: 1, retryAfterSeconds: 7 });
    const counter = { now: 0, most: 0, order: [] as number[] };
    const gates = [0, 1, 2].map((id) => gate(counter, id));
    const runs = gates.map((g) => queue.run(g.task));
    const refused = queue.run(async () => 99);
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 7 } });
    expect(() => queue.refuseIfFull()).toThrow(AppError);
    await Promise.resolve();
    expect(counter.order).toEqual([0, 1]);

    gates[1]!.finish();
    await expect(runs[1]).rejects.toThrow('task 1 fails');
    // The failed task's turn went to the waiting one; there is room to wait again.
    expect(counter.order).toEqual([0, 1, 2]);
    expect(() => queue.refuseIfFull()).not.toThrow();
    gates[0]!.finish();
    gates[2]!.finish();
    expect(await Promise.all([runs[0], runs[2]])).toEqual([0, 2]);
    expect(counter.most).toBe(2);
    expect(await queue.run(async () => 'after')).toBe('after');
  });
});

describe('the photo processing limits in the configuration', () => {
  it('default to the cores, leaving two of libuv’s threads free, and refuse nonsense', () => {
    const cores = os.availableParallelism();
    expect(loadConfig({}).photoProcessing.concurrency).toBe(Math.max(1, Math.min(cores, 2)));
    expect(loadConfig({ UV_THREADPOOL_SIZE: '64' }).photoProcessing.concurrency).toBe(cores);
    expect(loadConfig({ PHOTO_PROCESSING_CONCURRENCY: '3' }).photoProcessing).toEqual({ concurrency: 3, queue: 12 });
    expect(loadConfig({ PHOTO_PROCESSING_QUEUE: '0' }).photoProcessing.queue).toBe(0);
    expect(() => loadConfig({ PHOTO_PROCESSING_CONCURRENCY: '0' })).toThrow(/PHOTO_PROCESSING_CONCURRENCY/);
    expect(() => loadConfig({ PHOTO_PROCESSING_QUEUE: '-1' })).toThrow(/PHOTO_PROCESSING_QUEUE/);
  });
});
