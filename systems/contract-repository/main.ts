import { runStandalone } from '@procuregraph/reference-http/standalone';
import { startContractRepository } from './server.ts';

await runStandalone('contract-repository', 4103, startContractRepository);
