import { runStandalone } from '@procuregraph/reference-http';
import { startErp } from './server.ts';

await runStandalone('erp', 4101, startErp);
