// The public entry of connectors/erp: what other workspaces may import.
export { erpEventTypes, readBusinessEventPage, type BusinessEvent } from './business-events.ts';
export { ERP_BASE_PATH, erpClient, type ErpClient } from './client.ts';
export {
  ErpResourceError,
  readPayment,
  readPurchaseOrder,
  readReceipt,
  readSupplier,
  type BankAccount,
  type BankAccountCreate,
  type CollectionPage,
  type InvoiceCreate,
  type PayablesInvoice,
  type Payment,
  type PurchaseOrder,
  type PurchaseOrderCreate,
  type Receipt,
  type ReceiptCreate,
  type Supplier,
  type SupplierAddress,
  type SupplierAddressCreate,
  type SupplierCreate,
  type SupplierSetup,
  type SupplierSetupIds,
  type SupplierSiteCreate,
  type SupplierUpdate,
} from './resources.ts';
