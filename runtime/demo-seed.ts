import type { World } from '@procuregraph/demo';
import { tradingPartners, type Database, type ServiceDatabase } from '@procuregraph/platform/db';
import type { FieldCipher } from '@procuregraph/platform/crypto';
import type { Logger } from '@procuregraph/platform/logging';
import type { DomainSubgraphName } from '@procuregraph/schema';
import { contractsSeeded, seedContracts } from '@procuregraph/contracts';
import { invoicingSeeded, seedInvoicing } from '@procuregraph/invoicing';
import { procurementSeeded, seedProcurement } from '@procuregraph/procurement';
import { seedSuppliers, suppliersSeeded } from '@procuregraph/suppliers';

interface Seeder {
  seeded(db: Database): Promise<boolean>;
  seed(db: Database, world: World): Promise<number>;
}

/** Each subgraph fills only its own tables, from the one world description. */
function seeders(cipher: FieldCipher): Record<DomainSubgraphName, Seeder> {
  return {
    suppliers: { seeded: suppliersSeeded, seed: (db, world) => seedSuppliers(db, world, cipher) },
    procurement: { seeded: procurementSeeded, seed: seedProcurement },
    invoicing: { seeded: invoicingSeeded, seed: seedInvoicing },
    contracts: { seeded: contractsSeeded, seed: seedContracts },
  };
}

export type SeedOutcome = 'seeded' | 'already-seeded';

/**
 * Loads the demo network into an empty canonical store; a store that holds data is left as it
 * is (restarts keep what was there). A store with some schemas filled and others empty was
 * interrupted half-way: that is refused rather than completed with a mismatched world.
 */
/** How many demo suppliers (medical-surgical and pharmaceutical, the ones that trade by EDI in practice) are trading partners. */
const DEMO_EDI_PARTNERS = 3;

/**
 * A few active medical-surgical and pharmaceutical suppliers trade by EDI: their interchange id is
 * their supplier number (qualifier ZZ, mutually defined), 004010, 810/855/997 in, 850/820/997 out.
 */
async function seedTradingPartners(db: Database, world: World): Promise<number> {
  const partners = [...world.suppliers()]
    .filter((supplier) => supplier.status === 'ACTIVE' && ['MEDICAL_SURGICAL', 'PHARMACEUTICAL'].includes(supplier.category))
    .slice(0, DEMO_EDI_PARTNERS)
    .map((supplier) => {
      const interchangeId = supplier.supplierNumber.replaceAll(/[^A-Za-z0-9]/g, '').slice(0, 15);
      return {
        supplierId: supplier.id,
        interchangeQualifier: 'ZZ',
        interchangeId,
        groupId: interchangeId,
        version: '004010',
        inbound: ['X12_810' as const, 'X12_855' as const, 'X12_997' as const],
        outbound: ['X12_850' as const, 'X12_820' as const, 'X12_997' as const],
      };
    });
  if (partners.length > 0) await db.insert(tradingPartners).values(partners).onConflictDoNothing();
  return partners.length;
}

export async function seedDemoNetwork(
  databases: Readonly<Record<DomainSubgraphName, ServiceDatabase>>,
  world: World,
  cipher: FieldCipher,
  logger: Logger,
): Promise<SeedOutcome> {
  const all = Object.entries(seeders(cipher)) as [DomainSubgraphName, Seeder][];
  const filled = await Promise.all(all.map(([name, seeder]) => seeder.seeded(databases[name].db)));
  if (filled.every(Boolean)) return 'already-seeded';
  if (filled.some(Boolean))
    throw new Error('The database is partly seeded; start from an empty database (remove .data/pglite for the embedded one).');
  const started = performance.now();
  const seedOne = async ([name, seeder]: [DomainSubgraphName, Seeder]) => {
    const rows = await seeder.seed(databases[name].db, world);
    logger.info({ subgraph: name, rows }, 'seeded');
  };
  // PostgreSQL seeds the four schemas side by side on separate connections; PGlite has one.
  if (databases.suppliers.client.kind === 'postgres') await Promise.all(all.map(seedOne));
  else for (const entry of all) await seedOne(entry);
  logger.info({ partners: await seedTradingPartners(databases.invoicing.db, world) }, 'EDI trading partners seeded');
  logger.info({ counts: world.counts, seconds: ((performance.now() - started) / 1000).toFixed(1) }, 'demo network seeded');
  return 'seeded';
}
