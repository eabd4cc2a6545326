// The public entry of demo: what other workspaces may import.
export { createWorld } from './generate.ts';
export { seedTables, type TableBatches } from './table-batches.ts';
export type {
  DemoContract,
  DemoFacility,
  DemoInsuranceCertificate,
  DemoInvoice,
  DemoMatchException,
  DemoPayment,
  DemoPurchaseOrder,
  DemoPurchaseOrderLine,
  DemoReceipt,
  DemoSupplier,
  World,
} from './world.ts';
