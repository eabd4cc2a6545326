/**
 * The secrets a deployment must be given. The embedded default generates each under `.data/keys/`
 * at first start; a deployment that did the same would encrypt with a key nobody backed up, sign
 * with a secret each instance invents for itself, or accept webhooks signed with a key the vendor
 * platform never got. So with `DATABASE_URL` set, or `NODE_ENV=production`, a missing one stops
 * start-up with a message naming it.
 */
export type DeploymentSecret = 'DATA_ENCRYPTION_KEY' | 'INTERNAL_TOKEN_SECRET' | 'VENDOR_PLATFORM_WEBHOOK_SECRET' | 'ERP_WEBHOOK_SECRET';

const howToSet: Record<DeploymentSecret, string> = {
  DATA_ENCRYPTION_KEY: 'base64 of 32 random bytes (openssl rand -base64 32), the key TINs and account numbers are encrypted with',
  INTERNAL_TOKEN_SECRET: 'the secret the gateway and every subgraph share to sign forwarded identities',
  VENDOR_PLATFORM_WEBHOOK_SECRET: "the vendor platform's webhook signing secret",
  ERP_WEBHOOK_SECRET: 'the secret the ERP signs the business events it pushes with',
};

/** The settings the check reads, as `readEnvironment` gives them. */
type Source = Readonly<
  Partial<Record<DeploymentSecret | 'DATABASE_URL' | 'NODE_ENV' | 'AUTH_JWKS_URL' | 'AUTH_ISSUER' | 'AUTH_AUDIENCE', string>>
>;

const isSet = (source: Source, name: keyof Source) => (source[name]?.trim() ?? '') !== '';

export function isDeployment(source: Source): boolean {
  return isSet(source, 'DATABASE_URL') || source.NODE_ENV === 'production';
}

/** One line per problem: a missing secret in a deployment, and an identity provider without its issuer and audience. */
export function deploymentProblems(needed: readonly DeploymentSecret[], source: Source): string[] {
  const problems = isDeployment(source)
    ? needed
        .filter((name) => !isSet(source, name))
        .map((name) => `${name} is required with DATABASE_URL or NODE_ENV=production: ${howToSet[name]}`)
    : [];
  if (isSet(source, 'AUTH_JWKS_URL')) {
    // Without them any token the identity provider signs, for any application, would be accepted.
    for (const name of ['AUTH_ISSUER', 'AUTH_AUDIENCE'] as const)
      if (!isSet(source, name)) problems.push(`${name} is required with AUTH_JWKS_URL`);
  }
  return problems;
}

/** Stops start-up, naming every missing variable at once. */
export function requireDeploymentSecrets(needed: readonly DeploymentSecret[], source: Source): void {
  const problems = deploymentProblems(needed, source);
  if (problems.length > 0) throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
}
