// One execution, live: the graph recoloured from server-sent events, a state's panel loaded beside it,
// stop and redrive through the REST API (after a confirmation), and the event timeline paged through it.
const main = document.querySelector('main');
const id = main.dataset.execution;
const api = `/v1/executions/${id}`;
// the page's namespace (none: default): console URLs carry it as ?namespace=, API calls as a header
const namespace = document.querySelector('meta[name="stepwise-namespace"]')?.content;
const inNamespace = (params = new URLSearchParams()) => {
  if (namespace) params.set('namespace', namespace);
  return params;
};
const apiHeaders = namespace ? { 'Stepwise-Namespace': namespace } : {};
let lastEventId = Number(main.dataset.lastEvent || 0);
let stream = null;

function listen() {
  stream?.close();
  stream = new EventSource(`/console/executions/${id}/stream?${inNamespace(new URLSearchParams({ after: lastEventId }))}`);
  stream.addEventListener('update', (message) => apply(JSON.parse(message.data)));
  stream.addEventListener('end', () => { stream.close(); stream = null; });
}

function apply(update) {
  for (const s of update.states) {
    const node = document.querySelector(`#graph [data-state="${CSS.escape(s.name)}"]`);
    if (!node) continue;
    node.classList.forEach((c) => { if (c.startsWith('status-')) node.classList.remove(c); });
    node.classList.add(`status-${s.css}`);
    node.querySelector('.icon').textContent = s.icon;
    node.querySelector('.word').textContent = s.word;
    node.querySelector('.figures').textContent = s.figures;
    const label = node.getAttribute('aria-label').split(', ');
    node.setAttribute('aria-label', [label[0], label[1], s.word, s.figures].filter(Boolean).join(', '));
  }
  const badge = document.querySelector('#execution-status .badge');
  badge.className = `badge exec-${update.status.toLowerCase()}`;
  badge.dataset.status = update.status;
  badge.querySelector('.icon').textContent = update.statusIcon;
  badge.querySelector('.word').textContent = update.status;
  document.querySelector('#stop').disabled = update.finished;
  document.querySelector('#redrive').disabled = !update.finished || update.status === 'SUCCEEDED';
  if (update.reloadTimeline) {
    loadTimeline();
  } else {
    prependEvents(update.events);
  }
  lastEventId = Math.max(lastEventId, update.lastEventId);
  refreshPanel(update.finished);
}

// an open state panel follows too: at most once a second, and always with the last update
let panelRefreshedAt = 0;
let panelTimer = null;
function refreshPanel(now) {
  const open = document.querySelector('#panel');
  if (!open) return;
  const wait = now ? 0 : Math.max(0, 1000 - (Date.now() - panelRefreshedAt));
  clearTimeout(panelTimer);
  panelTimer = setTimeout(() => {
    panelRefreshedAt = Date.now();
    showState(open.querySelector('#panel-title span').textContent, currentPanelQuery, false);
  }, wait);
}

// the state panel: fetched as an HTML fragment, so the permalink and the no-script page are the same markup
let currentPanelQuery = new URLSearchParams(location.search);
async function showState(name, query = inNamespace(), push = true) {
  query.set('state', name);
  const params = new URLSearchParams(query);
  params.delete('state');
  const response = await fetch(`/console/executions/${id}/states/${encodeURIComponent(name)}?${params}`);
  if (!response.ok) return;
  const box = document.querySelector('#panel-box');
  const focused = document.activeElement?.closest('#panel-box') !== null;
  box.innerHTML = await response.text();
  currentPanelQuery = query;
  document.querySelectorAll('#graph .selected').forEach((n) => n.classList.remove('selected'));
  document.querySelector(`#graph [data-state="${CSS.escape(name)}"]`)?.classList.add('selected');
  if (push) {
    history.replaceState(null, '', `?${query}`);
    box.querySelector('h2')?.setAttribute('tabindex', '-1');
    if (!focused) box.querySelector('h2')?.focus({ preventScroll: true });
  }
}

document.addEventListener('click', (event) => {
  const state = event.target.closest('#graph a.state, a.state-link');
  const iterations = event.target.closest('a.iterations-link');
  if (state) {
    event.preventDefault();
    showState(state.dataset.state);
  } else if (iterations) {
    event.preventDefault();
    const query = new URL(iterations.href).searchParams;
    showState(query.get('state'), query);
  }
});

// stop and redrive: a <dialog> asks first, then the REST API does it
for (const button of document.querySelectorAll('[data-confirm]')) {
  button.addEventListener('click', () => {
    const dialog = document.querySelector(button.dataset.confirm);
    dialog.addEventListener('close', async () => {
      if (dialog.returnValue !== 'confirm') return;
      const message = document.querySelector('#action-message');
      // signed in to the console (authentication on): the session cookie goes along, and its CSRF token with it
      const csrf = document.querySelector('meta[name="csrf-token"]')?.content;
      const response = await fetch(`${api}/${button.id}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...apiHeaders, ...(csrf ? { 'X-CSRF-TOKEN': csrf } : {}) },
        body: '{}',
        credentials: 'same-origin',
      });
      const body = await response.json().catch(() => ({ detail: `${response.status} ${response.statusText}` }));
      message.textContent = response.ok ? `${button.id === 'stop' ? 'Stopped' : 'Redriven'}: ${body.status}`
        : `Refused: ${body.detail}`;
      if (response.ok) {
        document.querySelector('#failure')?.setAttribute('hidden', '');
        loadTimeline();
        listen();
      }
    }, { once: true });
    dialog.showModal();
  });
}

// the timeline: newest first from the REST API, older pages on demand, new events from the stream
const timeline = document.querySelector('#timeline tbody');
const older = document.querySelector('#older-events');
let olderCursor = null;

function row(e) {
  const tr = document.createElement('tr');
  tr.dataset.event = e.id;
  const summary = e.summary ?? ['name', 'index', 'resource', 'error', 'cause']
    .filter((f) => e.details?.[f] != null).map((f) => e.details[f]).join(' · ');
  for (const text of [e.id, e.timestamp, e.type, summary]) {
    const td = document.createElement('td');
    td.textContent = text;
    tr.append(td);
  }
  if (/Failed|TimedOut|Aborted/.test(e.type)) tr.classList.add('failed-event');
  return tr;
}

function prependEvents(events) {
  const shown = Number(timeline.firstElementChild?.dataset.event || 0);
  for (const e of events) {
    if (e.id > shown) timeline.prepend(row(e));
  }
}

async function loadTimeline(cursor = null) {
  const response = await fetch(`${api}/history?reverse=true&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    { headers: apiHeaders });
  if (!response.ok) return;
  const page = await response.json();
  if (!cursor) timeline.replaceChildren();
  for (const e of page.events) timeline.append(row(e));
  olderCursor = page.nextCursor;
  older.hidden = !olderCursor;
}
older.addEventListener('click', () => loadTimeline(olderCursor));

loadTimeline();
if (main.dataset.finished !== 'true') listen();
