import { runStandalone } from '../http/standalone.ts';
import { startErp } from './server.ts';

await runStandalone('erp', 4101, startErp);
