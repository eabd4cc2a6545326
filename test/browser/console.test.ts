import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { writeInterchange } from '@procuregraph/connector-files';
import { graphql } from '../generated/gql.ts';
import type { BankAccountInput } from '../generated/graphql.ts';
import { eventually } from '../harness.ts';
import { onboardAndApproveSupplier, onboardSupplier } from '../supplier-onboarding.ts';
import { consoleScene, haveChromium, screenshots, seriousViolations } from './browser.ts';

/**
 * The console in Debian's chromium through the real graph: each role signs in with the
 * development sign-in, works its page, and sees changes arrive without a reload.
 */

const scene = consoleScene();

async function accessibleAndPictured(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  await screenshots(page, name);
}

const ERP_RESOURCES = '/fscmRestApi/resources/11.13.18.05';

describe.skipIf(!haveChromium)('operations console', () => {
  it('offers the development sign-in with every role, and accessibly', async () => {
    const page = await scene.context.newPage();
    await page.goto(`${scene.graph.baseUrl}/console`);
    await page.getByLabel('Role').waitFor();
    expect(await page.getByLabel('Role').locator('option').allTextContents()).toEqual([
      'admin',
      'procurement',
      'finance',
      'compliance',
      'integration',
      'supplier',
    ]);
    await accessibleAndPictured(page, 'sign-in');
    await page.close();
  });

  it('lets finance resolve an exception with a reason and approve the invoice', async () => {
    const page = await scene.signIn('finance');
    expect(await page.getByRole('navigation', { name: 'Console pages' }).getByRole('link').allTextContents()).toEqual([
      'Exception queues',
      'Suppliers',
      'EDI documents',
      'Business metrics',
    ]);
    const queue = page.getByRole('table').filter({ has: page.getByText('invoices in exception') });
    await queue.waitFor();
    await accessibleAndPictured(page, 'exceptions');
    const first = queue.locator('tbody tr').first().getByRole('button');
    const invoiceNumber = (await first.textContent())!;
    await first.click();
    await page.getByRole('heading', { name: `Invoice ${invoiceNumber}` }).waitFor();
    await accessibleAndPictured(page, 'exception-invoice');
    const forms = page.getByRole('form', { name: /^Resolve / });
    let remaining = await forms.count();
    expect(remaining).toBeGreaterThan(0);
    while (remaining > 0) {
      const form = forms.first();
      await form.getByLabel('Action').selectOption('OVERRIDE');
      await form.getByLabel('Reason').fill('Price confirmed with the buyer by phone');
      await form.getByRole('button', { name: 'Resolve' }).click();
      remaining -= 1;
      // The decision goes to the graph and the invoice is read again: slow on a busy machine.
      await expect.poll(() => forms.count(), { timeout: 30_000 }).toBe(remaining);
    }
    expect(await page.getByRole('alert').count()).toBe(0);
    await expect
      .poll(() => page.getByText('OVERRIDDEN by console-finance: Price confirmed with the buyer by phone').count())
      .toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Approve invoice' }).click();
    await page.getByRole('heading', { name: `Invoice ${invoiceNumber} APPROVED` }).waitFor();
    const { data } = await scene.graph.query(
      graphql(`
        query ConsoleTestApproved {
          invoices(first: 100, filter: { status: APPROVED }) {
            nodes {
              invoiceNumber
              status
            }
          }
        }
      `),
    );
    expect(data!.invoices.nodes.map((invoice) => invoice.invoiceNumber)).toContain(invoiceNumber);
    await page.close();
  });

  it('lets integration replay a dead letter, which then leaves the list', async () => {
    const erp = scene.graph.app.systems.erpUrl;
    // A supplier the ERP refuses for good: its bank account is already another supplier's there.
    const account: BankAccountInput = { routingNumber: '011000015', accountNumber: '000777000222', accountType: 'CHECKING' };
    const owners = (await (await fetch(`${erp}${ERP_RESOURCES}/suppliers?limit=1`)).json()) as { items: { SupplierPartyId: number }[] };
    const taken = await fetch(`${erp}${ERP_RESOURCES}/externalBankAccounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        BankAccountNumber: account.accountNumber,
        BankBranchNumber: account.routingNumber,
        AccountType: 'CHECKING',
        accountOwners: [{ AccountOwnerPartyIdentifier: owners.items[0]!.SupplierPartyId }],
      }),
    });
    expect(taken.status).toBe(201);
    const erpAccount = (await taken.json()) as { BankAccountId: number };
    const supplierId = await onboardAndApproveSupplier(scene.graph, {
      legalName: 'Lantern Surgical Supply LLC',
      taxId: '52-7781903',
      bankAccount: account,
    });
    await eventually(async () => {
      const { data } = await scene.graph.query(
        graphql(`
          query ConsoleTestDeadLetters {
            deadLetters(first: 50) {
              nodes {
                entityId
              }
            }
          }
        `),
      );
      return data!.deadLetters.nodes.some((node) => node.entityId === supplierId) || undefined;
    });

    const page = await scene.signIn('integration');
    await page.getByRole('link', { name: 'Integration' }).click();
    const row = page
      .getByRole('row')
      .filter({ hasText: supplierId })
      .filter({ has: page.getByRole('button', { name: /^Replay/ }) });
    await row.waitFor();
    expect(await row.textContent()).toContain('An external bank account with this routing and account number already exists.');
    // What the job carried, as JSON text, shortened.
    expect(await row.locator('code').textContent()).toMatch(/^\{".+/);
    await accessibleAndPictured(page, 'integration');
    // The fix, in the ERP: the account was entered on the wrong supplier there, and is corrected.
    const corrected = await fetch(`${erp}${ERP_RESOURCES}/externalBankAccounts/${erpAccount.BankAccountId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ BankAccountNumber: '000777000999', BankBranchNumber: account.routingNumber, AccountType: 'CHECKING' }),
    });
    expect(corrected.status).toBe(200);
    await row.getByRole('button', { name: /^Replay/ }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Replayed: job .+ is / })
      .waitFor();
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(0);

    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('article', { name: 'Backing system ERP' }).waitFor();
    expect(await page.getByRole('article').count()).toBe(3);
    await accessibleAndPictured(page, 'overview');
    await page.close();
  });

  it('shows a supplier only its own records, and a payment status change without a reload', async () => {
    const { data } = await scene.graph.query(
      graphql(`
        query ConsoleTestPayers {
          suppliers(first: 50, filter: { status: ACTIVE }) {
            nodes {
              id
              legalName
              payments(first: 20) {
                nodes {
                  paymentNumber
                  status
                }
              }
            }
          }
        }
      `),
    );
    const payer = data!.suppliers.nodes.find((supplier) =>
      supplier.payments.nodes.some((payment) => ['SCHEDULED', 'SENT'].includes(payment.status)),
    )!;
    const other = data!.suppliers.nodes.find((supplier) => supplier.id !== payer.id)!;
    const moving = payer.payments.nodes.find((payment) => ['SCHEDULED', 'SENT'].includes(payment.status))!;

    const page = await scene.signIn('supplier', payer.id);
    expect(await page.getByRole('navigation', { name: 'Console pages' }).getByRole('link').allTextContents()).toEqual(['Your account']);
    await page.getByRole('heading', { name: new RegExp(`^Your account: ${escape(payer.legalName)}`) }).waitFor();
    const paymentRow = page
      .getByRole('table')
      .filter({ hasText: 'Payments (' })
      .getByRole('row')
      .filter({ hasText: moving.paymentNumber! });
    expect(await paymentRow.textContent()).toContain(moving.status);
    await accessibleAndPictured(page, 'supplier-own');

    // Another supplier's 360 is not there for this token, however it is asked for.
    await page.goto(`${scene.graph.baseUrl}/console#/suppliers/${other.id}`);
    await page.getByRole('alert').filter({ hasText: 'No such supplier, or not one you may see.' }).waitFor();
    await page.goto(`${scene.graph.baseUrl}/console#/account`);
    await paymentRow.waitFor();

    const advanced = await fetch(`${scene.graph.app.systems.erpUrl}/admin/payment-run`, { method: 'POST' });
    expect(advanced.ok).toBe(true);
    const next = await eventually(async () => {
      const { data: now } = await scene.graph.query(
        graphql(`
          query ConsoleTestPayment($id: ID!) {
            supplier(id: $id) {
              payments(first: 20) {
                nodes {
                  paymentNumber
                  status
                }
              }
            }
          }
        `),
        { id: payer.id },
      );
      const status = now!.supplier!.payments.nodes.find((payment) => payment.paymentNumber === moving.paymentNumber)!.status;
      return status === moving.status ? undefined : status;
    });
    await expect.poll(async () => await paymentRow.textContent(), { timeout: 30_000 }).toContain(next);
    await page.close();
  });

  it('lets procurement see the onboarding pipeline and a supplier 360', async () => {
    const id = await onboardSupplier(scene.graph, {
      legalName: 'Harbor Sterile Goods Inc',
      taxId: '52-7781904',
      bankAccount: { routingNumber: '011000015', accountNumber: '000888000333', accountType: 'CHECKING' },
    });
    const page = await scene.signIn('procurement');
    await page.getByRole('link', { name: 'Suppliers' }).click();
    await page.getByRole('heading', { name: 'Pending approval' }).waitFor();
    await accessibleAndPictured(page, 'suppliers');
    await page.getByRole('link', { name: 'Harbor Sterile Goods Inc' }).click();
    await page.getByRole('heading', { name: /^Supplier 360: Harbor Sterile Goods Inc/ }).waitFor();
    expect(page.url().endsWith(`#/suppliers/${id}`)).toBe(true);
    const timeline = page.getByRole('list', { name: 'Journey steps, oldest first' });
    await timeline.waitFor();
    const { data } = await scene.graph.query(
      graphql(`
        query ConsoleTestJourney($id: ID!) {
          supplier(id: $id) {
            journey {
              stuck
              currentStep {
                action
              }
              steps {
                system
                action
                outcome
              }
            }
          }
        }
      `),
      { id },
    );
    const journey = data!.supplier!.journey;
    expect(journey.steps.length).toBeGreaterThan(0);
    // Every step, in the graph's order, with its action, outcome and system.
    expect(await timeline.locator('li strong').allTextContents()).toEqual(journey.steps.map((step) => step.action));
    const items = timeline.getByRole('listitem');
    for (const [index, step] of journey.steps.entries()) {
      const text = await items.nth(index).textContent();
      expect(text).toContain(step.outcome);
      expect(text).toContain(step.system);
    }
    const current = timeline.locator('li[aria-current="step"]');
    expect(await current.count()).toBe(1);
    expect(await current.locator('strong').textContent()).toBe(journey.currentStep!.action);
    expect(await current.textContent()).toContain(journey.stuck ? 'current step, stuck' : 'current step');
    await accessibleAndPictured(page, 'supplier-360');
    await page.close();
  });

  it('lets integration reconcile and see an alerted drift arrive live, and compliance resolve it with a note', async () => {
    const erp = scene.graph.app.systems.erpUrl;
    const page = await scene.signIn('integration');
    await page.getByRole('link', { name: 'Reconciliation' }).click();
    await page.getByRole('heading', { name: 'Reconciliation' }).waitFor();
    await page.getByRole('table').filter({ hasText: 'Drift findings (' }).waitFor();
    const [account] = (
      (await (await fetch(`${erp}${ERP_RESOURCES}/externalBankAccounts?limit=1&offset=5`)).json()) as {
        items: { BankAccountId: number; BankAccountNumber: string; BankBranchNumber: string }[];
      }
    ).items;
    const drifted = await fetch(`${erp}/admin/drift`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resource: 'externalBankAccounts', id: account!.BankAccountId, set: { BankAccountNumber: '000777004321' } }),
    });
    expect(drifted.status).toBe(200);

    // Keyboard only: to the ERP's button, and Enter.
    const reconcileErp = page.getByRole('button', { name: 'Reconcile ERP' });
    await reconcileErp.focus();
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: /^Started: ERP run .+ is RUNNING$/ })
      .waitFor();
    const row = page
      .getByRole('table')
      .filter({ hasText: 'Drift findings (' })
      .getByRole('row')
      .filter({ hasText: `${account!.BankBranchNumber} ••••4321` })
      .filter({ hasText: 'ALERTED' });
    await row.waitFor({ timeout: 60_000 });
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(0, 8)).toEqual([
      'ERP',
      expect.stringMatching(/^SUPPLIER .+ \/ .+$/),
      'FIELD_MISMATCH',
      'bankAccount',
      `${account!.BankBranchNumber} ••••${account!.BankAccountNumber.slice(-4)}`,
      `${account!.BankBranchNumber} ••••4321`,
      'PROCUREGRAPH',
      'ALERTED',
    ]);
    const runs = page.getByRole('table').filter({ hasText: 'Runs (' });
    await expect
      .poll(async () => (await runs.getByRole('row').nth(1).getByRole('cell').allTextContents()).slice(0, 2), { timeout: 60_000 })
      .toEqual(['ERP', 'COMPLETED']);
    // Both passes' progress, as the graph has them: the canonical pass is the one recordsCompared hardly shows.
    expect(await runs.getByRole('columnheader').allTextContents()).toEqual([
      'System',
      'State',
      'Started',
      'Finished',
      'Compared',
      'Canonical checked',
      'Parts',
      'Findings',
      'Repaired',
      'Error',
    ]);
    const { data: latest } = await scene.graph.query<{
      reconciliationRuns: { nodes: { recordsCompared: number; canonicalRecordsChecked: number }[] };
    }>(`{ reconciliationRuns(first: 1, filter: { system: ERP }) { nodes { recordsCompared canonicalRecordsChecked } } }`);
    const [counted] = latest!.reconciliationRuns.nodes;
    expect(counted!.canonicalRecordsChecked).toBeGreaterThan(0);
    const runCells = await runs.getByRole('row').nth(1).getByRole('cell').allTextContents();
    expect(runCells.slice(4, 6)).toEqual([String(counted!.recordsCompared), String(counted!.canonicalRecordsChecked)]);
    // Each of the ERP's parts with its phase, in the order the run waits for them.
    expect(runCells[6]!.split(', ').sort()).toEqual(['invoicing COMPLETED', 'procurement COMPLETED', 'suppliers COMPLETED']);
    await page.getByLabel('Kind').selectOption('FIELD_MISMATCH');
    await page.getByLabel('State').selectOption('ALERTED');
    await row.waitFor();
    await accessibleAndPictured(page, 'reconciliation');
    await page.close();

    // A bank-account alert is compliance's to resolve: it sees the findings but starts no run.
    const compliance = await scene.signIn('compliance');
    await compliance.getByRole('link', { name: 'Reconciliation' }).click();
    await compliance.getByRole('heading', { name: 'Reconciliation' }).waitFor();
    await compliance.getByLabel('State').selectOption('ALERTED');
    const alert = compliance
      .getByRole('table')
      .filter({ hasText: 'Drift findings (' })
      .getByRole('row')
      .filter({ hasText: `${account!.BankBranchNumber} ••••4321` })
      .filter({ hasText: 'ALERTED' });
    await alert.waitFor();
    expect(await compliance.getByRole('button', { name: 'Reconcile ERP' }).count()).toBe(0);
    // The note is required: an empty one is not sent.
    await alert.getByRole('button', { name: 'Resolve' }).click();
    expect(await alert.getByLabel('Note').evaluate((input) => input.matches(':invalid'))).toBe(true);
    await alert.getByLabel('Note').fill('Supplier confirmed the new account by phone call-back');
    await alert.getByLabel('Note').press('Enter');
    await compliance
      .getByRole('status')
      .filter({ hasText: /^Resolved: bankAccount of SUPPLIER / })
      .waitFor();
    await compliance.getByLabel('State').selectOption('RESOLVED');
    const resolved = compliance
      .getByRole('table')
      .filter({ hasText: 'Drift findings (' })
      .getByRole('row')
      .filter({ hasText: `${account!.BankBranchNumber} ••••4321` });
    await expect.poll(() => resolved.textContent(), { timeout: 30_000 }).toContain('Supplier confirmed the new account by phone call-back');
    expect(await resolved.textContent()).toContain('RESOLVED');
    await compliance.close();
  });

  it('shows finance an EDI document refused, with where and why, filtered by status', async () => {
    const integration = { kind: 'staff', subject: 'console-test-edi', role: 'integration' } as const;
    const { data } = await scene.graph.query(
      graphql(`
        query ConsoleTestEdiPartner {
          suppliers(first: 1, filter: { status: ACTIVE }) {
            nodes {
              id
              legalName
            }
          }
        }
      `),
    );
    const supplier = data!.suppliers.nodes[0]!;
    const partner = { interchangeQualifier: 'ZZ', interchangeId: 'CONSOLEEDI', groupId: 'CONSOLEEDI' };
    const set = await scene.graph.query(
      graphql(`
        mutation ConsoleTestSetPartner($input: TradingPartnerInput!) {
          setTradingPartner(input: $input) {
            userErrors {
              code
            }
          }
        }
      `),
      { input: { supplierId: supplier.id, ...partner, version: '004010', inbound: ['X12_810'], outbound: ['X12_997'] } },
      integration,
    );
    expect(set.data!.setTradingPartner.userErrors).toEqual([]);
    const interchange = writeInterchange(
      {
        sender: partner,
        receiver: { interchangeQualifier: 'ZZ', interchangeId: 'PROCUREGRAPH', groupId: 'PROCUREGRAPH' },
        controlNumber: 4801,
        version: '004010',
        at: new Date('2026-12-01T09:30:00Z'),
      },
      'IN',
      '810',
      [
        [
          { tag: 'BIG', elements: ['20261201', 'CONSOLE-INV-1', '', 'PO-DOES-NOT-EXIST'] },
          { tag: 'CUR', elements: ['SE', 'USD'] },
          { tag: 'IT1', elements: ['1', '2', 'EA', '10.00', '', 'VC', 'ITEM-1'] },
          { tag: 'TDS', elements: ['2000'] },
          { tag: 'CTT', elements: ['1'] },
        ],
      ],
    );
    const posted = await fetch(`${scene.graph.baseUrl}/edi/inbound`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await scene.graph.tokenFor(integration)}`, 'content-type': 'application/edi-x12' },
      body: interchange,
    });
    expect(posted.status).toBe(200);
    expect(((await posted.json()) as { documents: { status: string }[] }).documents.map((document) => document.status)).toEqual([
      'REJECTED',
    ]);

    const page = await scene.signIn('finance');
    await page.getByRole('link', { name: 'EDI documents' }).click();
    await page.getByRole('heading', { name: 'EDI documents' }).waitFor();
    await page.getByLabel('Status').selectOption('REJECTED');
    const row = page.getByRole('table').getByRole('row').filter({ hasText: '000004801' });
    await row.waitFor();
    expect((await row.getByRole('cell').allTextContents()).filter((_, index) => index !== 7)).toEqual([
      'X12_810',
      'INBOUND',
      supplier.legalName,
      '000004801',
      'REJECTED',
      '—',
      '—',
      '7 BIG 2 4: No purchase order PO-DOES-NOT-EXIST',
    ]);
    await page.getByLabel('Status').selectOption('ACCEPTED');
    await expect.poll(() => row.count()).toBe(0);
    await page.getByLabel('Status').selectOption('REJECTED');
    await row.waitFor();
    await accessibleAndPictured(page, 'edi-documents');
    await page.close();
  });

  it('made no request beyond this machine', () => {
    expect(scene.refused).toEqual([]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
