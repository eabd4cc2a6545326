// The public entry of platform/business: what other workspaces may import.
export { businessNow, useBusinessClock } from './business-clock.ts';
export { businessEventKinds, businessEvents, type BusinessEventKind } from './business-events-table.ts';
export {
  businessFigures,
  PERFECT_ORDER_BREAKERS,
  type BusinessFigures,
  type BusinessPeriod,
  type DurationFigures,
  type LatencyFigures,
} from './business-figures.ts';
export { firstBusinessEventAt, recordBusinessEvent, type BusinessEvent } from './record-business-event.ts';
