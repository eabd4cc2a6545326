import { z } from 'zod';
import { defineTopic } from '@procuregraph/platform/events';
import { supplierCategories, supplierStatuses } from './db/tables.ts';

/**
 * A supplier changed status (approval, activation, hold, ...), delivered through the outbox; ids
 * statuses and the category only, since a notification must stay small and subscribers read the rest
 * from the graph. The category lets invoicing apply the match tolerances AP set for it; events sent
 * before it was added carry none.
 */
export const supplierStatusChanged = defineTopic(
  'supplier.status_changed',
  z.object({
    supplierId: z.uuid(),
    previousStatus: z.enum(supplierStatuses).nullish(),
    status: z.enum(supplierStatuses),
    category: z.enum(supplierCategories).nullish(),
    occurredAt: z.iso.datetime({ offset: true }),
  }),
);

export type SupplierStatusChanged = ReturnType<typeof supplierStatusChanged.parse>;
