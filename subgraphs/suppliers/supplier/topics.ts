/**
 * Onboarding's internal outbox topics: each starts the durable job that synchronizes one backing
 * system. (`supplier.status_changed`, the public one, is in ../events.ts.)
 */

/** A supplier was approved: set it up in the ERP. */
export const SUPPLIER_APPROVED = 'supplier.approved';
/**
 * A supplier got its ERP records, or later its portal registration: procurement and invoicing
 * update their copies; a supplier without a registration is enrolled on the portal, and the
 * platform is told the approval and the ERP supplier number.
 */
export const SUPPLIER_ERP_LINKED = 'supplier.erp_linked';
