import { join } from 'node:path';
import type { World } from '@procuregraph/demo';
import { startErp } from '@procuregraph/erp';
import { startVendorPlatform } from '@procuregraph/vendor-platform';
import { startContractRepository } from '@procuregraph/contract-repository';

export interface BackingSystemPorts {
  erp: number;
  vendorPlatform: number;
  contractRepository: number;
}

export interface BackingSystemsOptions {
  ports: BackingSystemPorts;
  host?: string | undefined;
  /** Where each system keeps its JSON snapshot; in memory when unset (tests). */
  storageDirectory?: string | undefined;
  /** Loaded into a system whose store is empty. */
  world: World;
  /** Where the vendor platform delivers its signed webhooks (read at each event), and its signing key. */
  webhookUrl: () => string | undefined;
  webhookSecret: string;
  /** Where the ERP pushes its signed business events (read at each event), and its signing key. */
  erpWebhookUrl: () => string | undefined;
  erpWebhookSecret: string;
  /** Both systems' delays between retries of a delivery. */
  webhookRetryDelaysMs?: number[] | undefined;
}

export interface RunningBackingSystems {
  readonly urls: { erp: string; vendorPlatform: string; contractRepository: string };
  close(): Promise<void>;
}

/** The reference ERP, vendor platform and contract repository, each its own HTTP service. */
export async function startBackingSystems(options: BackingSystemsOptions): Promise<RunningBackingSystems> {
  const storage = (name: string) => (options.storageDirectory ? join(options.storageDirectory, `${name}.json`) : undefined);
  const common = { host: options.host, world: options.world };
  const erp = await startErp({
    ...common,
    port: options.ports.erp,
    storageFile: storage('erp'),
    webhooks: { url: options.erpWebhookUrl, secret: options.erpWebhookSecret, retryDelaysMs: options.webhookRetryDelaysMs },
  });
  const vendorPlatform = await startVendorPlatform({
    ...common,
    port: options.ports.vendorPlatform,
    storageFile: storage('vendor-platform'),
    webhookUrl: options.webhookUrl,
    webhookSecret: options.webhookSecret,
    webhookRetryDelaysMs: options.webhookRetryDelaysMs,
  });
  const contractRepository = await startContractRepository({
    ...common,
    port: options.ports.contractRepository,
    storageFile: storage('contract-repository'),
  });
  return {
    urls: { erp: erp.url, vendorPlatform: vendorPlatform.url, contractRepository: contractRepository.url },
    close: async () => {
      await Promise.all([erp.close(), vendorPlatform.close(), contractRepository.close()]);
    },
  };
}
