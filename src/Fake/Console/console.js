'use strict';

// Everything here goes through the fake's public HTTP surface: the admin API under /_fake and the platform APIs
// of the selected foundation (reached with the /foundations/{id} prefix and tokens issued by the admin API).
// Opened as /foundations/{id}/_fake/console/, the console starts on that foundation.
const [, root, prefixed] = location.pathname.match(/^(.*?)(?:\/foundations\/([^/]+))?\/_fake\/console/) || ['', '', null];
const state = { view: 'foundations', foundation: prefixed ? decodeURIComponent(prefixed) : 'default', tokens: {}, rendered: {}, selectedEntry: null };

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (name.startsWith('on')) {
      node.addEventListener(name.slice(2), value);
    } else if (value !== null && value !== undefined && value !== false) {
      node.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

function button(label, action, attributes) {
  return el('button', { type: 'button', ...attributes, onclick: () => run(action) }, label);
}

function say(message, isError) {
  const status = document.getElementById('status');
  status.textContent = message || '';
  status.className = isError ? 'error' : '';
}

async function run(action) {
  try {
    await action();
  } catch (error) {
    say(error.message, true);
  }
}

// A server started with an admin key wants it on every admin call: taken once from ?key= or asked for, kept for the tab.
const adminKeyHeader = 'X-Fake-Admin-Key';
const givenKey = new URLSearchParams(location.search).get('key');
if (givenKey !== null) {
  sessionStorage.setItem(adminKeyHeader, givenKey);
  history.replaceState(null, '', location.pathname + location.hash);
}

async function request(url, options) {
  let response = await fetch(root + url, options);
  if (response.status === 401 && url.startsWith('/_fake')) {
    const key = prompt('This server protects its admin API. Admin key:');
    if (key) {
      sessionStorage.setItem(adminKeyHeader, key);
      options.headers[adminKeyHeader] = key;
      response = await fetch(root + url, options);
    }
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  if (!response.ok) {
    const detail = body && (body.error || (body.errors && body.errors.map(e => e.detail).join('; '))) || text || response.statusText;
    const error = new Error(`${options && options.method || 'GET'} ${url}: ${response.status} ${detail}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

function admin(path, method, body) {
  const options = { method: method || 'GET', headers: {} };
  const key = sessionStorage.getItem(adminKeyHeader);
  if (key) {
    options.headers[adminKeyHeader] = key;
  }
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  return request('/_fake' + path, options);
}

const foundationPath = () => '/foundations/' + encodeURIComponent(state.foundation);

async function token(platform) {
  const key = platform + ':' + state.foundation;
  if (!state.tokens[key]) {
    state.tokens[key] = platform === 'cf'
      ? (await admin(foundationPath() + '/tokens', 'POST', { username: 'admin' })).access_token
      : (await admin(foundationPath() + '/tsuru/tokens', 'POST', {})).token;
  }
  return state.tokens[key];
}

async function platformGet(platform, path) {
  const get = async () => request(foundationPath() + path, { headers: { Authorization: 'bearer ' + await token(platform) } });
  try {
    return await get();
  } catch (error) {
    if (error.status !== 401) {
      throw error;
    }
    delete state.tokens[platform + ':' + state.foundation];
    return get();
  }
}

const cf = path => platformGet('cf', path);
const cfList = async path => (await cf(path + (path.includes('?') ? '&' : '?') + 'per_page=100')).resources;

// Re-renders a container only when its data changed and nobody is typing in it, so live refresh keeps inputs intact.
function renderIfChanged(id, data, render) {
  const container = document.getElementById(id);
  const key = JSON.stringify(data);
  if (state.rendered[id] === key || container.contains(document.activeElement) && document.activeElement.tagName !== 'BUTTON') {
    return;
  }
  state.rendered[id] = key;
  container.replaceChildren(...render(data));
}

function formValues(form) {
  return Object.fromEntries([...new FormData(form).entries()].filter(([, value]) => value !== ''));
}

function numberOrNull(value) {
  return value === undefined || value === '' ? null : Number(value);
}

// Foundations

async function loadFoundations() {
  const foundations = await admin('/foundations');
  const select = document.getElementById('foundation');
  const ids = foundations.map(f => f.id);
  if (!ids.includes(state.foundation)) {
    state.foundation = ids.includes('default') ? 'default' : ids[0];
  }
  if ([...select.options].map(o => o.value).join() !== ids.join()) {
    select.replaceChildren(...ids.map(id => el('option', { value: id }, id)));
  }
  select.value = state.foundation;
  const current = foundations.find(f => f.id === state.foundation);
  document.getElementById('clock').textContent = current ? `${current.now}${current.realTime ? ' (real time)' : ' (frozen)'}` : '';
  return foundations;
}

async function refreshFoundations() {
  const foundations = await loadFoundations();
  renderIfChanged('foundations', foundations, list => list.map(foundation => {
    const snapshots = el('select', { 'aria-label': 'Snapshots of ' + foundation.id },
      foundation.snapshots.map(name => el('option', { value: name }, name)));
    const total = Object.values(foundation.resources).reduce((sum, count) => sum + count, 0);
    return el('tr', { 'data-foundation': foundation.id, class: foundation.id === state.foundation ? 'current' : null },
      el('td', {}, el('a', { href: '#', onclick: event => { event.preventDefault(); select(foundation.id, 'resources'); } }, foundation.id)),
      el('td', {}, foundation.now, foundation.realTime ? ' (real time)' : ''),
      el('td', {}, foundation.guidSequence),
      el('td', { title: Object.entries(foundation.resources).map(([kind, count]) => `${kind}: ${count}`).join('\n') }, total),
      el('td', {}, foundation.snapshots.length ? [snapshots, button('Restore', async () => {
        await admin(`/foundations/${encodeURIComponent(foundation.id)}/restore`, 'POST', { snapshot: snapshots.value });
        say(`Restored ${foundation.id} to ${snapshots.value}.`);
        await refreshFoundations();
      })] : '—'),
      el('td', { class: 'actions' },
        button('Fork', async () => {
          const fork = await admin(`/foundations/${encodeURIComponent(foundation.id)}/fork`, 'POST', {});
          say(`Forked ${foundation.id} into ${fork.id}.`);
          await refreshFoundations();
        }),
        button('Snapshot', async () => {
          const taken = await admin(`/foundations/${encodeURIComponent(foundation.id)}/snapshots`, 'POST', {});
          say(`Snapshot ${taken.snapshot} of ${foundation.id} taken.`);
          await refreshFoundations();
        }),
        button('Reset', async () => {
          if (confirm(`Reset ${foundation.id} to its seed? Its journal and faults are cleared too.`)) {
            await admin(`/foundations/${encodeURIComponent(foundation.id)}/reset`, 'POST');
            say(`Reset ${foundation.id}.`);
            await refreshFoundations();
          }
        }),
        foundation.id === 'default' ? null : button('Delete', async () => {
          if (confirm(`Delete ${foundation.id}?`)) {
            await admin(`/foundations/${encodeURIComponent(foundation.id)}`, 'DELETE');
            say(`Deleted ${foundation.id}.`);
            await refreshFoundations();
          }
        })));
  }));
}

// Resources

function resourceNode(label, status, ...children) {
  return el('details', { open: true, class: 'resource' },
    el('summary', {}, label, status ? el('span', { class: 'state state-' + String(status).toLowerCase() }, status) : null),
    ...children);
}

function leaf(label, details, guid) {
  return el('li', { 'data-guid': guid }, label,
    ...details.filter(Boolean).map(detail => el('span', { class: 'state state-' + String(detail).toLowerCase() }, detail)));
}

function group(title, items) {
  return items.length ? el('div', { class: 'group' }, el('h4', {}, title), el('ul', {}, items)) : null;
}

async function appNode(app) {
  const [processes, builds, bindings] = await Promise.all([
    cfList(`/v3/apps/${app.guid}/processes`),
    cfList(`/v3/builds?app_guids=${app.guid}&order_by=-created_at`),
    cfList(`/v3/service_credential_bindings?app_guids=${app.guid}`),
  ]);
  const processItems = await Promise.all(processes.map(async process => {
    const stats = (await cf(`/v3/processes/${process.guid}/stats`)).resources;
    return el('li', {}, `${process.type} × ${process.instances}`,
      el('ul', {}, stats.map(instance => leaf(`instance ${instance.index}`, [instance.state]))));
  }));
  return resourceNode(el('span', { class: 'name', 'data-app': app.name }, 'app ', el('strong', {}, app.name)), app.state,
    el('ul', {},
      el('li', {}, 'processes', el('ul', {}, processItems)),
      builds.length ? el('li', {}, 'builds', el('ul', {}, builds.map(build => leaf(`build ${build.guid}`, [build.state], build.guid)))) : null,
      bindings.length ? el('li', {}, 'bindings', el('ul', {}, bindings.map(binding => leaf(`${binding.type} binding ${binding.name || binding.guid}`, [binding.last_operation && binding.last_operation.state], binding.guid)))) : null));
}

async function spaceNode(space) {
  const [apps, routes, instances] = await Promise.all([
    cfList(`/v3/apps?space_guids=${space.guid}`),
    cfList(`/v3/routes?space_guids=${space.guid}`),
    cfList(`/v3/service_instances?space_guids=${space.guid}`),
  ]);
  return resourceNode(el('span', {}, 'space ', el('strong', {}, space.name)), null,
    ...await Promise.all(apps.map(appNode)),
    group('routes', routes.map(route => leaf(route.url, [`${route.destinations.length} destination(s)`], route.guid))),
    group('service instances', instances.map(instance => leaf(`${instance.name} (${instance.type})`, [instance.last_operation && instance.last_operation.state], instance.guid))));
}

async function refreshResources() {
  const organizations = await cfList('/v3/organizations');
  const tree = await Promise.all(organizations.map(async organization => {
    const spaces = await cfList(`/v3/spaces?organization_guids=${organization.guid}`);
    return resourceNode(el('span', {}, 'org ', el('strong', {}, organization.name)), organization.suspended ? 'suspended' : null,
      ...await Promise.all(spaces.map(spaceNode)));
  }));
  document.getElementById('cf-tree').replaceChildren(...(tree.length ? tree : [el('p', { class: 'hint' }, 'No organizations.')]));
  let tsuru;
  try {
    const apps = await platformGet('tsuru', '/1.0/apps') || [];
    tsuru = apps.length
      ? apps.map(app => resourceNode(el('span', { 'data-tsuru-app': app.name }, 'app ', el('strong', {}, app.name)), `${app.units.length} unit(s)`,
        el('ul', {}, app.units.map(unit => leaf(`${unit.ProcessName} ${unit.ID}`, [unit.Status], unit.ID)))))
      : [el('p', { class: 'hint' }, 'No Tsuru apps.')];
  } catch (error) {
    tsuru = [el('p', { class: 'error' }, error.message)];
  }
  document.getElementById('tsuru-apps').replaceChildren(...tsuru);
  say(`Resources of ${state.foundation} read at ${new Date().toLocaleTimeString()}.`);
}

// Journal

function journalQuery() {
  const filter = formValues(document.getElementById('journal-filter'));
  const query = new URLSearchParams({ last: '200' });
  for (const name of ['path', 'method', 'status']) {
    if (filter[name]) {
      query.set(name, filter[name]);
    }
  }
  if (filter.unmatched) {
    query.set('unmatched', 'true');
  }
  return query;
}

function showEntry(entry) {
  state.selectedEntry = entry.sequence;
  const body = text => el('pre', {}, text === null || text === undefined ? '(empty)' : pretty(text));
  document.getElementById('journal-detail').replaceChildren(
    el('h3', {}, `#${entry.sequence} ${entry.method} ${entry.path}${entry.query}`),
    el('p', {}, `${entry.status} at ${entry.at} in ${entry.durationMs.toFixed(1)} ms${entry.matched ? '' : ' — no route matched'}`),
    el('h4', {}, 'Request body'), body(entry.requestBody),
    el('h4', {}, 'Response body'), body(entry.responseBody));
}

function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

async function refreshJournal() {
  const hideConsole = document.getElementById('journal-hide-console').checked;
  const entries = (await admin(`${foundationPath()}/journal?${journalQuery()}`))
    .filter(entry => !hideConsole || entry.method !== 'GET' || !entry.path.startsWith(foundationPath() + '/'))
    .reverse();
  renderIfChanged('journal', entries, list => list.map(entry => el('tr', {
    class: (entry.status >= 400 ? 'failed ' : '') + (entry.sequence === state.selectedEntry ? 'selected' : ''),
    'data-sequence': entry.sequence,
    onclick: () => {
      showEntry(entry);
      document.querySelectorAll('#journal tr.selected').forEach(row => row.classList.remove('selected'));
      document.querySelector(`#journal tr[data-sequence="${entry.sequence}"]`).classList.add('selected');
    },
  },
  el('td', {}, entry.sequence), el('td', { class: 'time', title: entry.at }, entry.at.slice(11, 19)), el('td', {}, entry.method),
  el('td', { class: 'path' }, entry.path + entry.query), el('td', {}, entry.status), el('td', {}, entry.durationMs.toFixed(1)))));
}

// Lifecycles

async function refreshLifecycles() {
  const lifecycles = await admin(`${foundationPath()}/lifecycles`);
  const kindPath = kind => `${foundationPath()}/lifecycles/${encodeURIComponent(kind)}`;
  renderIfChanged('pending', lifecycles.pending, pending => pending.length ? pending.map(transition => {
    const failure = el('input', { placeholder: 'failure message', 'aria-label': 'Failure for ' + transition.resourceGuid, size: 16 });
    return el('tr', { 'data-resource': transition.resourceGuid, 'data-kind': transition.kind },
      el('td', {}, transition.kind), el('td', { class: 'guid' }, transition.resourceGuid), el('td', {}, transition.startedAt),
      el('td', {}, transition.mode), el('td', {}, transition.mode === 'AfterPolls' ? transition.pollsLeft : ''),
      el('td', {}, transition.dueAt || ''), el('td', {}, transition.failure || ''),
      el('td', { class: 'actions' },
        button('Step', async () => {
          await admin(`${kindPath(transition.kind)}/step`, 'POST', { guid: transition.resourceGuid });
          say(`Stepped ${transition.kind} ${transition.resourceGuid}.`);
          await refreshLifecycles();
        }),
        failure,
        button('Fail', async () => {
          await admin(`${kindPath(transition.kind)}/step`, 'POST', { guid: transition.resourceGuid, fail: failure.value || 'failed from the console' });
          say(`Failed ${transition.kind} ${transition.resourceGuid}.`);
          await refreshLifecycles();
        })));
  }) : [el('tr', {}, el('td', { colspan: 8, class: 'hint' }, 'Nothing in flight.'))]);
  renderIfChanged('kinds', lifecycles.kinds, kinds => kinds.map(({ kind, policy, scripted_failures: failures }) => {
    const mode = el('select', { 'aria-label': 'Mode of ' + kind },
      ['Immediate', 'AfterPolls', 'AfterTime', 'Manual'].map(name => el('option', { value: name, selected: name === policy.mode }, name)));
    const polls = el('input', { type: 'number', min: 1, value: policy.polls || 1, 'aria-label': 'Polls of ' + kind });
    const delay = el('input', { type: 'number', min: 0, step: 'any', value: policy.delay_seconds, 'aria-label': 'Delay of ' + kind });
    const failNext = el('input', { placeholder: 'e.g. StagingError', 'aria-label': 'Next failure of ' + kind, size: 14 });
    return el('tr', { 'data-kind': kind },
      el('td', {}, kind),
      el('td', {}, policy.mode, policy.mode === 'AfterPolls' ? ` (${policy.polls} polls)` : '', policy.mode === 'AfterTime' ? ` (${policy.delay_seconds} s)` : ''),
      el('td', { class: 'actions' }, mode, el('label', {}, ' polls ', polls), el('label', {}, ' delay s ', delay), button('Set', async () => {
        await admin(`${kindPath(kind)}/policy`, 'PUT', { mode: mode.value, polls: Number(polls.value), delaySeconds: Number(delay.value) });
        say(`Policy of ${kind} set to ${mode.value}.`);
        await refreshLifecycles();
      })),
      el('td', {}, failures.join(', ')),
      el('td', { class: 'actions' }, failNext, button('Fail next', async () => {
        await admin(`${kindPath(kind)}/fail-next`, 'POST', { message: failNext.value || 'failed from the console' });
        say(`The next ${kind} fails.`);
        await refreshLifecycles();
      }), button('Step all', async () => {
        const result = await admin(`${kindPath(kind)}/step`, 'POST', {});
        say(`Stepped ${result.stepped} ${kind} lifecycle(s).`);
        await refreshLifecycles();
      })));
  }));
}

// Faults

async function refreshFaults() {
  const faults = await admin(`${foundationPath()}/faults`);
  renderIfChanged('faults', faults, list => list.length ? list.map(fault => el('tr', { 'data-fault': fault.id },
    el('td', {}, fault.id), el('td', {}, fault.kind), el('td', {}, fault.pathPattern), el('td', {}, fault.method || 'any'),
    el('td', {}, fault.kind === 'Status' || fault.kind === 'RateLimit' ? fault.status : ''), el('td', {}, fault.latencyMs ? fault.latencyMs + ' ms' : ''),
    el('td', {}, fault.remaining === null ? 'always' : fault.remaining),
    el('td', {}, button('Remove', async () => {
      await admin(`${foundationPath()}/faults/${encodeURIComponent(fault.id)}`, 'DELETE');
      await refreshFaults();
    })))) : [el('tr', {}, el('td', { colspan: 8, class: 'hint' }, 'No faults scripted.'))]);
}

// Navigation and refresh

const refreshers = {
  foundations: refreshFoundations,
  resources: refreshResources,
  journal: refreshJournal,
  lifecycles: refreshLifecycles,
  faults: refreshFaults,
};

function select(foundation, view) {
  state.foundation = foundation || state.foundation;
  state.view = view || state.view;
  location.hash = new URLSearchParams({ view: state.view, foundation: state.foundation }).toString();
}

async function show() {
  const hash = new URLSearchParams(location.hash.slice(1));
  state.view = refreshers[hash.get('view')] ? hash.get('view') : 'foundations';
  if (hash.get('foundation') && hash.get('foundation') !== state.foundation) {
    state.foundation = hash.get('foundation');
    state.rendered = {};
    state.selectedEntry = null;
  }
  for (const section of document.querySelectorAll('main section')) {
    section.hidden = section.dataset.view !== state.view;
  }
  for (const link of document.querySelectorAll('nav a')) {
    link.classList.toggle('active', link.dataset.view === state.view);
  }
  await run(async () => {
    await loadFoundations();
    await refreshers[state.view]();
  });
}

let ticking = false;
async function tick() {
  const live = {
    foundations: true,
    journal: document.getElementById('journal-live').checked,
    lifecycles: true,
    faults: true,
    resources: document.getElementById('auto-resources').checked,
  };
  if (ticking || !live[state.view] || document.hidden) {
    return;
  }
  ticking = true;
  try {
    await loadFoundations();
    await refreshers[state.view]();
  } catch (error) {
    say(error.message, true);
  } finally {
    ticking = false;
  }
}

function wire() {
  for (const link of document.querySelectorAll('nav a')) {
    link.addEventListener('click', event => {
      event.preventDefault();
      select(null, link.dataset.view);
    });
  }
  document.getElementById('foundation').addEventListener('change', event => select(event.target.value));
  document.getElementById('refresh-resources').addEventListener('click', () => run(refreshResources));
  document.getElementById('create-foundation').addEventListener('submit', event => {
    event.preventDefault();
    run(async () => {
      const values = formValues(event.target);
      const created = await admin('/foundations', 'POST', { id: values.id || null, seed: values.seed || null });
      event.target.reset();
      say(`Created foundation ${created.id}.`);
      await refreshFoundations();
    });
  });
  document.getElementById('journal-filter').addEventListener('input', () => run(refreshJournal));
  document.getElementById('journal-filter').addEventListener('submit', event => event.preventDefault());
  document.getElementById('journal-clear').addEventListener('click', () => run(async () => {
    await admin(`${foundationPath()}/journal`, 'DELETE');
    document.getElementById('journal-detail').replaceChildren();
    await refreshJournal();
  }));
  document.getElementById('clock-advance').addEventListener('submit', event => {
    event.preventDefault();
    run(async () => {
      const seconds = Number(new FormData(event.target).get('seconds'));
      const clock = await admin(`${foundationPath()}/clock/advance`, 'POST', { seconds });
      say(`Clock of ${state.foundation} advanced by ${seconds} s to ${clock.now}.`);
      await loadFoundations();
      await refreshLifecycles();
    });
  });
  document.getElementById('add-fault').addEventListener('submit', event => {
    event.preventDefault();
    run(async () => {
      const values = formValues(event.target);
      const fault = await admin(`${foundationPath()}/faults`, 'POST', {
        kind: values.kind,
        path: values.path,
        method: values.method || null,
        status: numberOrNull(values.status),
        latencyMs: numberOrNull(values.latencyMs),
        times: numberOrNull(values.times),
      });
      say(`Added fault ${fault.id}.`);
      await refreshFaults();
    });
  });
  document.getElementById('clear-faults').addEventListener('click', () => run(async () => {
    await admin(`${foundationPath()}/faults`, 'DELETE');
    await refreshFaults();
  }));
  window.addEventListener('hashchange', show);
  setInterval(tick, 1000);
  show();
}

wire();
