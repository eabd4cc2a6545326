// The public entry of connectors/vendor-platform: what other workspaces may import.
export { vendorPlatformClient, type VendorPlatformClient } from './client.ts';
export { VENDOR_PLATFORM_SYSTEM, vendorEventTypes, vendorPlatformWebhooks, type VendorEvent } from './events.ts';
export {
  readOrderAcknowledgement,
  readRegistration,
  readRegistrationEvent,
  readSubmittedInvoice,
  type ListedRegistration,
  type PortalInvoice,
  type PortalInvoiceStatusPut,
  type PortalOrderPut,
  type PortalPage,
  type PortalPaymentPut,
  type PublishedOrder,
  type Registration,
  type RegistrationCreate,
  type ShownPayment,
} from './resources.ts';
