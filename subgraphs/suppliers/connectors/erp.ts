import type { ErpLinks } from '../db/tables.ts';
import { requestJson } from '@procuregraph/platform/http/json-client';
import {
  describeFusionError,
  erpAddressBody,
  erpBankAccountBody,
  erpSiteBody,
  erpSupplierBody,
  fromErpSupplier,
  readCreatedSupplier,
  readId,
  type ErpSupplierSetup,
  type ErpSupplierView,
} from './erp-mapping.ts';

const API = '/fscmRestApi/resources/11.13.18.05';

export interface ErpConnector {
  /**
   * Creates the supplier, its address, its pay site and its bank account. Each create carries its
   * own idempotency key derived from `idempotencyKey`, so a rerun after a failure part-way replays
   * the steps already done and creates only what is missing.
   */
  setUpSupplier(setup: ErpSupplierSetup, idempotencyKey: string, signal?: AbortSignal): Promise<ErpLinks>;
  getSupplier(supplierId: string, signal?: AbortSignal): Promise<ErpSupplierView>;
}

export function erpConnector(baseUrl: string): ErpConnector {
  const call = (path: string, method: 'GET' | 'POST', body: unknown, idempotencyKey: string | undefined, signal: AbortSignal | undefined) =>
    requestJson(`${baseUrl}${API}${path}`, { method, body, idempotencyKey, signal }, describeFusionError);

  return {
    async setUpSupplier(setup, idempotencyKey, signal) {
      const created = readCreatedSupplier(await call('/suppliers', 'POST', erpSupplierBody(setup), `${idempotencyKey}:supplier`, signal));
      const base = `/suppliers/${created.supplierId}/child`;
      const addressId = readId(await call(`${base}/addresses`, 'POST', erpAddressBody(setup.address), `${idempotencyKey}:address`, signal), 'SupplierAddressId');
      const site = erpSiteBody(setup.address, Number(addressId), setup.bankAccount !== null);
      const siteId = readId(await call(`${base}/sites`, 'POST', site, `${idempotencyKey}:site`, signal), 'SupplierSiteId');
      const bankAccountId = setup.bankAccount
        ? readId(
            await call('/externalBankAccounts', 'POST', erpBankAccountBody(setup.bankAccount, Number(created.partyId)), `${idempotencyKey}:bank-account`, signal),
            'BankAccountId',
          )
        : null;
      return { supplierId: created.supplierId, supplierNumber: created.supplierNumber, partyId: created.partyId, addressId, siteId, bankAccountId };
    },

    async getSupplier(supplierId, signal) {
      return fromErpSupplier(await call(`/suppliers/${encodeURIComponent(supplierId)}?expand=addresses`, 'GET', undefined, undefined, signal));
    },
  };
}
