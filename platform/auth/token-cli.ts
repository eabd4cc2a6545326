/**
 * `npm run -s token -- --role <role> [--supplier <supplierId>]` prints one development token,
 * valid against a server started with `npm start` from the same checkout.
 */
import { parseArgs } from 'node:util';
import { readEnvironment } from '../config.ts';
import { isRole, staffRoles } from './caller.ts';
import { loadDevSigningKeys } from './keys.ts';
import { signDevToken } from './tokens.ts';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    supplier: { type: 'string' },
    subject: { type: 'string' },
    lifetime: { type: 'string', default: '12h' },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const role = values.role;
if (!isRole(role)) fail(`--role must be one of ${[...staffRoles, 'supplier'].join(', ')}`);
if (role === 'supplier' && !values.supplier) fail('--supplier <supplierId> is required with --role supplier');

const keys = await loadDevSigningKeys(readEnvironment().DATA_DIR);
const subject = values.subject ?? `dev-${role}`;
const token =
  role === 'supplier'
    ? await signDevToken(keys, { kind: 'supplier', subject, role, supplierId: values.supplier! }, values.lifetime)
    : await signDevToken(keys, { kind: 'staff', subject, role }, values.lifetime);
process.stdout.write(`${token}\n`);
