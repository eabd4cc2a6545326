import { runStandalone } from '@procuregraph/reference-http';
import { startErp } from './server.ts';

const webhookUrl = process.env.PROCUREGRAPH_ERP_WEBHOOK_URL || undefined;
const webhookSecret = process.env.ERP_WEBHOOK_SECRET;
if (webhookUrl && !webhookSecret) {
  console.error('PROCUREGRAPH_ERP_WEBHOOK_URL is set but ERP_WEBHOOK_SECRET is not: business events cannot be signed.');
  process.exit(1);
}

await runStandalone('erp', 4101, (options) =>
  startErp({ ...options, webhooks: webhookUrl && webhookSecret ? { url: webhookUrl, secret: webhookSecret } : undefined }),
);
