import { z } from 'zod';
import { defineTopic } from '@procuregraph/platform/events/topics';
import { supplierStatuses } from './db/tables.ts';

/**
 * A supplier changed status (approval, activation, hold, ...), delivered through the outbox; ids
 * and statuses only, since a notification must stay small and subscribers read the rest from the graph.
 */
export const supplierStatusChanged = defineTopic(
  'supplier.status_changed',
  z.object({
    supplierId: z.uuid(),
    previousStatus: z.enum(supplierStatuses).nullish(),
    status: z.enum(supplierStatuses),
    occurredAt: z.iso.datetime({ offset: true }),
  }),
);

export type SupplierStatusChanged = ReturnType<typeof supplierStatusChanged.parse>;
