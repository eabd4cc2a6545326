import type { Environment as PlatformEnvironment } from '@procuregraph/platform/config';
import type { Database } from '@procuregraph/platform/db';
import type { FieldCipher } from '@procuregraph/platform/crypto';
import { isDecimalString } from '@procuregraph/platform/money';
import { sharedExclusionScreening } from '../screening/exclusion-screening.ts';
import type { OnboardingDependencies } from './onboard.ts';
import { defaultInsurancePolicy, type InsurancePolicy } from './validation.ts';

export type Environment = Pick<PlatformEnvironment, 'SCREENING_LEIE_FILE' | 'SCREENING_LEIE_URL' | 'INSURANCE_MIN_GENERAL_LIABILITY'>;

/** The exclusion list's source: the URL when one is set, else the file (else the bundled sample). */
export function exclusionListSource(environment: Environment): string | undefined {
  return environment.SCREENING_LEIE_URL ?? environment.SCREENING_LEIE_FILE;
}

/** `INSURANCE_MIN_GENERAL_LIABILITY` (a decimal, default 1000000) sets the minimum cover. */
export function insurancePolicyFrom(environment: Environment): InsurancePolicy {
  const minimum = environment.INSURANCE_MIN_GENERAL_LIABILITY?.trim();
  if (!minimum) return defaultInsurancePolicy;
  if (!isDecimalString(minimum)) throw new Error(`INSURANCE_MIN_GENERAL_LIABILITY must be a decimal, not ${minimum}`);
  return { minimumGeneralLiability: minimum };
}

/** What onboarding needs, from the process's services and environment (`SCREENING_LEIE_URL` or `_FILE`). */
export function onboardingDependencies(db: Database, cipher: FieldCipher, environment: Environment): OnboardingDependencies {
  return {
    db,
    cipher,
    screening: sharedExclusionScreening(exclusionListSource(environment)),
    insurancePolicy: insurancePolicyFrom(environment),
  };
}
