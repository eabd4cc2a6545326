/**
 * Turns each item of a stream into a result, one at a time and in order. Not an `async function*`:
 * a generator suspended while it awaits its source cannot be returned, so a subscriber who leaves
 * between two events would hold its source until the next one. Here `return()` reaches the source
 * at once.
 */
export function mapStream<Item, Result>(
  source: AsyncIterator<Item>,
  map: (item: Item) => Promise<Result>,
): AsyncGenerator<Result, undefined, undefined> {
  const done = { done: true, value: undefined } as const;
  const stream: AsyncGenerator<Result, undefined, undefined> = {
    async next() {
      const item = await source.next();
      return item.done ? done : { done: false, value: await map(item.value) };
    },
    async return() {
      await source.return?.();
      return done;
    },
    async throw(error: unknown) {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
    async [Symbol.asyncDispose]() {
      await source.return?.();
    },
  };
  return stream;
}
