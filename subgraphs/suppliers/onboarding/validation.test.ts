import { describe, expect, it } from 'vitest';
import { formatLegalName } from './legal-name-format.ts';
import { formatZip, toE164 } from './contact-normalization.ts';
import { isValidRoutingNumber, parseTaxId } from '../supplier/identifiers.ts';
import { validateOnboarding } from './validation.ts';
import type { OnboardingInput } from '../supplier/registration.ts';
import { validInput } from './test-registrations.ts';

const options = { today: '2026-11-24', minimumGeneralLiability: '1000000' };

describe('tax ids', () => {
  it.each(['12-3456789', '123456789', '31-1234567', '95-3540776'])('accepts the EIN %s', (ein) => {
    expect(parseTaxId(ein)).toEqual({ digits: ein.replace('-', '') });
  });
  it.each(['00-1234567', '07-1234567', '17-1234567', '28-1234567', '49-1234567', '69-1234567', '89-1234567', '97-1234567'])(
    'refuses the unassigned prefix of %s',
    (ein) => {
      expect(parseTaxId(ein)).toEqual({ problem: 'PREFIX' });
    },
  );
  it.each(['12-345678', '1234567890', '123-45-6789', '12 3456789', 'AB-1234567'])('refuses the shape of %s', (ein) => {
    expect(parseTaxId(ein)).toEqual({ problem: 'FORMAT' });
  });
});

describe('routing numbers', () => {
  it.each(['011000015', '021000021', '026009593', '122105155'])('accepts %s', (routing) =>
    expect(isValidRoutingNumber(routing)).toBe(true),
  );
  it.each(['011000016', '123456789', '02100002', 'abcdefghi'])('refuses %s', (routing) =>
    expect(isValidRoutingNumber(routing)).toBe(false),
  );
});

describe('normalization', () => {
  it.each([
    ['ACME MEDICAL SUPPLY INC', 'Acme Medical Supply Inc.'],
    ['Acme Medical Supply, Incorporated', 'Acme Medical Supply Inc.'],
    ['acme medical supply inc.', 'Acme Medical Supply Inc.'],
    ['Northwind Staffing l.l.c.', 'Northwind Staffing LLC'],
    ['McKesson Medical-Surgical Corporation', 'McKesson Medical-Surgical Corp.'],
    ['BAXTER  HEALTHCARE OF OHIO corp', 'Baxter Healthcare of Ohio Corp.'],
    ['3M', '3M'],
  ])('formats %s as %s', (raw, formatted) => expect(formatLegalName(raw)).toBe(formatted));

  it.each([
    ['(614) 555-0142', '+16145550142'],
    ['1-614-555-0142', '+16145550142'],
    ['614.555.0142', '+16145550142'],
    ['+1 614 555 0142', '+16145550142'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+33 1 42 68 53 00', '+33142685300'],
  ])('writes the phone %s as %s', (raw, e164) => expect(toE164(raw)).toBe(e164));
  it('reads a number without a country code as one of the address country', () => {
    expect(toE164('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(toE164('020 7946 0958', 'US')).toBeNull();
  });
  it.each(['555-0142', '(014) 555-0142', '614-155-0142', 'call me', '+44 20 7946'])('refuses the phone %s', (raw) =>
    expect(toE164(raw)).toBeNull(),
  );

  it('formats ZIP codes', () => {
    expect(formatZip('43017')).toBe('43017');
    expect(formatZip('430171091')).toBe('43017-1091');
    expect(formatZip('43017 1091')).toBe('43017-1091');
    expect(formatZip('4301')).toBeNull();
  });

  it('normalizes a whole registration', () => {
    const result = validateOnboarding(validInput(), options);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.supplier).toMatchObject({
      legalName: 'Cardinal Surgical Supply Inc.',
      legalNameKey: 'cardinal surgical supply',
      dbaName: 'Cardinal Surgical',
      taxId: '311234567',
      address: { line1: '7000 Cardinal Place', city: 'Dublin', region: 'OH', postalCode: '43017-1091', country: 'US' },
      contact: { email: 'dana.ortiz@cardinalsurgical.example', phone: '+16145550142' },
    });
  });
});

describe('validation', () => {
  it('reports every problem at once, each with its field path', () => {
    const input: OnboardingInput = {
      ...validInput(),
      legalName: '  ',
      taxId: '07-1234567',
      address: { line1: '1 Main St', city: 'Columbus', region: 'XX', postalCode: '4321', country: 'US' },
      contact: { name: 'A', email: 'not-an-email', phone: '555-01' },
      bankAccount: { routingNumber: '011000016', accountNumber: '123456', accountType: 'CHECKING' },
      insuranceCertificates: [
        { type: 'GENERAL_LIABILITY', carrier: 'Travelers', policyNumber: 'GL-1', coverageAmount: '500000', expiresOn: '2026-01-31' },
      ],
    };
    const result = validateOnboarding(input, options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => [error.code, error.field?.join('.')])).toEqual([
      ['REQUIRED', 'input.legalName'],
      ['INVALID_TAX_ID', 'input.taxId'],
      ['INVALID_ADDRESS', 'input.address.region'],
      ['INVALID_ADDRESS', 'input.address.postalCode'],
      ['INVALID_EMAIL', 'input.contact.email'],
      ['INVALID_PHONE', 'input.contact.phone'],
      ['INVALID_ROUTING_NUMBER', 'input.bankAccount.routingNumber'],
      ['INSURANCE_EXPIRED', 'input.insuranceCertificates.0.expiresOn'],
      ['INSURANCE_INSUFFICIENT', 'input.insuranceCertificates.0.coverageAmount'],
    ]);
  });

  it('requires general liability, and professional liability for clinical categories', () => {
    const input: OnboardingInput = { ...validInput(), category: 'STAFFING', insuranceCertificates: [] };
    const result = validateOnboarding(input, options);
    expect(result.ok ? [] : result.errors.map((error) => [error.code, error.message])).toEqual([
      ['INSURANCE_INSUFFICIENT', 'A GENERAL_LIABILITY certificate is required'],
      ['INSURANCE_INSUFFICIENT', 'A PROFESSIONAL_LIABILITY certificate is required'],
    ]);
  });

  it('takes the minimum coverage from its options', () => {
    expect(validateOnboarding(validInput(), { ...options, minimumGeneralLiability: '5000000' }).ok).toBe(false);
  });

  it('requires the address and contact', () => {
    const result = validateOnboarding({ ...validInput(), address: null, contact: null, taxId: null }, options);
    expect(result.ok ? [] : result.errors.map((error) => `${error.code} ${error.field?.join('.')}`)).toEqual([
      'REQUIRED input.taxId',
      'REQUIRED input.address',
      'REQUIRED input.contact',
    ]);
  });
});
