import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { html } from './view.js';
import { graphClient } from './graph.js';
import { pagesFor } from './pages.js';
import { Supplier360 } from './pages/suppliers.js';
import { RecordView, RECORDS } from './pages/record.js';
import { currentSession, developmentSignIn, finishOidcSignIn, renewalTime, renewedSession, signOut, startOidcSignIn } from './session.js';

function useRoute() {
  const read = () => location.hash.replace(/^#\/?/, '').split('/');
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const changed = () => setRoute(read());
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}

function SignIn({ config, onSignedIn }) {
  const [role, setRole] = useState('admin');
  const [supplierId, setSupplierId] = useState('');
  const [error, setError] = useState(undefined);
  if (config.signIn === 'oidc')
    return html`<main id="main" class="sign-in">
      <h1>Procuregraph console</h1>
      <button type="button" onClick=${() => startOidcSignIn(config).catch((failure) => setError(failure.message))}>Sign in</button>
      ${error && html`<p role="alert" class="error">${error}</p>`}
    </main>`;
  if (config.signIn !== 'development')
    return html`<main id="main" class="sign-in">
      <h1>Procuregraph console</h1>
      <p>Sign-in is not configured on this deployment (CONSOLE_OIDC_CLIENT_ID).</p>
    </main>`;
  const submit = (event) => {
    event.preventDefault();
    developmentSignIn(role, role === 'supplier' ? supplierId : undefined).then(onSignedIn, (failure) => setError(failure.message));
  };
  return html`<main id="main" class="sign-in">
    <h1>Procuregraph console</h1>
    <p>Development sign-in (embedded default only): choose whom to act as.</p>
    <form onSubmit=${submit}>
      <label for="role">Role</label>
      <select id="role" value=${role} onChange=${(event) => setRole(event.currentTarget.value)}>
        ${config.roles.map((name) => html`<option value=${name}>${name}</option>`)}
      </select>
      ${
        role === 'supplier' &&
        html`<label for="supplier-id">Supplier id</label>
          <input id="supplier-id" required value=${supplierId} onInput=${(event) => setSupplierId(event.currentTarget.value)} />`
      }
      <button type="submit">Sign in</button>
    </form>
    ${error && html`<p role="alert" class="error">${error}</p>`}
  </main>`;
}

function Console({ config, session, expiring, onSignOut }) {
  // One client for the whole visit: a renewed token is read at the next request, the page stays as it is.
  const token = useRef(session.token);
  token.current = session.token;
  const graph = useMemo(() => graphClient(() => token.current), []);
  useEffect(() => () => graph.close(), [graph]);
  const [path, id] = useRoute();
  const pages = pagesFor(session.role);
  // An order, invoice or payment of its own (staff: the journey is theirs to see) is no page of the navigation.
  const record = id && session.role !== 'supplier' ? RECORDS[path] : undefined;
  const page = record ? undefined : (pages.find((candidate) => candidate.path === path) ?? pages[0]);
  const title = record ? record.noun : page.title;
  useEffect(() => void (document.title = `${title} · Procuregraph console`), [title]);
  return html`<a class="skip" href="#main">Skip to content</a>
    <header>
      <span class="brand">Procuregraph</span>
      <nav aria-label="Console pages">
        ${pages.map((candidate) => html`<a href=${`#/${candidate.path}`} aria-current=${candidate === page ? 'page' : undefined}>${candidate.title}</a>`)}
      </nav>
      <span class="who">${session.role}${session.supplierId ? ` · ${session.supplierId}` : ''}</span>
      <button type="button" onClick=${onSignOut}>Sign out</button>
    </header>
    ${expiring && html`<${SignInAgain} config=${config} session=${session} onSignOut=${onSignOut} />`}
    <main id="main" tabindex="-1">
      ${
        record
          ? html`<${RecordView} graph=${graph} kind=${path} id=${id} />`
          : path === 'suppliers' && id
            ? html`<${Supplier360} graph=${graph} id=${id} withJourney=${session.role !== 'supplier'} />`
            : html`<${page.view} graph=${graph} session=${session} />`
      }
    </main>`;
}

/** The token ends soon and could not be renewed: signing in again brings the person back to this page. */
function SignInAgain({ config, session, onSignOut }) {
  const [error, setError] = useState(undefined);
  const again = () => (config.signIn === 'oidc' ? startOidcSignIn(config).catch((failure) => setError(failure.message)) : onSignOut());
  return html`<div role="alert" class="expiring">
    Your sign-in ends at ${new Date(session.expiresAt).toLocaleTimeString()}.
    <button type="button" onClick=${again}>Sign in again</button> and you come back to this page.
    ${error && html`<span class="error"> ${error}</span>`}
  </div>`;
}

/** Renews the session's token before it ends; `onFailed` when it cannot (no refresh token, provider refused). */
function useRenewal(config, session, onRenewed, onFailed) {
  useEffect(() => {
    if (!session) return undefined;
    // A renewal still under way when the session changes (signed in again, out) must not touch the new one.
    let current = true;
    const settle = (renewed) => current && (renewed ? onRenewed(renewed) : onFailed());
    const timer = setTimeout(
      () => renewedSession(config, session).then(settle, () => settle(undefined)),
      Math.max(0, renewalTime(session) - Date.now()),
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [session]);
}

function App({ config }) {
  const [session, setSession] = useState(currentSession);
  const [expiring, setExpiring] = useState(false);
  const signedIn = (next) => (setExpiring(false), setSession(next));
  useEffect(() => {
    // Back from the identity provider, possibly while the previous token is still good.
    if (config.signIn === 'oidc') finishOidcSignIn(config).then((next) => next && signedIn(next));
  }, []);
  useRenewal(config, session, signedIn, () => setExpiring(true));
  if (!session) return html`<${SignIn} config=${config} onSignedIn=${signedIn} />`;
  return html`<${Console}
    config=${config}
    session=${session}
    expiring=${expiring}
    onSignOut=${() => (signOut(), setSession(undefined))}
  />`;
}

const config = await (await fetch('/console/config.json')).json();
const root = document.getElementById('console');
root.textContent = '';
render(html`<${App} config=${config} />`, root);
