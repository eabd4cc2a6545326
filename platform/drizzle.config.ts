import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './db/platform-tables.ts',
    './db/edi-tables.ts',
    './audit/audit-table.ts',
    './reconciliation/reconciliation-tables.ts',
    './business/business-events-table.ts',
  ],
  out: './db/migrations',
  schemaFilter: ['platform'],
  casing: 'snake_case',
});
