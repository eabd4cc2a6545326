import { decimal, formatDecimal } from '@procuregraph/platform/money';
import type { DemoInsuranceCertificate, DemoPayment, DemoPurchaseOrder, DemoSupplier, World } from '@procuregraph/demo';
import { amount } from './amounts.ts';
import type { PortalOrder, PortalPayment, Registration, RegistrationStatus, VendorState } from './state.ts';

/**
 * Loads the vendor platform's view of the demo world in its own format: a registration per
 * supplier (`vendorPlatform.registrationId`), the purchase orders that were published to the
 * portal (keyed by the canonical order id, which is the integration's external id), and the
 * payments suppliers see (keyed by the canonical payment id). The world does not say which
 * invoices came through the portal, so none are loaded. No events are appended.
 */

const REGISTRATION_STATUS: Record<DemoSupplier['status'], RegistrationStatus> = {
  PENDING_APPROVAL: 'submitted',
  REJECTED: 'rejected',
  APPROVED: 'approved',
  ACTIVE: 'approved',
  ON_HOLD: 'approved',
  INACTIVE: 'approved',
};

const INSURANCE_KIND: Record<DemoInsuranceCertificate['type'], Registration['insurance'][number]['kind']> = {
  GENERAL_LIABILITY: 'general_liability',
  WORKERS_COMPENSATION: 'workers_compensation',
  PROFESSIONAL_LIABILITY: 'professional_liability',
  AUTO_LIABILITY: 'auto_liability',
  CYBER_LIABILITY: 'cyber_liability',
};

const PAYMENT_METHOD: Record<DemoPayment['method'], PortalPayment['method']> = {
  ACH: 'ach',
  CHECK: 'check',
  WIRE: 'wire',
  VIRTUAL_CARD: 'virtual_card',
};

function registration(supplier: DemoSupplier): Registration {
  const submittedAt = supplier.createdAt.toISOString();
  const status = REGISTRATION_STATUS[supplier.status];
  return {
    id: supplier.vendorPlatform.registrationId,
    status,
    legalName: supplier.legalName,
    dbaName: supplier.dbaName,
    tin: supplier.taxId,
    tinType: 'ein',
    taxClassification: 'c_corporation',
    address: {
      street1: supplier.address.line1,
      street2: supplier.address.line2,
      city: supplier.address.city,
      state: supplier.address.region,
      zip: supplier.address.postalCode,
      country: supplier.address.country,
    },
    contact: { fullName: supplier.contact.name, email: supplier.contact.email, phone: supplier.contact.phone },
    bank: {
      routingNumber: supplier.bankAccount.routingNumber,
      accountNumber: supplier.bankAccount.accountNumber,
      accountType: supplier.bankAccount.accountType === 'CHECKING' ? 'checking' : 'savings',
    },
    insurance: supplier.insuranceCertificates.map((certificate) => ({
      kind: INSURANCE_KIND[certificate.type],
      insurer: certificate.carrier,
      policyNumber: certificate.policyNumber,
      coverageLimit: amount(certificate.coverageAmount, 'USD'),
      expirationDate: certificate.expiresOn,
    })),
    diversity: [],
    erpReference: supplier.erp
      ? { supplierNumber: supplier.erp.supplierNumber, supplierId: String(supplier.erp.supplierId), linkedAt: submittedAt }
      : null,
    submittedAt,
    reviewedAt: status === 'submitted' ? null : submittedAt,
    reviewNote: null,
    updatedAt: submittedAt,
  };
}

function portalOrder(order: DemoPurchaseOrder, registrationId: string, publishedAt: Date): PortalOrder {
  const published = publishedAt.toISOString();
  const status: PortalOrder['status'] = order.status === 'CANCELLED' ? 'cancelled' : order.status === 'CLOSED' ? 'closed' : 'open';
  return {
    externalId: order.id,
    registrationId,
    poNumber: order.number,
    orderDate: order.orderDate,
    currency: 'USD',
    shipTo: null,
    status,
    lines: order.lines.map((line) => ({
      lineNo: line.lineNumber,
      sku: line.itemNumber,
      description: line.description,
      qty: formatDecimal(line.quantity),
      uom: line.unitOfMeasure,
      unitPrice: { value: line.unitPrice, currency: 'USD' },
      extendedPrice: amount(decimal(line.quantity).times(line.unitPrice).toString(), 'USD'),
    })),
    total: amount(order.total, 'USD'),
    acknowledgement:
      order.publicationState === 'ACKNOWLEDGED'
        ? { status: 'accepted', respondedAt: published, note: null }
        : { status: 'pending', respondedAt: null, note: null },
    revision: 1,
    publishedAt: published,
    updatedAt: published,
  };
}

function portalPayment(payment: DemoPayment, registrationId: string, invoiceNumber: string | null): PortalPayment {
  const createdAt = payment.createdAt.toISOString();
  const status = payment.status.toLowerCase() as PortalPayment['status'];
  const changedAt = (payment.clearedAt ?? payment.paidAt ?? payment.createdAt).toISOString();
  return {
    externalId: payment.id,
    registrationId,
    invoiceNumber,
    invoiceNumbers: invoiceNumber === null ? [] : [invoiceNumber],
    paymentNumber: payment.paymentNumber,
    amount: amount(payment.amount, 'USD'),
    method: PAYMENT_METHOD[payment.method],
    status,
    statusHistory: [{ status, at: changedAt }],
    createdAt,
    updatedAt: changedAt,
  };
}

export function seedVendorPlatform(state: VendorState, world: World): void {
  const registrationOf = new Map<string, string>();
  for (const supplier of world.suppliers()) {
    state.registrations.insert(registration(supplier));
    registrationOf.set(supplier.id, supplier.vendorPlatform.registrationId);
  }
  for (const order of world.purchaseOrders()) {
    const registrationId = registrationOf.get(order.supplierId);
    const published = order.publicationState === 'PUBLISHED' || order.publicationState === 'ACKNOWLEDGED';
    if (registrationId && published) state.orders.insert(portalOrder(order, registrationId, order.publishedAt ?? order.createdAt));
  }
  const invoiceNumbers = new Map<string, string>();
  for (const invoice of world.invoices()) invoiceNumbers.set(invoice.id, invoice.invoiceNumber);
  for (const payment of world.payments()) {
    const registrationId = registrationOf.get(payment.supplierId);
    if (registrationId) state.payments.insert(portalPayment(payment, registrationId, invoiceNumbers.get(payment.invoiceId) ?? null));
  }
}
