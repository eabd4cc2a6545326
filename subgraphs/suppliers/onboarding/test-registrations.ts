import type { OnboardingInput } from '../supplier/registration.ts';

/** A complete, valid registration as a supplier would type it (test data). */
export function validInput(): OnboardingInput {
  return {
    legalName: 'CARDINAL SURGICAL SUPPLY, incorporated',
    dbaName: ' Cardinal Surgical ',
    taxId: '31-1234567',
    category: 'MEDICAL_SURGICAL',
    address: { line1: ' 7000  Cardinal Place ', line2: null, city: 'Dublin', region: 'oh', postalCode: '430171091', country: 'us' },
    contact: { name: 'Dana Ortiz', email: 'Dana.Ortiz@CardinalSurgical.example', phone: '(614) 555-0142' },
    bankAccount: { routingNumber: '011000015', accountNumber: '4410029931', accountType: 'CHECKING' },
    insuranceCertificates: [
      {
        type: 'GENERAL_LIABILITY',
        carrier: 'Travelers',
        policyNumber: 'GL-4471920-27',
        coverageAmount: '2000000',
        expiresOn: '2027-06-30',
      },
      {
        type: 'WORKERS_COMPENSATION',
        carrier: 'The Hartford',
        policyNumber: 'WC-1182234-27',
        coverageAmount: '500000',
        expiresOn: '2027-03-31',
      },
    ],
  };
}
