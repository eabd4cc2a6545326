import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { html } from './view.js';
import { graphClient } from './graph.js';
import { pagesFor } from './pages.js';
import { Supplier360 } from './pages/suppliers.js';
import { currentSession, developmentSignIn, finishOidcSignIn, signOut, startOidcSignIn } from './session.js';

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

function Console({ session, onSignOut }) {
  const graph = useMemo(() => graphClient(session.token), [session.token]);
  useEffect(() => () => graph.close(), [graph]);
  const [path, id] = useRoute();
  const pages = pagesFor(session.role);
  const page = pages.find((candidate) => candidate.path === path) ?? pages[0];
  const View = page.view;
  useEffect(() => void (document.title = `${page.title} · Procuregraph console`), [page]);
  return html`<a class="skip" href="#main">Skip to content</a>
    <header>
      <span class="brand">Procuregraph</span>
      <nav aria-label="Console pages">
        ${pages.map((candidate) => html`<a href=${`#/${candidate.path}`} aria-current=${candidate === page ? 'page' : undefined}>${candidate.title}</a>`)}
      </nav>
      <span class="who">${session.role}${session.supplierId ? ` · ${session.supplierId}` : ''}</span>
      <button type="button" onClick=${onSignOut}>Sign out</button>
    </header>
    <main id="main" tabindex="-1">
      ${path === 'suppliers' && id ? html`<${Supplier360} graph=${graph} id=${id} withJourney=${session.role !== 'supplier'} />` : html`<${View} graph=${graph} session=${session} />`}
    </main>`;
}

function App({ config }) {
  const [session, setSession] = useState(currentSession);
  useEffect(() => {
    if (config.signIn === 'oidc' && !session) finishOidcSignIn(config).then((signedIn) => signedIn && setSession(signedIn));
  }, []);
  if (!session) return html`<${SignIn} config=${config} onSignedIn=${setSession} />`;
  return html`<${Console} session=${session} onSignOut=${() => (signOut(), setSession(undefined))} />`;
}

const config = await (await fetch('/console/config.json')).json();
const root = document.getElementById('console');
root.textContent = '';
render(html`<${App} config=${config} />`, root);
