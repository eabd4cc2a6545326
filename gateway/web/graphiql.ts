import type { Request, RequestHandler } from 'express';
import { createRequire } from 'node:module';

interface GraphiQLPageOptions {
  title: string;
  endpoint: string;
  subscriptionsProtocol: 'WS';
  defaultQuery: string;
  headers: string;
  shouldPersistHeaders: boolean;
}

// Loaded without its type declarations: they import graphql-yoga's, whose fetch types replace
// Node's global ones for the whole program (and break the gateway's own fetch). Only this is used.
const { renderGraphiQL } = createRequire(import.meta.url)('@graphql-yoga/render-graphiql') as {
  renderGraphiQL(options: GraphiQLPageOptions): string;
};

const DEFAULT_QUERY = `# Paste a token into Headers below (npm run -s token -- --role admin on the embedded default).
# Subscriptions run over this gateway's graphql-ws WebSocket with the same token.
query Suppliers {
  suppliers(first: 5) {
    nodes {
      id
      legalName
      status
    }
  }
}
`;

const DEFAULT_HEADERS = JSON.stringify({ authorization: 'Bearer ' }, null, 2);

/**
 * The gateway authenticates a WebSocket in `connection_init`, but Yoga's GraphiQL sends its
 * header editor only with HTTP requests. Its graphql-ws client asks for connection parameters
 * each time it connects (lazily, at the first subscription), so this reads the active tab's
 * headers from GraphiQL's own storage then.
 */
const CONNECTION_PARAMS = `function () {
  try {
    var tabs = JSON.parse(localStorage.getItem('graphiql:tabState') || 'null');
    var text = tabs && tabs.tabs && tabs.tabs[tabs.activeTabIndex] ? tabs.tabs[tabs.activeTabIndex].headers : localStorage.getItem('graphiql:headers');
    return JSON.parse(text || '{}');
  } catch (error) {
    return {};
  }
}`;

// GraphiQL draws its logo at 60% opacity, below WCAG AA contrast; full strength in either theme.
const CONTRAST = '<style>.graphiql-logo, .graphiql-logo * { color: hsl(var(--color-neutral)) !important; opacity: 1 !important; }</style>';

let page: string | undefined;

/** GraphiQL's page, everything inlined (about 9 MB): rendered once, when first asked for. */
function graphiqlPage(): string {
  if (page) return page;
  const options: GraphiQLPageOptions = {
    title: 'Procuregraph GraphiQL',
    endpoint: '/graphql',
    subscriptionsProtocol: 'WS',
    defaultQuery: DEFAULT_QUERY,
    headers: DEFAULT_HEADERS,
    shouldPersistHeaders: true,
  };
  const json = JSON.stringify(options);
  const rendered = renderGraphiQL(options);
  if (!rendered.includes(json)) throw new Error('GraphiQL page: options not found where expected');
  page = rendered
    .replace(json, `Object.assign(${json}, { connectionParams: ${CONNECTION_PARAMS} })`)
    .replace('</head>', `${CONTRAST}</head>`);
  return page;
}

/** A browser's GET (text/html preferred over JSON) with no operation in it. */
export function wantsGraphiQL(request: Request): boolean {
  return request.method === 'GET' && request.query.query === undefined && request.accepts('application/json', 'text/html') === 'text/html';
}

/**
 * `GET /graphql` from a browser: GraphiQL served by Procuregraph (no CDN, so it works on a
 * network without egress), instead of Apollo's landing page. Anything else goes on to the API.
 */
export function graphiql(): RequestHandler {
  return (request, response, next) => {
    if (!wantsGraphiQL(request)) return next();
    response.type('html').set('cache-control', 'no-cache').send(graphiqlPage());
  };
}
