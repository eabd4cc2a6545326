import { runStandalone } from '../http/standalone.ts';
import { startContractRepository } from './server.ts';

await runStandalone('contract-repository', 4103, startContractRepository);
