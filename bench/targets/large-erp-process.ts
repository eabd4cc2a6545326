/**
 * The reference ERP holding the large demo world (100k suppliers, 1M invoices), on PORT: the same
 * deterministic world `npm run seed -- --scale large` loads into the canonical database, so an ERP
 * reconciliation of the large dataset compares records that match. Kept in memory only: a JSON
 * snapshot of a million invoices is more than the ERP's snapshot store is made for.
 */
import { createWorld } from '@procuregraph/demo';
import { startErp } from '@procuregraph/erp';
import { closeOnSignal } from '@procuregraph/platform/process';
import { systemLogger } from '@procuregraph/reference-http';

const erp = await startErp({ port: Number(process.env.PORT), host: '127.0.0.1', world: createWorld({ scale: 'large' }) });
closeOnSignal(() => erp.close(), systemLogger('erp'));
