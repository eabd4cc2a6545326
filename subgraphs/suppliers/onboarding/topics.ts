/**
 * Onboarding's internal outbox topics: each starts the durable job that synchronizes one backing
 * system. (`supplier.status_changed`, the public one, is in ../events.ts.)
 */

/** A supplier was approved: set it up in the ERP. */
export const SUPPLIER_APPROVED = 'supplier.approved';
/** A supplier from the vendor platform got its ERP records: show the supplier number on the portal. */
export const SUPPLIER_ERP_LINKED = 'supplier.erp_linked';
