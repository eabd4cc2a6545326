import { describe, expect, it, vi } from 'vitest';
import { EventQueue, QueueOverflowError } from './event-queue.ts';
import { mapStream } from './map-stream.ts';

function queue(limit = 3) {
  const release = vi.fn();
  const onOverflow = vi.fn();
  return { queue: new EventQueue<number>({ limit, release, onOverflow }), release, onOverflow };
}

describe('EventQueue', () => {
  it('hands items over in order, to a consumer waiting or not', async () => {
    const { queue: items } = queue();
    const waiting = items.next();
    items.push(1);
    items.push(2);
    items.push(3);
    expect(await waiting).toEqual({ done: false, value: 1 });
    expect(await items.next()).toEqual({ done: false, value: 2 });
    expect(await items.next()).toEqual({ done: false, value: 3 });
  });

  it('fails when more than `limit` items wait: drops them, releases its source, reports the overflow', async () => {
    const { queue: items, release, onOverflow } = queue(2);
    items.push(1);
    items.push(2);
    items.push(3);
    expect(onOverflow).toHaveBeenCalledWith(expect.any(QueueOverflowError));
    expect(release).toHaveBeenCalledTimes(1);
    await expect(items.next()).rejects.toThrow('Subscriber fell too far behind: more than 2 events were waiting');
    items.push(4);
    expect(await items.next()).toEqual({ done: true, value: undefined });
  });

  it('ends when returned: a pending read finishes, later pushes are dropped, the source is released once', async () => {
    const { queue: items, release } = queue();
    const pending = items.next();
    await items.return();
    await items.return();
    items.push(1);
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(await items.next()).toEqual({ done: true, value: undefined });
    expect(release).toHaveBeenCalledTimes(1);
  });

  it('delivers what waits before ending when its source ends', async () => {
    const { queue: items, release } = queue();
    items.push(1);
    items.end();
    expect(release).toHaveBeenCalledTimes(1);
    expect(await items.next()).toEqual({ done: false, value: 1 });
    expect(await items.next()).toEqual({ done: true, value: undefined });
    expect(release).toHaveBeenCalledTimes(1);
  });
});

describe('mapStream', () => {
  it('maps in order, and returning it releases the source even while a read waits', async () => {
    const { queue: items, release } = queue();
    const doubled = mapStream(items, async (item) => item * 2);
    items.push(1);
    expect(await doubled.next()).toEqual({ done: false, value: 2 });
    const pending = doubled.next();
    await doubled.return(undefined);
    expect(release).toHaveBeenCalledTimes(1);
    expect(await pending).toEqual({ done: true, value: undefined });
  });
});
