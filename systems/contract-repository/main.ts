import { runStandalone } from '@procuregraph/reference-http';
import { startContractRepository } from './server.ts';

await runStandalone('contract-repository', 4103, startContractRepository);
