// The console's pages: which roles see each in the navigation (the graph decides what they may
// read). A page for a new part of the graph is one entry here and one module in pages/.
import { Overview } from './pages/overview.js';
import { Exceptions } from './pages/exceptions.js';
import { Suppliers } from './pages/suppliers.js';
import { Integration } from './pages/integration.js';
import { SupplierOwnView } from './pages/supplier-own.js';
import { Reconciliation } from './pages/reconciliation.js';
import { EdiDocuments } from './pages/edi.js';
import { BusinessMetrics } from './pages/metrics.js';

export const pages = [
  { path: 'overview', title: 'Overview', roles: ['admin', 'integration'], view: Overview },
  { path: 'exceptions', title: 'Exception queues', roles: ['admin', 'finance'], view: Exceptions },
  { path: 'suppliers', title: 'Suppliers', roles: ['admin', 'procurement', 'finance', 'compliance', 'integration'], view: Suppliers },
  { path: 'integration', title: 'Integration', roles: ['admin', 'integration'], view: Integration },
  { path: 'reconciliation', title: 'Reconciliation', roles: ['admin', 'integration', 'compliance'], view: Reconciliation },
  { path: 'edi', title: 'EDI documents', roles: ['admin', 'integration', 'finance'], view: EdiDocuments },
  { path: 'metrics', title: 'Business metrics', roles: ['admin', 'procurement', 'finance', 'integration'], view: BusinessMetrics },
  { path: 'account', title: 'Your account', roles: ['supplier'], view: SupplierOwnView },
];

export const pagesFor = (role) => pages.filter((page) => page.roles.includes(role));
