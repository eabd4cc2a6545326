/**
 * The suppliers subgraph's outbox topics besides `supplier.status_changed` (in ../events.ts).
 * Each starts durable work here or in another subgraph.
 */

/** A supplier was approved: set it up in the ERP. */
export const SUPPLIER_APPROVED = 'supplier.approved';
/**
 * A supplier got its ERP records (with its portal registration, if it has one): procurement and
 * invoicing update their copies; the vendor platform is told the approval and the ERP supplier
 * number, after enrolling the supplier there first if it is not registered.
 */
export const SUPPLIER_ERP_LINKED = 'supplier.erp_linked';
/**
 * A supplier already in the ERP got its portal registration: procurement and invoicing learn where
 * to publish its orders and payments. Same payload as `supplier.erp_linked`.
 */
export const SUPPLIER_PORTAL_ENROLLED = 'supplier.portal_enrolled';
/** Reconciliation found the ERP's copy of a supplier stale (name, status): push the canonical values again. */
export const SUPPLIER_ERP_REPUSH = 'supplier.erp_repush_requested';
