import { randomBytes } from 'node:crypto';
import { runStandalone } from '@procuregraph/reference-http';
import { startVendorPlatform } from './server.ts';

const webhookUrl = process.env.PROCUREGRAPH_WEBHOOK_URL || undefined;
const configuredSecret = process.env.VENDOR_PLATFORM_WEBHOOK_SECRET;
if (webhookUrl && !configuredSecret) {
  console.error('PROCUREGRAPH_WEBHOOK_URL is set but VENDOR_PLATFORM_WEBHOOK_SECRET is not: webhooks cannot be signed.');
  process.exit(1);
}
// Without a webhook URL nothing is signed, so any secret will do.
const webhookSecret = configuredSecret ?? randomBytes(32).toString('hex');

await runStandalone('vendor-platform', 4102, (options) => startVendorPlatform({ ...options, webhookUrl, webhookSecret }));
