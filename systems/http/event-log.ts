/** An append-only log of events, each numbered by a sequence that serves as the feed cursor. */
export interface EventLog<Event> {
  lastSequence: number;
  events: Event[];
}

export function emptyEventLog<Event>(): EventLog<Event> {
  return { lastSequence: 0, events: [] };
}

export function appendEvent<Event>(log: EventLog<Event>, build: (sequence: number) => Event): Event {
  log.lastSequence += 1;
  const event = build(log.lastSequence);
  log.events.push(event);
  return event;
}

/** The events after a cursor, oldest first; events are stored in sequence order, so a binary search finds the start. */
export function readEventsAfter<Event>(
  log: EventLog<Event>,
  sequenceOf: (event: Event) => number,
  after: number,
  limit: number,
): { events: Event[]; hasMore: boolean } {
  let low = 0;
  let high = log.events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sequenceOf(log.events[middle] as Event) <= after) low = middle + 1;
    else high = middle;
  }
  return { events: log.events.slice(low, low + limit), hasMore: low + limit < log.events.length };
}
