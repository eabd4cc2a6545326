import { FACILITY_SITES, NETWORK } from './catalog.ts';
import { withGs1CheckDigit } from './identifiers.ts';
import type { WorldContext } from './plan.ts';
import { DAY, HISTORY_START, HOUR } from './timeline.ts';
import type { DemoFacility } from './world.ts';

/** The hospitals were there before the history starts. */
const OPENED = HISTORY_START - 30 * DAY;

export function facilityId(context: WorldContext, index: number): string {
  return context.ids.stamp('FACILITY', index, OPENED + index * HOUR).id;
}

export function facilityRecord(context: WorldContext, index: number): DemoFacility {
  const site = FACILITY_SITES[index];
  if (!site) throw new Error(`The demo network has ${FACILITY_SITES.length} sites, not ${index + 1}`);
  return {
    id: facilityId(context, index),
    code: `${NETWORK.codePrefix}-${site.code}`,
    name: site.name,
    gln: withGs1CheckDigit(NETWORK.glnPrefix + String(index + 1).padStart(5, '0')),
    address: { line1: site.street, line2: null, city: site.city, region: 'OH', postalCode: site.postalCode, country: 'US' },
  };
}
