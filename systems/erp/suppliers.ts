import { Router } from 'express';
import { z } from 'zod';
import { isoDate, HttpError, parseInput, type DriftableResource } from '@procuregraph/reference-http';
import { recordEvent } from './business-events.ts';
import type { ErpContext } from './context.ts';
import { ErpErrorCode } from './fusion-errors.ts';
import { BASE_PATH, fullView, itemView, type ResourceDescriptor } from './rest/resource-reader.ts';
import {
  BUSINESS_RELATIONSHIPS,
  PAYMENT_METHODS,
  TAX_ORGANIZATION_TYPES,
  nextNumber,
  type ErpState,
  type ErpSupplier,
  type ErpSupplierAddress,
  type ErpSupplierSite,
} from './state.ts';

const SUPPLIER_ATTRIBUTES = [
  'SupplierId',
  'SupplierPartyId',
  'SupplierNumber',
  'Supplier',
  'AlternateName',
  'TaxOrganizationTypeCode',
  'BusinessRelationshipCode',
  'TaxpayerId',
  'TaxpayerCountryCode',
  'Status',
  'InactiveDate',
  'CreationDate',
  'LastUpdateDate',
] as const satisfies readonly (keyof ErpSupplier)[];

const ADDRESS_ATTRIBUTES = [
  'SupplierAddressId',
  'AddressName',
  'CountryCode',
  'AddressLine1',
  'AddressLine2',
  'City',
  'State',
  'PostalCode',
  'AddressPurposeOrderingFlag',
  'AddressPurposeRemitToFlag',
  'CreationDate',
  'LastUpdateDate',
] as const satisfies readonly (keyof ErpSupplierAddress)[];

const SITE_ATTRIBUTES = [
  'SupplierSiteId',
  'SupplierSite',
  'ProcurementBU',
  'SupplierAddressId',
  'SupplierAddressName',
  'SitePurposePurchasingFlag',
  'SitePurposePayFlag',
  'PaymentMethodCode',
  'InactiveDate',
  'CreationDate',
  'LastUpdateDate',
] as const satisfies readonly (keyof ErpSupplierSite)[];

export function suppliersResource(state: ErpState): ResourceDescriptor<ErpSupplier> {
  return {
    name: 'suppliers',
    key: 'SupplierId',
    attributes: SUPPLIER_ATTRIBUTES,
    children: [
      { name: 'addresses', key: 'SupplierAddressId', attributes: ADDRESS_ATTRIBUTES, children: [] },
      { name: 'sites', key: 'SupplierSiteId', attributes: SITE_ATTRIBUTES, children: [] },
    ],
    rows: () => state.suppliers.all(),
    view: (row) => ({ ...row }),
  };
}

const nullableText = (max: number) => z.string().trim().max(max).nullable().optional();

const createSupplierBody = z
  .object({
    Supplier: z.string().trim().min(1).max(360),
    SupplierNumber: z.string().trim().min(1).max(30).optional(),
    AlternateName: nullableText(360),
    TaxOrganizationTypeCode: z.enum(TAX_ORGANIZATION_TYPES),
    BusinessRelationshipCode: z.enum(BUSINESS_RELATIONSHIPS),
    TaxpayerId: z.string().nullable().optional(),
    TaxpayerCountryCode: z.string().length(2).default('US'),
  })
  .strict();

const updateSupplierBody = z
  .object({
    Supplier: z.string().trim().min(1).max(360),
    AlternateName: nullableText(360),
    TaxOrganizationTypeCode: z.enum(TAX_ORGANIZATION_TYPES),
    BusinessRelationshipCode: z.enum(BUSINESS_RELATIONSHIPS),
    TaxpayerId: z.string().nullable(),
    Status: z.enum(['ACTIVE', 'INACTIVE']),
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'name at least one attribute to change' });

/** An address's location, as created and as changed. */
const addressLocation = {
  CountryCode: z.string().length(2),
  AddressLine1: z.string().trim().min(1).max(240),
  AddressLine2: nullableText(240),
  City: z.string().trim().min(1).max(60),
  State: nullableText(60),
  PostalCode: nullableText(60),
};

const createAddressBody = z
  .object({
    AddressName: z.string().trim().min(1).max(240),
    ...addressLocation,
    AddressPurposeOrderingFlag: z.boolean().default(true),
    AddressPurposeRemitToFlag: z.boolean().default(true),
  })
  .strict();

const createSiteBody = z
  .object({
    // Fusion limits site names to 15 characters; longer names are a classic permanent failure.
    SupplierSite: z.string().trim().min(1).max(15),
    ProcurementBU: z.string().trim().min(1).max(240),
    SupplierAddressId: z.number().int().optional(),
    SupplierAddressName: z.string().optional(),
    SitePurposePurchasingFlag: z.boolean().default(true),
    SitePurposePayFlag: z.boolean().default(true),
    PaymentMethodCode: z.enum(PAYMENT_METHODS).nullable().default(null),
  })
  .strict()
  .refine((body) => body.SupplierAddressId !== undefined || body.SupplierAddressName !== undefined, {
    message: 'give SupplierAddressId or SupplierAddressName',
  });

const updateAddressBody = z
  .object(addressLocation)
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'name at least one attribute to change' });

const updateSiteBody = z.object({ SupplierSite: z.string().trim().min(1).max(15) }).strict();

/** US taxpayer ids are nine digits, sent without separators. */
function checkTaxpayerId(taxpayerId: string | null | undefined): void {
  if (taxpayerId === null || taxpayerId === undefined) return;
  if (!/^\d{9}$/.test(taxpayerId)) {
    throw new HttpError(
      400,
      ErpErrorCode.taxpayerIdInvalid,
      `The taxpayer ID ${JSON.stringify(taxpayerId)} is not valid: it must be 9 digits without separators.`,
    );
  }
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function checkUnique(
  state: ErpState,
  supplier: { SupplierId?: number; Supplier?: string; SupplierNumber?: string; TaxpayerId?: string | null },
): void {
  const others = state.suppliers.all().filter((row) => row.SupplierId !== supplier.SupplierId);
  if (supplier.Supplier !== undefined && others.some((row) => sameName(row.Supplier, supplier.Supplier ?? ''))) {
    throw new HttpError(400, ErpErrorCode.supplierNameExists, `A supplier named ${JSON.stringify(supplier.Supplier)} already exists.`);
  }
  if (supplier.SupplierNumber !== undefined && others.some((row) => row.SupplierNumber === supplier.SupplierNumber)) {
    throw new HttpError(400, ErpErrorCode.supplierNumberExists, `The supplier number ${supplier.SupplierNumber} is already used.`);
  }
  if (supplier.TaxpayerId && others.some((row) => row.TaxpayerId === supplier.TaxpayerId)) {
    throw new HttpError(400, ErpErrorCode.taxpayerIdExists, 'Another supplier already has this taxpayer ID.');
  }
}

function requireSupplier(state: ErpState, supplierId: string | number): ErpSupplier {
  const supplier = state.suppliers.get(Number(supplierId));
  if (!supplier) throw new HttpError(404, ErpErrorCode.notFound, `The supplier ${supplierId} does not exist.`);
  return supplier;
}

function createSupplier(state: ErpState, body: z.output<typeof createSupplierBody>): ErpSupplier {
  checkTaxpayerId(body.TaxpayerId);
  const supplierNumber = body.SupplierNumber ?? String(nextNumber(state.sequences, 'supplierNumber'));
  checkUnique(state, { Supplier: body.Supplier, SupplierNumber: supplierNumber, TaxpayerId: body.TaxpayerId ?? null });
  const now = new Date().toISOString();
  return state.suppliers.insert({
    SupplierId: nextNumber(state.sequences, 'id'),
    SupplierPartyId: nextNumber(state.sequences, 'party'),
    SupplierNumber: supplierNumber,
    Supplier: body.Supplier,
    AlternateName: body.AlternateName ?? null,
    TaxOrganizationTypeCode: body.TaxOrganizationTypeCode,
    BusinessRelationshipCode: body.BusinessRelationshipCode,
    TaxpayerId: body.TaxpayerId ?? null,
    TaxpayerCountryCode: body.TaxpayerCountryCode,
    Status: 'ACTIVE',
    InactiveDate: null,
    CreationDate: now,
    LastUpdateDate: now,
    addresses: [],
    sites: [],
  });
}

function updateSupplier(state: ErpState, supplier: ErpSupplier, body: z.output<typeof updateSupplierBody>): void {
  checkTaxpayerId(body.TaxpayerId);
  checkUnique(state, { SupplierId: supplier.SupplierId, Supplier: body.Supplier, TaxpayerId: body.TaxpayerId });
  const { Status, ...attributes } = body;
  Object.assign(supplier, attributes);
  if (Status !== undefined && Status !== supplier.Status) {
    supplier.Status = Status;
    supplier.InactiveDate = Status === 'INACTIVE' ? isoDate(new Date()) : null;
  }
  supplier.LastUpdateDate = new Date().toISOString();
}

function addAddress(state: ErpState, supplier: ErpSupplier, body: z.output<typeof createAddressBody>): ErpSupplierAddress {
  const now = new Date().toISOString();
  const address: ErpSupplierAddress = {
    SupplierAddressId: nextNumber(state.sequences, 'id'),
    ...body,
    AddressLine2: body.AddressLine2 ?? null,
    State: body.State ?? null,
    PostalCode: body.PostalCode ?? null,
    CreationDate: now,
    LastUpdateDate: now,
  };
  supplier.addresses.push(address);
  supplier.LastUpdateDate = now;
  return address;
}

function addSite(state: ErpState, supplier: ErpSupplier, body: z.output<typeof createSiteBody>): ErpSupplierSite {
  const address = supplier.addresses.find((candidate) =>
    body.SupplierAddressId !== undefined
      ? candidate.SupplierAddressId === body.SupplierAddressId
      : candidate.AddressName === body.SupplierAddressName,
  );
  if (!address)
    throw new HttpError(400, ErpErrorCode.supplierAddressNotFound, 'The supplier has no such address; create the address first.');
  if (supplier.sites.some((site) => site.SupplierSite === body.SupplierSite && site.ProcurementBU === body.ProcurementBU)) {
    throw new HttpError(400, ErpErrorCode.supplierSiteExists, `The site ${body.SupplierSite} already exists in ${body.ProcurementBU}.`);
  }
  const now = new Date().toISOString();
  const site: ErpSupplierSite = {
    SupplierSiteId: nextNumber(state.sequences, 'id'),
    SupplierSite: body.SupplierSite,
    ProcurementBU: body.ProcurementBU,
    SupplierAddressId: address.SupplierAddressId,
    SupplierAddressName: address.AddressName,
    SitePurposePurchasingFlag: body.SitePurposePurchasingFlag,
    SitePurposePayFlag: body.SitePurposePayFlag,
    PaymentMethodCode: body.PaymentMethodCode,
    InactiveDate: null,
    CreationDate: now,
    LastUpdateDate: now,
  };
  supplier.sites.push(site);
  supplier.LastUpdateDate = now;
  return site;
}

function requireChild<Child>(items: Child[], matches: (item: Child) => boolean, what: string, id: string): Child {
  const child = items.find(matches);
  if (!child) throw new HttpError(404, ErpErrorCode.notFound, `The ${what} ${id} does not exist.`);
  return child;
}

/**
 * A supplier's `addresses` or `sites` as `/admin/drift` sees them: by their own id, whichever
 * supplier holds them (Fusion's ids are unique across the instance).
 */
export function supplierChildDriftable<Child extends object>(
  state: ErpState,
  children: (supplier: ErpSupplier) => Child[],
  idOf: (child: Child) => number,
): DriftableResource {
  const locate = (id: string) => {
    for (const supplier of state.suppliers.all()) {
      const items = children(supplier);
      const index = items.findIndex((child) => String(idOf(child)) === id);
      if (index >= 0) return { items, index };
    }
    return undefined;
  };
  return {
    find: (id) => {
      const found = locate(id);
      return found && found.items[found.index];
    },
    remove: (id) => {
      const found = locate(id);
      if (found) found.items.splice(found.index, 1);
    },
    view: (row) => ({ ...row }),
  };
}

/** Supplier writes: create (idempotent), update, and the `addresses` and `sites` children. */
export function suppliersRouter(context: ErpContext): Router {
  const { state } = context;
  const resource = suppliersResource(state);
  const supplierChanged = (supplier: ErpSupplier, type: 'SupplierCreated' | 'SupplierUpdated') => {
    recordEvent(context, { type, resourceName: 'suppliers', resourceId: supplier.SupplierId, resource: fullView(resource, supplier) });
    context.changed();
  };
  const router = Router();

  router.post(`${BASE_PATH}/suppliers`, context.idempotent, (request, response) => {
    const supplier = createSupplier(state, parseInput(createSupplierBody, request.body, ErpErrorCode.badRequest));
    supplierChanged(supplier, 'SupplierCreated');
    response.status(201).json(itemView(resource, supplier));
  });

  router.patch(`${BASE_PATH}/suppliers/:SupplierId`, (request, response) => {
    const supplier = requireSupplier(state, String(request.params.SupplierId));
    updateSupplier(state, supplier, parseInput(updateSupplierBody, request.body, ErpErrorCode.badRequest));
    supplierChanged(supplier, 'SupplierUpdated');
    response.json(itemView(resource, supplier));
  });

  router.post(`${BASE_PATH}/suppliers/:SupplierId/child/addresses`, context.idempotent, (request, response) => {
    const supplier = requireSupplier(state, String(request.params.SupplierId));
    const address = addAddress(state, supplier, parseInput(createAddressBody, request.body, ErpErrorCode.badRequest));
    supplierChanged(supplier, 'SupplierUpdated');
    response.status(201).json(address);
  });

  router.patch(`${BASE_PATH}/suppliers/:SupplierId/child/addresses/:SupplierAddressId`, (request, response) => {
    const supplier = requireSupplier(state, String(request.params.SupplierId));
    const id = String(request.params.SupplierAddressId);
    const address = requireChild(supplier.addresses, (item) => String(item.SupplierAddressId) === id, 'supplier address', id);
    Object.assign(address, parseInput(updateAddressBody, request.body, ErpErrorCode.badRequest), {
      LastUpdateDate: new Date().toISOString(),
    });
    supplierChanged(supplier, 'SupplierUpdated');
    response.json(address);
  });

  router.patch(`${BASE_PATH}/suppliers/:SupplierId/child/sites/:SupplierSiteId`, (request, response) => {
    const supplier = requireSupplier(state, String(request.params.SupplierId));
    const id = String(request.params.SupplierSiteId);
    const site = requireChild(supplier.sites, (item) => String(item.SupplierSiteId) === id, 'supplier site', id);
    Object.assign(site, parseInput(updateSiteBody, request.body, ErpErrorCode.badRequest), { LastUpdateDate: new Date().toISOString() });
    supplierChanged(supplier, 'SupplierUpdated');
    response.json(site);
  });

  router.post(`${BASE_PATH}/suppliers/:SupplierId/child/sites`, context.idempotent, (request, response) => {
    const supplier = requireSupplier(state, String(request.params.SupplierId));
    const site = addSite(state, supplier, parseInput(createSiteBody, request.body, ErpErrorCode.badRequest));
    supplierChanged(supplier, 'SupplierUpdated');
    response.status(201).json(site);
  });
  return router;
}
