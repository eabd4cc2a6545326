import { describe, expect, it } from 'vitest';
import { readSupplier } from '@procuregraph/connector-erp';
import { readRegistration } from '@procuregraph/connector-vendor-platform';
import {
  erpAddressBody,
  erpBankAccountBody,
  erpSiteBody,
  erpSiteName,
  erpSupplierBody,
  erpSupplierSetup,
  fromErpSupplier as fromSupplier,
} from './erp-mapping.ts';
import { fromRegistration as fromRegistrationView } from './vendor-platform-mapping.ts';

const fromErpSupplier = (body: unknown) => fromSupplier(readSupplier(body));
const fromRegistration = (body: unknown) => fromRegistrationView(readRegistration(body));

const address = { line1: '7000 Cardinal Place', line2: null, city: 'Dublin', region: 'OH', postalCode: '43017-1091', country: 'US' };

/** A supplier as Fusion's GET …/suppliers/{id}?expand=addresses answers. */
const fusionSupplier = {
  SupplierId: 300000047414571,
  SupplierPartyId: 300000047414570,
  SupplierNumber: '1252',
  Supplier: 'Cardinal Surgical Supply Inc.',
  AlternateName: 'Cardinal Surgical',
  TaxOrganizationTypeCode: 'CORPORATION',
  BusinessRelationshipCode: 'SPEND_AUTHORIZED',
  TaxpayerId: '311234567',
  TaxpayerCountryCode: 'US',
  Status: 'ACTIVE',
  InactiveDate: null,
  CreationDate: '2026-11-02T14:05:11.000+00:00',
  LastUpdateDate: '2026-11-02T14:05:13.000+00:00',
  addresses: {
    items: [
      {
        SupplierAddressId: 300000047414580,
        AddressName: 'MAIN',
        CountryCode: 'US',
        AddressLine1: '7000 Cardinal Place',
        AddressLine2: null,
        City: 'Dublin',
        State: 'OH',
        PostalCode: '43017-1091',
        AddressPurposeOrderingFlag: true,
        AddressPurposeRemitToFlag: true,
      },
    ],
    count: 1,
    hasMore: false,
    limit: 25,
    offset: 0,
  },
};

describe('canonical → ERP', () => {
  it('sends the TIN without hyphen, the DBA as AlternateName and spend authorization', () => {
    expect(
      erpSupplierBody({
        legalName: 'Cardinal Surgical Supply Inc.',
        dbaName: 'Cardinal Surgical',
        taxId: '311234567',
        address,
        bankAccount: null,
      }),
    ).toEqual({
      Supplier: 'Cardinal Surgical Supply Inc.',
      AlternateName: 'Cardinal Surgical',
      TaxOrganizationTypeCode: 'CORPORATION',
      BusinessRelationshipCode: 'SPEND_AUTHORIZED',
      TaxpayerId: '311234567',
      TaxpayerCountryCode: 'US',
    });
    expect(
      erpSupplierBody({ legalName: 'Ohio Valley Anesthesia Partners', dbaName: null, taxId: '311234567', address, bankAccount: null })
        .TaxOrganizationTypeCode,
    ).toBe('PARTNERSHIP');
  });

  it('keeps site names within 15 characters', () => {
    expect(erpSiteName({ ...address, city: 'Winston-Salem' })).toBe('WINSTONSALEM');
    expect(erpSiteName({ ...address, city: 'Rancho Santa Margarita' })).toBe('RANCHO SANTA MA');
    expect(erpSiteName({ ...address, city: 'Rancho Santa Margarita' }).length).toBeLessThanOrEqual(15);
    expect(erpSiteBody(address, true)).toEqual({ SupplierSite: 'DUBLIN', ProcurementBU: 'Health Network BU', PaymentMethodCode: 'EFT' });
  });

  it('maps the address and the bank account', () => {
    expect(erpAddressBody(address)).toEqual({
      AddressName: 'MAIN',
      CountryCode: 'US',
      AddressLine1: '7000 Cardinal Place',
      AddressLine2: null,
      City: 'Dublin',
      State: 'OH',
      PostalCode: '43017-1091',
    });
    expect(erpBankAccountBody({ routingNumber: '011000015', accountNumber: '4410029931', accountType: 'CHECKING' })).toEqual({
      BankAccountNumber: '4410029931',
      BankBranchNumber: '011000015',
      AccountType: 'CHECKING',
    });
  });

  it('pays a supplier without a bank account by check, and sets up no account', () => {
    const setup = erpSupplierSetup({
      legalName: 'Cardinal Surgical Supply Inc.',
      dbaName: null,
      taxId: '311234567',
      address,
      bankAccount: null,
    });
    expect(setup.site.PaymentMethodCode).toBe('CHECK');
    expect(setup.bankAccount).toBeNull();
  });
});

describe('ERP → canonical', () => {
  it('reads a clean supplier', () => {
    expect(fromErpSupplier(fusionSupplier)).toEqual({
      supplierId: '300000047414571',
      supplierNumber: '1252',
      legalName: 'Cardinal Surgical Supply Inc.',
      dbaName: 'Cardinal Surgical',
      taxId: '311234567',
      status: 'ACTIVE',
      address,
      issues: [],
    });
  });

  it('reads a hyphenated TaxpayerId and a prospective supplier', () => {
    expect(fromErpSupplier({ ...fusionSupplier, TaxpayerId: '31-1234567', BusinessRelationshipCode: 'PROSPECTIVE' })).toMatchObject({
      taxId: '311234567',
      status: 'APPROVED',
      issues: [],
    });
  });

  it('reports dirty values instead of failing: wrong digit count, unknown codes, missing children', () => {
    const dirty = {
      ...fusionSupplier,
      SupplierNumber: 1252,
      TaxpayerId: '31123456',
      Status: 'ON_HOLD',
      BusinessRelationshipCode: 'SPEND_AUTHORIZED',
      addresses: undefined,
      AlternateName: undefined,
    };
    expect(fromErpSupplier(dirty)).toEqual({
      supplierId: '300000047414571',
      supplierNumber: '1252',
      legalName: 'Cardinal Surgical Supply Inc.',
      dbaName: null,
      taxId: null,
      status: null,
      address: null,
      issues: ['TaxpayerId 31123456 is not nine digits', 'Unknown supplier status ON_HOLD / SPEND_AUTHORIZED'],
    });
    expect(
      fromErpSupplier({ ...fusionSupplier, Status: 'INACTIVE', addresses: { items: [{ AddressName: 'OLD', City: null }] } }),
    ).toMatchObject({ status: 'INACTIVE', address: null });
  });
});

describe('vendor platform → canonical', () => {
  it('maps a registration to onboarding input, lower-case enums and money included', () => {
    const view = fromRegistration({
      id: 'reg_0f3c9a1b2d4e5f607182',
      status: 'submitted',
      legalName: 'GREAT LAKES INFUSION SUPPLY LLC',
      dbaName: null,
      tin: '38-4440001',
      tinType: 'ein',
      taxClassification: 'llc',
      address: { street1: '1 Woodward Ave', street2: 'Suite 300', city: 'Detroit', state: 'MI', zip: '48226', country: 'US' },
      contact: { fullName: 'Sam Patel', email: 'sam@example.com', phone: '313-555-0199' },
      bank: { routingNumber: '072000326', accountNumber: '9988776655', accountType: 'savings' },
      insurance: [
        {
          kind: 'general_liability',
          insurer: 'Chubb',
          policyNumber: 'GL-1',
          coverageLimit: { value: '2000000.00', currency: 'USD' },
          expirationDate: '2027-09-30',
        },
        {
          kind: 'flood',
          insurer: 'Chubb',
          policyNumber: 'FL-1',
          coverageLimit: { value: '10', currency: 'USD' },
          expirationDate: '2027-09-30',
        },
      ],
      diversity: [],
      erpReference: null,
    });
    expect(view.input).toMatchObject({
      legalName: 'GREAT LAKES INFUSION SUPPLY LLC',
      taxId: '38-4440001',
      address: { line1: '1 Woodward Ave', line2: 'Suite 300', region: 'MI', postalCode: '48226' },
      bankAccount: { accountType: 'SAVINGS' },
      insuranceCertificates: [{ type: 'GENERAL_LIABILITY', carrier: 'Chubb', coverageAmount: '2000000.00', expiresOn: '2027-09-30' }],
    });
  });
});
