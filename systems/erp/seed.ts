import { decimal, formatAmount, formatDecimal } from '@procuregraph/platform/money';
import type { DemoInvoice, DemoPayment, DemoPurchaseOrder, DemoSupplier, World } from '@procuregraph/demo';
import { isoDate } from '@procuregraph/reference-http';
import { DEFAULT_PROCUREMENT_BU } from './purchase-orders.ts';
import {
  FIRST_SEQUENCES,
  OPEN_ENDED_DATE,
  nextNumber,
  type BusinessRelationshipCode,
  type ErpInvoice,
  type ErpPoLine,
  type ErpPurchaseOrder,
  type ErpState,
  type ErpSupplier,
  type PaymentMethodCode,
  type PaymentStatus,
  type PoStatusCode,
  type SupplierStatus,
} from './state.ts';

/**
 * Loads the ERP's view of the demo world, in the ERP's own format, keeping the ids the world
 * assigned in the ERP (`erp.supplierId`, `erpPoHeaderId`, `erpInvoiceId`, `erpPaymentId`...).
 * Only what reached the ERP is loaded: suppliers with an `erp` reference, their orders and
 * receipts, invoices with an `erpInvoiceId` and their payments. Seeding appends no business
 * events: it is the initial state, which a connector reads by listing the collections.
 */

const SUPPLIER_STATUS: Record<DemoSupplier['status'], { Status: SupplierStatus; BusinessRelationshipCode: BusinessRelationshipCode }> = {
  ACTIVE: { Status: 'ACTIVE', BusinessRelationshipCode: 'SPEND_AUTHORIZED' },
  ON_HOLD: { Status: 'ACTIVE', BusinessRelationshipCode: 'SPEND_AUTHORIZED' },
  APPROVED: { Status: 'ACTIVE', BusinessRelationshipCode: 'PROSPECTIVE' },
  PENDING_APPROVAL: { Status: 'ACTIVE', BusinessRelationshipCode: 'PROSPECTIVE' },
  REJECTED: { Status: 'INACTIVE', BusinessRelationshipCode: 'PROSPECTIVE' },
  INACTIVE: { Status: 'INACTIVE', BusinessRelationshipCode: 'SPEND_AUTHORIZED' },
};

const ORDER_STATUS: Record<DemoPurchaseOrder['status'], PoStatusCode> = {
  DRAFT: 'INCOMPLETE',
  OPEN: 'OPEN',
  PARTIALLY_RECEIVED: 'OPEN',
  RECEIVED: 'CLOSED_FOR_RECEIVING',
  CLOSED: 'CLOSED',
  CANCELLED: 'CANCELED',
};

const PAYMENT_STATUS: Record<DemoPayment['status'], PaymentStatus> = {
  SCHEDULED: 'Issued',
  SENT: 'Negotiable',
  CLEARED: 'Cleared',
  FAILED: 'Spoiled',
  VOIDED: 'Voided',
};

const PAYMENT_METHOD: Record<DemoPayment['method'], PaymentMethodCode> = { ACH: 'EFT', CHECK: 'CHECK', WIRE: 'WIRE', VIRTUAL_CARD: 'CARD' };

/** The ids the world already holds, so ids the seed itself assigns (lines, schedules...) never collide with them. */
function highestWorldId(world: World): number {
  let highest = 0;
  for (const supplier of world.suppliers()) {
    if (supplier.erp)
      highest = Math.max(highest, supplier.erp.supplierId, supplier.erp.bankAccountId, supplier.erp.siteId, supplier.erp.addressId);
  }
  for (const order of world.purchaseOrders()) {
    highest = Math.max(highest, order.erpPoHeaderId, ...order.receipts.map((receipt) => receipt.erpReceiptId));
  }
  for (const invoice of world.invoices()) highest = Math.max(highest, invoice.erpInvoiceId ?? 0);
  for (const payment of world.payments()) highest = Math.max(highest, payment.erpPaymentId);
  return highest;
}

/** Keeps a numbering sequence ahead of the numbers the world used. */
function passNumber(state: ErpState, name: 'supplierNumber' | 'orderNumber' | 'receiptNumber' | 'paymentNumber', used: string): void {
  if (/^\d{1,15}$/.test(used)) state.sequences[name] = Math.max(state.sequences[name], Number(used) + 1);
}

/**
 * The site name the network's suppliers are set up with: the city, upper case, at most Fusion's 15
 * characters (what Procuregraph's onboarding sends, and reconciliation compares).
 */
function siteNameOf(city: string): string {
  return (
    city
      .toUpperCase()
      .replace(/[^A-Z0-9 ]/g, '')
      .trim()
      .slice(0, 15)
      .trim() || 'MAIN'
  );
}

function seedSupplier(state: ErpState, demo: DemoSupplier, erp: NonNullable<DemoSupplier['erp']>): ErpSupplier {
  const created = demo.createdAt.toISOString();
  const status = SUPPLIER_STATUS[demo.status];
  const addressName = 'HQ';
  const partyId = nextNumber(state.sequences, 'party');
  passNumber(state, 'supplierNumber', erp.supplierNumber);
  state.bankAccounts.insert({
    BankAccountId: erp.bankAccountId,
    BankAccountNumber: demo.bankAccount.accountNumber,
    BankAccountName: `${demo.legalName} ${demo.bankAccount.accountType.toLowerCase()}`.slice(0, 80),
    AccountType: demo.bankAccount.accountType,
    BankName: null,
    BankBranchName: null,
    BankBranchNumber: demo.bankAccount.routingNumber,
    CountryCode: 'US',
    CurrencyCode: 'USD',
    StartDate: isoDate(demo.createdAt),
    EndDate: OPEN_ENDED_DATE,
    CreationDate: created,
    LastUpdateDate: created,
    accountOwners: [
      {
        AccountOwnerId: nextNumber(state.sequences, 'id'),
        AccountOwnerPartyIdentifier: partyId,
        AccountOwnerPartyName: demo.legalName,
        PrimaryOwnerIndicator: 'Y',
        StartDate: isoDate(demo.createdAt),
        EndDate: OPEN_ENDED_DATE,
      },
    ],
  });
  return state.suppliers.insert({
    SupplierId: erp.supplierId,
    SupplierPartyId: partyId,
    SupplierNumber: erp.supplierNumber,
    Supplier: demo.legalName,
    AlternateName: demo.dbaName,
    TaxOrganizationTypeCode: 'CORPORATION',
    BusinessRelationshipCode: status.BusinessRelationshipCode,
    TaxpayerId: demo.taxId.replace(/\D/g, ''),
    TaxpayerCountryCode: 'US',
    Status: status.Status,
    InactiveDate: status.Status === 'INACTIVE' ? isoDate(demo.createdAt) : null,
    CreationDate: created,
    LastUpdateDate: created,
    addresses: [
      {
        SupplierAddressId: erp.addressId,
        AddressName: addressName,
        CountryCode: demo.address.country,
        AddressLine1: demo.address.line1,
        AddressLine2: demo.address.line2,
        City: demo.address.city,
        State: demo.address.region,
        PostalCode: demo.address.postalCode,
        AddressPurposeOrderingFlag: true,
        AddressPurposeRemitToFlag: true,
        CreationDate: created,
        LastUpdateDate: created,
      },
    ],
    sites: [
      {
        SupplierSiteId: erp.siteId,
        SupplierSite: siteNameOf(demo.address.city),
        ProcurementBU: DEFAULT_PROCUREMENT_BU,
        SupplierAddressId: erp.addressId,
        SupplierAddressName: addressName,
        SitePurposePurchasingFlag: true,
        SitePurposePayFlag: true,
        PaymentMethodCode: 'EFT',
        InactiveDate: null,
        CreationDate: created,
        LastUpdateDate: created,
      },
    ],
  });
}

function seedOrder(state: ErpState, demo: DemoPurchaseOrder, supplier: ErpSupplier, shipTo: string | null): ErpPurchaseOrder {
  const created = demo.createdAt.toISOString();
  passNumber(state, 'orderNumber', demo.number);
  const received = (lineNumber: number) =>
    demo.receipts
      .flatMap((receipt) => receipt.lines)
      .filter((line) => line.lineNumber === lineNumber)
      .reduce((total, line) => total.plus(line.quantityReceived), decimal('0'));
  const lines = demo.lines.map((line): ErpPoLine => ({
    POLineId: nextNumber(state.sequences, 'id'),
    LineNumber: line.lineNumber,
    Item: line.itemNumber,
    Description: line.description,
    Quantity: line.quantity,
    UOM: line.unitOfMeasure,
    Price: line.unitPrice,
    Amount: line.amount,
    schedules: [
      {
        LineLocationId: nextNumber(state.sequences, 'id'),
        ScheduleNumber: 1,
        Quantity: line.quantity,
        QuantityReceived: formatDecimal(received(line.lineNumber)),
        QuantityBilled: '0',
        ShipToLocationCode: shipTo,
      },
    ],
  }));
  const order = state.purchaseOrders.insert({
    POHeaderId: demo.erpPoHeaderId,
    OrderNumber: demo.number,
    SupplierId: supplier.SupplierId,
    Supplier: supplier.Supplier,
    SupplierSiteId: supplier.sites[0]?.SupplierSiteId ?? null,
    SupplierSite: supplier.sites[0]?.SupplierSite ?? null,
    ProcurementBU: DEFAULT_PROCUREMENT_BU,
    ShipToLocationCode: shipTo,
    Buyer: null,
    Description: null,
    DocumentStatusCode: ORDER_STATUS[demo.status],
    CurrencyCode: 'USD',
    Total: demo.total,
    OrderDate: demo.orderDate,
    CreationDate: created,
    LastUpdateDate: created,
    lines,
  });
  for (const receipt of demo.receipts) {
    passNumber(state, 'receiptNumber', receipt.receiptNumber);
    state.receipts.insert({
      HeaderInterfaceId: receipt.erpReceiptId,
      ReceiptNumber: receipt.receiptNumber,
      ReceiptSourceCode: 'VENDOR',
      VendorId: supplier.SupplierId,
      VendorName: supplier.Supplier,
      VendorNumber: supplier.SupplierNumber,
      TransactionDate: receipt.receivedAt.toISOString(),
      ProcessingStatusCode: 'SUCCESS',
      CreationDate: receipt.receivedAt.toISOString(),
      lines: receipt.lines.map((received) => {
        const line = lines.find((candidate) => candidate.LineNumber === received.lineNumber);
        return {
          InterfaceTransactionId: nextNumber(state.sequences, 'id'),
          TransactionType: 'RECEIVE',
          DocumentNumber: order.OrderNumber,
          DocumentLineNumber: received.lineNumber,
          DocumentScheduleNumber: 1,
          POHeaderId: order.POHeaderId,
          POLineId: line?.POLineId ?? 0,
          ItemNumber: line?.Item ?? null,
          Quantity: received.quantityReceived,
          UnitOfMeasure: line?.UOM ?? 'EA',
        };
      }),
    });
  }
  return order;
}

function seedInvoice(
  state: ErpState,
  demo: DemoInvoice,
  erpInvoiceId: number,
  supplier: ErpSupplier,
  order: ErpPurchaseOrder | undefined,
): ErpInvoice {
  const created = demo.createdAt.toISOString();
  for (const line of demo.lines) {
    const schedule = order?.lines.find((candidate) => candidate.LineNumber === line.lineNumber)?.schedules[0];
    if (schedule) schedule.QuantityBilled = formatDecimal(decimal(schedule.QuantityBilled).plus(line.quantity));
  }
  return state.invoices.insert({
    InvoiceId: erpInvoiceId,
    InvoiceNumber: demo.invoiceNumber,
    InvoiceType: 'Standard',
    InvoiceCurrency: 'USD',
    InvoiceAmount: demo.total,
    InvoiceDate: demo.invoiceDate,
    SupplierId: supplier.SupplierId,
    Supplier: supplier.Supplier,
    SupplierNumber: supplier.SupplierNumber,
    SupplierSite: supplier.sites[0]?.SupplierSite ?? null,
    BusinessUnit: DEFAULT_PROCUREMENT_BU,
    Description: null,
    ValidationStatus: 'Validated',
    ApprovalStatus: demo.status === 'REJECTED' ? 'Rejected' : 'Workflow approved',
    PaidStatus: 'Unpaid',
    AmountPaid: '0.00',
    AmountRemaining: demo.total,
    CanceledFlag: false,
    CreationDate: created,
    LastUpdateDate: created,
    invoiceLines: demo.lines.map((line) => ({
      LineNumber: line.position,
      LineType: 'Item',
      LineAmount: line.amount,
      Description: null,
      Item: line.itemNumber,
      Quantity: line.quantity,
      UnitPrice: line.unitPrice,
      UOM: order?.lines.find((candidate) => candidate.LineNumber === line.lineNumber)?.UOM ?? null,
      PurchaseOrderNumber: order ? order.OrderNumber : null,
      PurchaseOrderLineNumber: order ? line.lineNumber : null,
      PurchaseOrderScheduleLineNumber: order ? 1 : null,
      CorrectedInvoiceNumber: null,
    })),
  });
}

function seedPayment(state: ErpState, demo: DemoPayment, invoice: ErpInvoice): void {
  const status = PAYMENT_STATUS[demo.status];
  passNumber(state, 'paymentNumber', demo.paymentNumber);
  state.payments.insert({
    PaymentId: demo.erpPaymentId,
    PaymentNumber: demo.paymentNumber,
    PaymentAmount: demo.amount,
    PaymentCurrency: 'USD',
    PaymentDate: demo.scheduledFor,
    PaymentStatus: status,
    PaymentMethodCode: PAYMENT_METHOD[demo.method],
    SupplierId: invoice.SupplierId,
    Supplier: invoice.Supplier,
    SupplierNumber: invoice.SupplierNumber,
    ClearingDate: demo.clearedAt ? isoDate(demo.clearedAt) : null,
    VoidDate: status === 'Voided' ? isoDate(demo.paidAt ?? demo.createdAt) : null,
    CreationDate: demo.createdAt.toISOString(),
    LastUpdateDate: (demo.clearedAt ?? demo.paidAt ?? demo.createdAt).toISOString(),
    relatedInvoices: [
      {
        InvoicePaymentId: nextNumber(state.sequences, 'id'),
        InvoiceId: invoice.InvoiceId,
        InvoiceNumber: invoice.InvoiceNumber,
        InvoiceType: invoice.InvoiceType,
        AmountPaid: demo.amount,
      },
    ],
  });
  if (status === 'Issued' || status === 'Negotiable' || status === 'Cleared') {
    invoice.PaidStatus = 'Paid';
    invoice.AmountPaid = demo.amount;
    invoice.AmountRemaining = formatAmount(decimal(invoice.InvoiceAmount).minus(demo.amount), invoice.InvoiceCurrency);
  }
}

export function seedErp(state: ErpState, world: World): void {
  state.sequences.id = Math.max(FIRST_SEQUENCES.id, highestWorldId(world) + 1);
  const facilities = new Map([...world.facilities()].map((facility) => [facility.id, facility.code]));
  const suppliers = new Map<string, ErpSupplier>();
  for (const demo of world.suppliers()) if (demo.erp) suppliers.set(demo.id, seedSupplier(state, demo, demo.erp));

  const orders = new Map<string, ErpPurchaseOrder>();
  for (const demo of world.purchaseOrders()) {
    const supplier = suppliers.get(demo.supplierId);
    if (supplier) orders.set(demo.id, seedOrder(state, demo, supplier, facilities.get(demo.facilityId) ?? null));
  }

  const invoices = new Map<string, ErpInvoice>();
  for (const demo of world.invoices()) {
    const supplier = suppliers.get(demo.supplierId);
    if (demo.erpInvoiceId === null || !supplier) continue;
    const order = demo.purchaseOrderId ? orders.get(demo.purchaseOrderId) : undefined;
    invoices.set(demo.id, seedInvoice(state, demo, demo.erpInvoiceId, supplier, order));
  }

  for (const demo of world.payments()) {
    const invoice = invoices.get(demo.invoiceId);
    if (invoice) seedPayment(state, demo, invoice);
  }
}
