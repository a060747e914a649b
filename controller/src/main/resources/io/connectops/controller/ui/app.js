// connectops dashboard: reads the documented /status API (and /api/resource for one resource), polls /api/version
// once a second and re-reads only when something changed. Every text from the server goes in with textContent.
'use strict';

const PAGE = 100;
const HEALTH_ORDER = { Degraded: 0, Missing: 1, Progressing: 2, Suspended: 3, Healthy: 4 };
const SYNC_ORDER = { OutOfSync: 0, Unknown: 1, Synced: 2 };
// Keys Connect or connectops add on the cluster: live only, never a difference; the Declared cell says where they come from.
const ADDED_ON_CLUSTER = new Map([['name', 'metadata.name'], ['connectops.io/owner', 'set by connectops']]);
let status = null;
let version = null;
let page = 0;
let token = sessionStorage.getItem('connectops.token');

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === 'class') node.className = v; else if (k === 'href') node.setAttribute('href', v); else node.setAttribute(k, v);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path) {
  const headers = token ? { Authorization: 'Bearer ' + token } : {};
  const response = await fetch(path, { headers, cache: 'no-store' });
  if (response.status === 401) {
    $('auth').hidden = false;
    throw new Error('unauthorized');
  }
  if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
  return response;
}

function kindOf(r) {
  const slash = r.connector.indexOf('/');
  if (!r.cluster.startsWith('kafka/') || slash < 0) return 'Connector';
  const k = r.connector.substring(0, slash);
  return k === 'acl' ? 'Acl' : k.charAt(0).toUpperCase() + k.slice(1);
}

// Running tasks of all, as the CLI's status writes it: a connector with no tasks (stopped, or a mirror with nothing to
// copy yet) is 0/0; other kinds have no tasks.
function tasksOf(r) {
  if (kindOf(r) !== 'Connector') return '';
  const tasks = r.tasks || [];
  return tasks.filter((t) => t.state === 'RUNNING').length + '/' + tasks.length;
}

function nameOf(r) {
  return kindOf(r) === 'Connector' ? r.connector : r.connector.substring(r.connector.indexOf('/') + 1);
}

function revisionInfo(sha) {
  if (!sha || !status) return null;
  return (status.revisions || []).find((x) => x.sha === sha) || { sha };
}

function shortSha(sha) { return sha ? sha.substring(0, 12) : ''; }

function ago(iso) {
  if (!iso) return '';
  const s = Math.round((Date.now() - Date.parse(iso)) / 1000);
  if (s < 60) return s + ' s ago';
  if (s < 3600) return Math.round(s / 60) + ' min ago';
  if (s < 86400) return Math.round(s / 3600) + ' h ago';
  return Math.round(s / 86400) + ' d ago';
}

function chip(text) { return el('span', { class: 'chip ' + text }, text); }

function problemsFirst(a, b) {
  return (HEALTH_ORDER[a.health] ?? 9) - (HEALTH_ORDER[b.health] ?? 9)
    || (SYNC_ORDER[a.sync] ?? 9) - (SYNC_ORDER[b.sync] ?? 9)
    || (a.cluster < b.cluster ? -1 : a.cluster > b.cluster ? 1 : 0) || (a.connector < b.connector ? -1 : a.connector > b.connector ? 1 : 0);
}

// Sorted once per status read, with what the filters look at computed once: paging and typing only filter.
let sorted = [];
function prepare() {
  sorted = status.resources.map((r) => ({ r, kind: kindOf(r), text: (r.connector + ' ' + (r.message || '') + ' ' + (r.lastError || '')).toLowerCase() }))
    .sort((a, b) => problemsFirst(a.r, b.r));
}

function filtered() {
  const q = $('q').value.trim().toLowerCase();
  const cluster = $('f-cluster').value, kind = $('f-kind').value, health = $('f-health').value, sync = $('f-sync').value;
  const out = [];
  for (const x of sorted) {
    const r = x.r;
    if ((!cluster || r.cluster === cluster) && (!kind || x.kind === kind) && (!health || r.health === health) && (!sync || r.sync === sync)
        && (!q || x.text.includes(q))) out.push(r);
  }
  return out;
}

function fillSelect(select, values) {
  const chosen = select.value;
  const keep = select.options[0];
  select.replaceChildren(keep, ...values.map((v) => el('option', { value: v }, v)));
  select.value = values.includes(chosen) ? chosen : '';
}

function renderCounts() {
  const counts = (field) => status.resources.reduce((m, r) => (m[r[field]] = (m[r[field]] || 0) + 1, m), {});
  const sync = counts('sync'), health = counts('health');
  const boxes = [['Resources', status.resources.length, '']];
  for (const s of ['Synced', 'OutOfSync', 'Unknown']) if (sync[s]) boxes.push([s, sync[s], s]);
  for (const h of ['Healthy', 'Progressing', 'Degraded', 'Suspended', 'Missing']) if (health[h]) boxes.push([h, health[h], h]);
  $('counts').replaceChildren(...boxes.map(([label, n, cls]) => el('div', { class: 'count', 'data-count': label },
    el('b', { class: cls }, n.toLocaleString('en')), label)));
}

function renderController() {
  const applied = revisionInfo(status.lastAppliedRevision);
  const rejected = status.lastError && status.lastAttemptedRevision ? revisionInfo(status.lastAttemptedRevision) : null;
  const rows = [
    ['Source', (status.repository || '') + (status.branch ? ' @ ' + status.branch : '') + (status.path ? ' /' + status.path : '')],
    ['Last fetch', status.lastFetch ? ago(status.lastFetch) + (status.fetchError ? ' — failing: ' + status.fetchError : '') : 'not yet'],
    ['Applied', applied ? shortSha(applied.sha) + (applied.message ? ' ' + applied.message : '') + (applied.author ? ' — ' + applied.author : '')
      + (applied.time ? ', ' + ago(applied.time) : '') : 'nothing yet'],
  ];
  if (rejected) rows.push(['Rejected', shortSha(rejected.sha) + (rejected.message ? ' ' + rejected.message : '') + ': ' + status.lastError]);
  rows.push(['Leadership', status.leader ? 'leader' : 'standby']);
  rows.push(['Clusters', (status.clusters || []).map((c) => c.name + (c.ok ? ' ✓' : c.lastReconcile ? ' ✗ ' + (c.error || '') : ' …')).join('; ') || 'none']);
  $('controller').replaceChildren(el('dl', {}, ...rows.flatMap(([k, v]) => [el('dt', {}, k),
    el('dd', { 'data-field': k.toLowerCase().replace(' ', '-'), class: k === 'Rejected' ? 'OutOfSync' : null }, v)])));
  $('controller-line').textContent = status.leader ? '' : '(standby: the leader acts)';
}

function renderTable() {
  const rows = filtered();
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  page = Math.min(page, pages - 1);
  const slice = rows.slice(page * PAGE, page * PAGE + PAGE);
  const body = $('resources').tBodies[0];
  body.replaceChildren(...slice.map((r) => {
    const rev = revisionInfo(r.lastAppliedRevision);
    const link = '#/resource/' + encodeURIComponent(r.cluster) + '/' + encodeURIComponent(r.connector);
    return el('tr', { 'data-resource': r.cluster + '/' + r.connector },
      el('td', {}, r.cluster), el('td', {}, kindOf(r)), el('td', {}, el('a', { href: link }, nameOf(r))),
      el('td', { class: 'sync' }, chip(r.sync)), el('td', { class: 'health' }, chip(r.health)),
      el('td', { class: 'tasks' }, tasksOf(r)),
      el('td', {}, r.restartCount || 0),
      el('td', { title: rev && rev.message ? rev.message : '' }, rev ? shortSha(rev.sha) + (rev.time ? ' · ' + ago(rev.time) : '') : ''),
      el('td', { class: 'msg' }, r.lastError || r.message || ''));
  }));
  // One page: a count, no buttons that do nothing.
  $('page').textContent = !rows.length ? 'nothing matches' : pages === 1 ? rows.length.toLocaleString('en') + (rows.length === 1 ? ' resource' : ' resources')
    : (page * PAGE + 1).toLocaleString('en') + '–' + Math.min(rows.length, page * PAGE + PAGE).toLocaleString('en') + ' of ' + rows.length.toLocaleString('en');
  $('prev').hidden = $('next').hidden = pages === 1;
  $('prev').disabled = page === 0;
  $('next').disabled = page >= pages - 1;
}

function renderOverview() {
  fillSelect($('f-cluster'), [...new Set(status.resources.map((r) => r.cluster))].sort());
  fillSelect($('f-kind'), [...new Set(sorted.map((x) => x.kind))].sort());
  fillSelect($('f-health'), Object.keys(HEALTH_ORDER));
  fillSelect($('f-sync'), Object.keys(SYNC_ORDER));
  renderCounts();
  renderController();
  renderTable();
}

function configTable(declared, live) {
  const keys = [...new Set([...Object.keys(declared || {}), ...Object.keys(live || {})])].sort();
  if (!keys.length) return el('p', { class: 'muted' }, 'no configuration known');
  return el('div', { class: 'table-wrap' }, el('table', { id: 'config' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Key'), el('th', {}, 'Declared'), el('th', {}, 'Live'))),
    el('tbody', {}, ...keys.map((k) => {
      const d = declared ? declared[k] : undefined, l = live ? live[k] : undefined;
      const added = d === undefined && ADDED_ON_CLUSTER.has(k);
      return el('tr', { class: declared && live && d !== l && !ADDED_ON_CLUSTER.has(k) ? 'differs' : null }, el('td', {}, k),
        added ? el('td', { class: 'muted' }, ADDED_ON_CLUSTER.get(k)) : el('td', {}, d ?? '—'), el('td', {}, l ?? '—'));
    }))));
}

let shownDetail = null;
async function renderResource(cluster, name) {
  const view = $('resource');
  let detail;
  try {
    const text = await (await api('/api/resource?cluster=' + encodeURIComponent(cluster) + '&name=' + encodeURIComponent(name))).text();
    if (text === shownDetail && view.childElementCount) return; // unchanged: the page stays as it is (a selection, a scroll)
    shownDetail = text;
    detail = JSON.parse(text);
  } catch (e) {
    view.replaceChildren(el('p', {}, el('a', { href: '#/' }, '‹ All resources')), el('p', { class: 'OutOfSync' }, String(e.message)));
    return;
  }
  const r = detail.status || { sync: 'Unknown', health: 'Missing', tasks: [] };
  const rev = revisionInfo(r.lastAppliedRevision);
  const parts = [el('p', {}, el('a', { href: '#/' }, '‹ All resources')),
    el('h2', { id: 'resource-title' }, (detail.kind || 'Resource') + ' ' + name + ' on ' + cluster),
    el('p', {}, chip(r.sync), ' ', chip(r.health), r.state ? ' ' + r.state : '', r.restartCount ? ' · ' + r.restartCount + ' restart(s)' : '')];
  if (detail.file) {
    parts.push(el('p', { id: 'declared-at' }, 'Declared in ', el('code', {}, detail.file + (detail.line ? ':' + detail.line : '')),
      rev ? ' at ' + shortSha(rev.sha) + (rev.message ? ' (' + rev.message + ')' : '') : ''));
  }
  if (r.lastError) parts.push(el('p', { class: 'OutOfSync' }, r.lastError));
  if (r.message) parts.push(el('p', { class: 'muted', id: 'health-message' }, r.message));
  if (detail.diff && detail.diff.length) {
    parts.push(el('h2', {}, 'What differs'), el('table', { id: 'diff' }, el('tbody', {}, ...detail.diff.map((k) =>
      el('tr', { class: 'diff-' + k.kind.toLowerCase() }, el('td', {}, k.kind.toLowerCase()), el('td', {}, k.key),
        el('td', {}, k.before ?? ''), el('td', {}, '→'), el('td', {}, k.after ?? ''))))));
  }
  if (r.tasks && r.tasks.length) {
    parts.push(el('h2', {}, 'Tasks'), el('table', { id: 'tasks' }, el('tbody', {}, ...r.tasks.map((t) =>
      el('tr', {}, el('td', {}, '#' + t.id), el('td', {}, chip(t.state)), el('td', {}, t.workerId || ''), el('td', { class: 'msg' }, t.trace || ''))))));
  }
  parts.push(el('h2', {}, 'Configuration'), configTable(detail.declared, detail.live));
  const events = (detail.events || []).slice().reverse();
  parts.push(el('h2', {}, 'Events'), events.length ? el('table', { id: 'events' }, el('tbody', {}, ...events.map((e) =>
    el('tr', {}, el('td', {}, ago(e.time)), el('td', {}, e.reason), el('td', { class: 'msg' }, e.message))))) : el('p', { class: 'muted' }, 'none'));
  view.replaceChildren(...parts);
}

function route() {
  const m = location.hash.match(/^#\/resource\/([^/]+)\/(.+)$/);
  $('overview').hidden = !!m;
  $('resource').hidden = !m;
  if (m) renderResource(decodeURIComponent(m[1]), decodeURIComponent(m[2]));
  else if (status) renderOverview();
}

async function refresh() {
  try {
    const v = await (await api('/api/version')).text();
    $('live').className = 'live on';
    $('live-label').textContent = 'live';
    if (v === version && status) return;
    status = await (await api('/status')).json();
    version = v;
    prepare();
    route();
  } catch (e) {
    $('live').className = 'live off';
    $('live-label').textContent = 'not updating: the controller does not answer';
  }
}

function start() {
  const fromHash = location.hash.match(/token=([^&]+)/);
  if (fromHash) {
    token = decodeURIComponent(fromHash[1]);
    sessionStorage.setItem('connectops.token', token);
    history.replaceState(null, '', location.pathname + '#/');
  }
  $('auth-form').addEventListener('submit', (e) => {
    e.preventDefault();
    token = $('token').value;
    sessionStorage.setItem('connectops.token', token);
    $('auth').hidden = true;
    refresh();
  });
  for (const id of ['q', 'f-cluster', 'f-kind', 'f-health', 'f-sync']) $(id).addEventListener('input', () => { page = 0; renderTable(); });
  $('prev').addEventListener('click', () => { page--; renderTable(); });
  $('next').addEventListener('click', () => { page++; renderTable(); });
  window.addEventListener('hashchange', route);
  refresh();
  setInterval(refresh, 1000);
}

start();
