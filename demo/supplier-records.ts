import type { Decimal } from 'decimal.js';
import { ExactDecimal, decimal } from '@procuregraph/platform/money';
import {
  BRAND_WORDS,
  CATEGORY_MIX,
  CATEGORY_PROFILES,
  COVERAGE_LIMITS,
  FIRST_NAMES,
  INSURANCE_CARRIERS,
  LAST_NAMES,
  LEGAL_SUFFIXES,
  NAME_PLACES,
  ROUTING_PREFIXES,
  STREET_NAMES,
  STREET_TYPES,
  SUPPLIER_CITIES,
  type CatalogItem,
} from './catalog.ts';
import { employerIdentificationNumber, erpId, withAbaCheckDigit } from './identifiers.ts';
import { MAX_CERTIFICATES_PER_SUPPLIER, type WorldContext, type WorldPlan } from './plan.ts';
import { randomFor, type Random } from './random.ts';
import { AS_OF, DAY, HISTORY_START, MINUTE, isoDate, wholeSeconds } from './timeline.ts';
import type { DemoAddress, DemoInsuranceCertificate, DemoPayment, DemoSupplier, DemoSupplierCategory } from './world.ts';

/** What other records need to know about a supplier, cheap enough to compute per order or invoice. */
export interface SupplierProfile {
  index: number;
  id: string;
  createdAt: Date;
  category: DemoSupplierCategory;
  /** Position among the suppliers of its category, which picks its name. */
  categoryRank: number;
  status: DemoSupplier['status'];
  inErp: boolean;
  paymentMethod: DemoPayment['method'];
}

/** One supplier's price for one catalog item. */
export interface OfferedItem {
  item: CatalogItem;
  unitPrice: string;
}

/** Suppliers register over the history, slowly at first: registration time grows as index^1.6. */
const REGISTRATION_CURVE = 1.6;
const REGISTRATION_SPAN = 0.98 * (AS_OF - HISTORY_START);

/** A fixed cycle of 60 categories in the proportions of CATEGORY_MIX, spread evenly (smooth weighted round robin). */
const CATEGORY_CYCLE: readonly { category: DemoSupplierCategory; rank: number }[] = (() => {
  const credit = new Map(CATEGORY_MIX.map(([category]) => [category, 0]));
  const taken = new Map(CATEGORY_MIX.map(([category]) => [category, 0]));
  const total = CATEGORY_MIX.reduce((sum, [, weight]) => sum + weight, 0);
  const cycle: { category: DemoSupplierCategory; rank: number }[] = [];
  for (let position = 0; position < total; position++) {
    for (const [category, weight] of CATEGORY_MIX) credit.set(category, credit.get(category)! + weight);
    const [chosen] = CATEGORY_MIX.reduce((best, entry) => (credit.get(entry[0])! > credit.get(best[0])! ? entry : best));
    credit.set(chosen, credit.get(chosen)! - total);
    cycle.push({ category: chosen, rank: taken.get(chosen)! });
    taken.set(chosen, taken.get(chosen)! + 1);
  }
  return cycle;
})();

const CATEGORY_WEIGHTS = new Map(CATEGORY_MIX);

function supplierStatus(plan: WorldPlan, index: number): DemoSupplier['status'] {
  const fromNewest = plan.suppliers - 1 - index;
  if (fromNewest < plan.suppliersInOnboarding) return fromNewest % 2 === 0 ? 'PENDING_APPROVAL' : 'APPROVED';
  if (index % 20 === 7) return 'ON_HOLD';
  if (index % 20 === 13) return 'INACTIVE';
  return 'ACTIVE';
}

export function supplierProfile(context: WorldContext, index: number): SupplierProfile {
  return context.memo.get('supplier-profile', index, () => deriveProfile(context, index));
}

function deriveProfile(context: WorldContext, index: number): SupplierProfile {
  const { plan } = context;
  const random = randomFor(plan.seed, 'supplier-profile', index);
  const slot = CATEGORY_CYCLE[index % CATEGORY_CYCLE.length]!;
  const registeredAt = HISTORY_START + REGISTRATION_SPAN * ((index + random.next()) / plan.suppliers) ** REGISTRATION_CURVE;
  const status = supplierStatus(plan, index);
  const { id, createdAt } = context.ids.stamp('SUPPLIER', index, registeredAt);
  return {
    index,
    id,
    createdAt,
    category: slot.category,
    categoryRank: Math.floor(index / CATEGORY_CYCLE.length) * CATEGORY_WEIGHTS.get(slot.category)! + slot.rank,
    status,
    inErp: status !== 'PENDING_APPROVAL' && status !== 'APPROVED',
    paymentMethod: random.weighted([
      ['ACH', 60],
      ['CHECK', 15],
      ['WIRE', 10],
      ['VIRTUAL_CARD', 15],
    ] as const),
  };
}

/** How many suppliers had registered by `instant` (the inverse of the registration curve). */
export function suppliersRegisteredBy(plan: WorldPlan, instant: number): number {
  if (instant <= HISTORY_START) return 0;
  const share = Math.min(1, (instant - HISTORY_START) / REGISTRATION_SPAN) ** (1 / REGISTRATION_CURVE);
  return Math.min(plan.suppliers, Math.floor(plan.suppliers * share));
}

/** What a supplier sells and at what list price: a stable subset of its category's catalog. */
export function supplierAssortment(context: WorldContext, profile: SupplierProfile): readonly OfferedItem[] {
  return context.memo.get('supplier-assortment', profile.index, () => deriveAssortment(context, profile));
}

function deriveAssortment(context: WorldContext, profile: SupplierProfile): OfferedItem[] {
  const random = randomFor(context.plan.seed, 'supplier-assortment', profile.index);
  const items = CATEGORY_PROFILES[profile.category].items;
  return random.sample(items, random.int(6, 12)).map((item) => ({
    item,
    unitPrice: scalePrice(item.listPrice, random.between(0.92, 1.12), ExactDecimal.ROUND_HALF_UP),
  }));
}

/** A price times a factor, kept to the price's own number of decimals. */
export function scalePrice(price: string, factor: number, rounding: Decimal.Rounding): string {
  const places = price.split('.')[1]?.length ?? 0;
  return decimal(price).times(factor.toFixed(6)).toDecimalPlaces(places, rounding).toFixed(places);
}

function companyName(profile: SupplierProfile): { base: string; brand: string; core: string } {
  const cores = CATEGORY_PROFILES[profile.category].nameCores;
  const rank = profile.categoryRank;
  const categoryOffset = CATEGORY_MIX.findIndex(([category]) => category === profile.category) * 9;
  // brand follows rank mod 72 and core shifts by one every 72 ranks; since 73 and the number of
  // cores are coprime, every brand-core pair comes up once before a place is needed.
  const brand = BRAND_WORDS[(rank + categoryOffset) % BRAND_WORDS.length]!;
  const core = cores[(rank + Math.floor(rank / BRAND_WORDS.length)) % cores.length]!;
  const place = Math.floor(rank / (BRAND_WORDS.length * cores.length));
  if (place > NAME_PLACES.length) throw new Error(`No distinct name left for ${profile.category} supplier ${rank}`);
  const base = place === 0 ? `${brand} ${core}` : `${brand} ${core} of ${NAME_PLACES[place - 1]}`;
  return { base, brand, core };
}

function address(random: Random): DemoAddress & { areaCode: string } {
  const ohio = SUPPLIER_CITIES.filter((city) => city.region === 'OH');
  const city = random.chance(0.5) ? random.pick(ohio) : random.pick(SUPPLIER_CITIES);
  return {
    line1: `${random.int(100, 9899)} ${random.pick(STREET_NAMES)} ${random.pick(STREET_TYPES)}`,
    line2: random.chance(0.35) ? `Suite ${random.int(1, 9) * 100 + random.int(0, 40)}` : null,
    city: city.city,
    region: city.region,
    postalCode: random.pick(city.postalCodes),
    country: 'US',
    areaCode: city.areaCode,
  };
}

const POLICY_PREFIXES: Readonly<Record<DemoInsuranceCertificate['type'], string>> = {
  GENERAL_LIABILITY: 'GL',
  WORKERS_COMPENSATION: 'WC',
  PROFESSIONAL_LIABILITY: 'PL',
  AUTO_LIABILITY: 'BA',
  CYBER_LIABILITY: 'CY',
};
const CERTIFICATE_TYPES = Object.keys(POLICY_PREFIXES) as DemoInsuranceCertificate['type'][];

/**
 * Current certificates; a supplier on hold is on hold because its general liability certificate
 * lapsed after approval. The others run for more than a year past the world's date, so the daily
 * insurance check of a freshly seeded demo holds no one for a long while.
 */
function certificates(context: WorldContext, profile: SupplierProfile, approvedAt: number, random: Random): DemoInsuranceCertificate[] {
  const types: DemoInsuranceCertificate['type'][] = [
    'GENERAL_LIABILITY',
    'WORKERS_COMPENSATION',
    ...CATEGORY_PROFILES[profile.category].extraInsurance,
  ];
  return types.map((type) => {
    const ordinal = CERTIFICATE_TYPES.indexOf(type);
    const lapsed = profile.status === 'ON_HOLD' && type === 'GENERAL_LIABILITY';
    const expiresAt = lapsed ? Math.max(approvedAt + DAY, AS_OF - random.int(10, 90) * DAY) : AS_OF + random.int(400, 1100) * DAY;
    return {
      id: context.ids.stamp(
        'CERTIFICATE',
        profile.index * MAX_CERTIFICATES_PER_SUPPLIER + ordinal,
        profile.createdAt.getTime() + (ordinal + 1) * MINUTE,
      ).id,
      type,
      carrier: random.pick(INSURANCE_CARRIERS),
      policyNumber: `${POLICY_PREFIXES[type]}-${random.digits(7)}-${isoDate(expiresAt).slice(2, 4)}`,
      coverageAmount: random.pick(COVERAGE_LIMITS[type]),
      expiresOn: isoDate(expiresAt),
    };
  });
}

/** When the supplier last changed: approval, then possibly a hold or a deactivation. */
function lastChange(profile: SupplierProfile, approvedAt: number, certificates: DemoInsuranceCertificate[], random: Random): number {
  switch (profile.status) {
    case 'PENDING_APPROVAL':
      return profile.createdAt.getTime() + 5 * MINUTE;
    case 'ON_HOLD': {
      const lapse = Date.parse(certificates.find((certificate) => certificate.type === 'GENERAL_LIABILITY')!.expiresOn);
      return Math.min(AS_OF - MINUTE, lapse + DAY);
    }
    case 'INACTIVE':
      return approvedAt + (AS_OF - approvedAt) * random.between(0.5, 0.95);
    default:
      return approvedAt;
  }
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

export function supplierRecord(context: WorldContext, index: number): DemoSupplier {
  const profile = supplierProfile(context, index);
  const random = randomFor(context.plan.seed, 'supplier-record', index);
  const name = companyName(profile);
  const { areaCode, ...location } = address(random);
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  const approvedAt = profile.createdAt.getTime() + random.between(1, 5) * DAY;
  const insurance = certificates(context, profile, approvedAt, random);
  return {
    id: profile.id,
    supplierNumber: `SUP-${String(index + 1).padStart(6, '0')}`,
    legalName: name.base + random.weighted(LEGAL_SUFFIXES),
    dbaName: random.chance(0.15) ? `${name.brand} ${name.core.split(' ')[0]}` : null,
    category: profile.category,
    status: profile.status,
    taxId: employerIdentificationNumber(context.plan.seed, index),
    address: location,
    contact: {
      name: `${first} ${last}`,
      email: `${first[0]!.toLowerCase()}${slug(last)}@${slug(name.base)}.example.com`,
      phone: `(${areaCode}) 555-01${String(random.int(0, 99)).padStart(2, '0')}`,
    },
    bankAccount: {
      routingNumber: withAbaCheckDigit(random.pick(ROUTING_PREFIXES) + random.digits(4)),
      accountNumber: String(random.int(1, 9)) + random.digits(random.int(7, 11)),
      accountType: random.chance(0.85) ? 'CHECKING' : 'SAVINGS',
    },
    insuranceCertificates: insurance,
    createdAt: profile.createdAt,
    erp: profile.inErp
      ? {
          supplierId: erpId('SUPPLIER', index),
          supplierNumber: String(1_000_001 + index),
          bankAccountId: erpId('BANK_ACCOUNT', index),
          siteId: erpId('SITE', index),
          addressId: erpId('ADDRESS', index),
        }
      : null,
    vendorPlatform: { registrationId: `VR-${(104_729 + index * 7_919).toString(36).toUpperCase().padStart(7, '0')}` },
    updatedAt: wholeSeconds(lastChange(profile, approvedAt, insurance, random)),
  };
}
