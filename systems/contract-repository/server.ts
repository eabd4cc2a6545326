import type { World } from '@procuregraph/demo';
import {
  driftable,
  driftRouter,
  idempotentCreate,
  startSystem,
  textKey,
  systemLogger,
  type RunningSystem,
  SnapshotStore,
} from '@procuregraph/reference-http';
import { amendmentsRouter } from './amendments.ts';
import { ClmErrorCode, clmErrorShape } from './api-errors.ts';
import { changesRouter } from './changes.ts';
import type { ClmContext } from './context.ts';
import { contractView } from './contract-view.ts';
import { contractsRouter } from './contracts.ts';
import { seedContractRepository } from './seed.ts';
import { clmSnapshot, emptyClmState, restoreClmState, type ClmState } from './state.ts';

export interface ContractRepositoryOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** JSON snapshot file; without it the repository keeps nothing across restarts. */
  storageFile?: string;
  /** Loaded when the store is empty (no snapshot yet). */
  world?: World;
}

async function loadState(store: SnapshotStore, world: World | undefined): Promise<ClmState> {
  const saved = await store.load();
  if (saved !== undefined) return restoreClmState(saved);
  const state = emptyClmState();
  if (world) seedContractRepository(state, world);
  return state;
}

/** Starts the reference contract repository (contracts, amendments, change feed). */
export async function startContractRepository(options: ContractRepositoryOptions): Promise<RunningSystem> {
  const store = new SnapshotStore(options.storageFile, systemLogger('contract-repository'));
  const state = await loadState(store, options.world);
  const save = () => store.scheduleSave(() => clmSnapshot(state));
  const context: ClmContext = {
    state,
    changed: save,
    idempotent: idempotentCreate({
      records: () => state.idempotency,
      shape: clmErrorShape,
      mismatchCode: ClmErrorCode.idempotencyKeyReused,
      inFlightCode: ClmErrorCode.idempotencyKeyInUse,
      stored: save,
    }),
  };
  const drifting = { contracts: driftable(state.contracts, textKey, (contract) => contractView(contract, new Date())) };
  // A seeded store is written at once, so the next start finds it and does not seed again.
  save();
  return startSystem({
    name: 'contract-repository',
    port: options.port,
    host: options.host,
    shape: clmErrorShape,
    routers: [contractsRouter(context), amendmentsRouter(context), changesRouter(context), driftRouter(drifting, clmErrorShape, save)],
    onClose: () => store.flush(),
  });
}
