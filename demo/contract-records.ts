import { ExactDecimal } from '@procuregraph/platform/money';
import { CATEGORY_PROFILES } from './catalog.ts';
import type { WorldContext } from './plan.ts';
import { randomFor } from './random.ts';
import { scalePrice, supplierAssortment, supplierProfile, type OfferedItem, type SupplierProfile } from './supplier-records.ts';
import { AS_OF, DAY, dateToInstant, isoDate, startOfDay, wholeSeconds } from './timeline.ts';
import type { DemoContract } from './world.ts';

/** A contract's validity, without its price list: what an order or invoice needs to know. */
export interface ContractTerm {
  index: number;
  id: string;
  number: string;
  createdAt: Date;
  supplier: SupplierProfile;
  status: DemoContract['status'];
  effectiveFrom: string;
  effectiveTo: string | null;
}

/** Every third supplier (0, 3, 6, ...) holds contract index / 3. */
export function contractIndexOfSupplier(context: WorldContext, supplierIndex: number): number | null {
  const index = supplierIndex / 3;
  return Number.isInteger(index) && index < context.plan.contracts ? index : null;
}

function addYears(date: string, years: number): string {
  const instant = new Date(dateToInstant(date));
  instant.setUTCFullYear(instant.getUTCFullYear() + years);
  return isoDate(instant.getTime());
}

export function contractTerm(context: WorldContext, index: number): ContractTerm {
  return context.memo.get('contract-term', index, () => deriveTerm(context, index));
}

function deriveTerm(context: WorldContext, index: number): ContractTerm {
  const supplier = supplierProfile(context, index * 3);
  const random = randomFor(context.plan.seed, 'contract-term', index);
  const registered = supplier.createdAt.getTime();
  const signedAt = registered + Math.min(random.between(3, 30) * DAY, (AS_OF - registered) / 2);
  const { id, createdAt } = context.ids.stamp('CONTRACT', index, signedAt);
  const signedOn = startOfDay(signedAt) + DAY;
  const age = AS_OF - signedAt;
  let status: DemoContract['status'];
  let effectiveFrom = isoDate(signedOn);
  let effectiveTo: string | null;
  if (!supplier.inErp) {
    // Negotiated while the supplier is still being onboarded: takes effect after today.
    status = 'DRAFT';
    effectiveFrom = isoDate(AS_OF + random.int(14, 45) * DAY);
    effectiveTo = addYears(effectiveFrom, 3);
  } else if (supplier.status === 'INACTIVE') {
    status = 'TERMINATED';
    effectiveTo = isoDate(Math.max(signedOn, signedAt + age * random.between(0.4, 0.9)));
  } else if (index % 4 === 2 && age > 240 * DAY) {
    status = 'EXPIRED';
    effectiveTo = isoDate(signedAt + random.between(180 * DAY, age - 30 * DAY));
  } else {
    status = 'ACTIVE';
    effectiveTo = random.chance(0.1) ? null : addYears(effectiveFrom, 3);
  }
  const number = `CTR-${effectiveFrom.slice(0, 4)}-${String(index + 1).padStart(5, '0')}`;
  return { index, id, number, createdAt, supplier, status, effectiveFrom, effectiveTo };
}

/** Whether orders placed, or invoices dated, on `date` fall under the contract. */
export function contractInForce(term: ContractTerm, date: string): boolean {
  return term.status !== 'DRAFT' && term.effectiveFrom <= date && (term.effectiveTo === null || date <= term.effectiveTo);
}

/** The negotiated prices: 5 to 10 of the supplier's items, 5 to 18% under its list price. */
export function contractPrices(context: WorldContext, term: ContractTerm): readonly OfferedItem[] {
  return context.memo.get('contract-prices', term.index, () => derivePrices(context, term));
}

/** The contract price of each item, as the match looks them up. */
export function contractPriceList(context: WorldContext, term: ContractTerm): ReadonlyMap<string, string> {
  return context.memo.get(
    'contract-price-list',
    term.index,
    () => new Map(contractPrices(context, term).map((offer) => [offer.item.itemNumber, offer.unitPrice])),
  );
}

function derivePrices(context: WorldContext, term: ContractTerm): OfferedItem[] {
  const random = randomFor(context.plan.seed, 'contract-prices', term.index);
  const assortment = supplierAssortment(context, term.supplier);
  return assortment.slice(0, random.int(5, 10)).map((offer) => ({
    item: offer.item,
    unitPrice: scalePrice(offer.unitPrice, random.between(0.82, 0.95), ExactDecimal.ROUND_DOWN),
  }));
}

function lastChange(term: ContractTerm): number {
  if (term.status === 'ACTIVE') return Math.min(AS_OF, Date.parse(term.effectiveFrom));
  if (term.status === 'DRAFT' || term.effectiveTo === null) return term.createdAt.getTime();
  return Math.min(AS_OF, Date.parse(term.effectiveTo) + DAY);
}

export function contractRecord(context: WorldContext, index: number): DemoContract {
  const term = contractTerm(context, index);
  return {
    id: term.id,
    number: term.number,
    supplierId: term.supplier.id,
    title: `${CATEGORY_PROFILES[term.supplier.category].contractTitle} ${term.effectiveFrom.slice(0, 4)}`,
    status: term.status,
    effectiveFrom: term.effectiveFrom,
    effectiveTo: term.effectiveTo,
    priceTerms: contractPrices(context, term).map(({ item, unitPrice }) => ({
      itemNumber: item.itemNumber,
      description: item.description,
      unitPrice,
      unitOfMeasure: item.unitOfMeasure,
    })),
    createdAt: term.createdAt,
    repositoryId: `AGR-${String(104_729 + index * 37).padStart(8, '0')}`,
    updatedAt: wholeSeconds(Math.max(term.createdAt.getTime(), lastChange(term))),
  };
}
