import { requestJson } from '@procuregraph/platform/http/json-client';
import { describeProblem, fromRegistration, registrationIdOf, toRegistration, type EnrollmentRecord, type RegistrationView } from './vendor-platform-mapping.ts';

export interface VendorPlatformConnector {
  getRegistration(registrationId: string, signal?: AbortSignal): Promise<RegistrationView>;
  /** Registers a supplier on the platform on its behalf; the same key gives the same registration. */
  createRegistration(record: EnrollmentRecord, idempotencyKey: string, signal?: AbortSignal): Promise<string>;
  /** Tells the applicant why; repeating the same decision is a no-op on the platform. */
  rejectRegistration(registrationId: string, note: string, signal?: AbortSignal): Promise<void>;
  approveRegistration(registrationId: string, signal?: AbortSignal): Promise<void>;
  /** Shows the supplier its ERP supplier number on the portal; an idempotent PUT. */
  linkErpSupplier(registrationId: string, erp: { supplierNumber: string; supplierId: string }, signal?: AbortSignal): Promise<void>;
}

/** The platform keeps review notes to 2,000 characters. */
const NOTE_LENGTH = 2000;

export function vendorPlatformConnector(baseUrl: string): VendorPlatformConnector {
  const registration = (id: string) => `${baseUrl}/api/v1/registrations/${encodeURIComponent(id)}`;
  return {
    async getRegistration(registrationId, signal) {
      return fromRegistration(await requestJson(registration(registrationId), { method: 'GET', signal }, describeProblem));
    },
    async createRegistration(record, idempotencyKey, signal) {
      const body = await requestJson(`${baseUrl}/api/v1/registrations`, { method: 'POST', body: toRegistration(record), idempotencyKey, signal }, describeProblem);
      return registrationIdOf(body);
    },
    async rejectRegistration(registrationId, note, signal) {
      await requestJson(`${registration(registrationId)}/reject`, { method: 'POST', body: { note: note.slice(0, NOTE_LENGTH) }, signal }, describeProblem);
    },
    async approveRegistration(registrationId, signal) {
      await requestJson(`${registration(registrationId)}/approve`, { method: 'POST', body: {}, signal }, describeProblem);
    },
    async linkErpSupplier(registrationId, erp, signal) {
      await requestJson(`${registration(registrationId)}/erp-reference`, { method: 'PUT', body: erp, signal }, describeProblem);
    },
  };
}
