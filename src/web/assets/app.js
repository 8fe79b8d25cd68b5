// crisis-sim exercise console: one small script for every role's page, no framework and
// no build step. It lays out the JSON view the server sends over Server-Sent Events,
// always through text nodes (never innerHTML), and posts commands as JSON. The page's
// URL carries the role's token; every relative URL below stays under it.
'use strict';

/** Builds an element: `attrs` are properties (`on*` are listeners); children are nodes or text. */
function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'class') node.className = value;
    else if (key === 'for') node.htmlFor = value;
    else if (key.startsWith('aria-') || key.startsWith('data-') || key === 'role') node.setAttribute(key, String(value));
    else node[key] = value;
  }
  for (const child of children.flat()) if (child !== undefined && child !== null && child !== false) node.append(child instanceof Node ? child : String(child));
  return node;
}

const $ = (id) => document.getElementById(id);
let built = null;
const shown = new Map();

/** Re-renders a region only when its data changed, so forms elsewhere keep what is typed. */
function region(node, data, render) {
  const key = JSON.stringify(data);
  if (shown.get(node) === key) return;
  shown.set(node, key);
  node.replaceChildren(...[render(data)].flat());
}

function say(text, isError) {
  const toast = $('toast');
  toast.textContent = text;
  toast.className = isError ? 'toast error' : 'toast';
}

async function send(command) {
  try {
    const response = await fetch('command', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(command) });
    const answer = await response.json().catch(() => ({ error: `the server answered ${response.status}` }));
    if (answer.error) say(`Refused: ${answer.error}`, true);
    else say(answer.ok, false);
    return !answer.error;
  } catch {
    say('The server cannot be reached; the page reconnects by itself.', true);
    return false;
  }
}

function section(title, ...content) {
  const id = `h-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), ...content);
}

function table(caption, header, rows) {
  if (rows.length === 0) return h('p', { class: 'quiet' }, `${caption}: none.`);
  return h('table', {}, h('caption', {}, caption), h('thead', {}, h('tr', {}, header.map((cell) => h('th', { scope: 'col' }, cell)))), h('tbody', {}, rows.map((row) => h('tr', {}, row.map((cell) => h('td', {}, cell))))));
}

let fields = 0;
function field(label, control) {
  const id = `field-${++fields}`;
  control.id = id;
  return h('p', { class: 'field' }, h('label', { for: id }, label), control);
}

function situation(view) {
  const s = view.situation;
  return [
    h('p', { class: 'coverage' }, `Needs met: ${s.coveragePercent}%`),
    table('Need and units in theatre per capability', ['capability', 'need now', 'units in theatre'], s.needs.map((row) => [row.capability, row.needNow, String(row.unitsInTheatre)])),
  ];
}

function injectCard(inject) {
  const meta = [inject.from && `from ${inject.from}`, inject.to && `to ${inject.to}`, inject.mode].filter(Boolean).join(', ');
  return h('li', { class: 'inject' }, h('p', { class: 'inject-time' }, inject.time), h('p', { class: 'inject-title' }, inject.title), meta && h('p', { class: 'quiet' }, meta), inject.description && h('p', {}, inject.description));
}

function decisionForm(decision, recommended) {
  const name = `decision-${decision.id}`;
  const legend = `Decision #${decision.id} for ${decision.nation}: ${decision.kind}${decision.subject ? `, about ${decision.subject}` : ''} (asked ${decision.askedAt})`;
  const choices = decision.options.map((option, index) => {
    const id = `${name}-${index}`;
    const mark = recommended === option.value ? " (engine's choice)" : '';
    return h('p', { class: 'option' }, h('input', { type: 'radio', name, id, value: option.value, required: true }), h('label', { for: id }, h('strong', {}, option.value), ` ${option.consequence}${mark}`));
  });
  return h(
    'form',
    {
      class: 'decision',
      onsubmit: (event) => {
        event.preventDefault();
        const chosen = event.target.querySelector('input[type=radio]:checked');
        if (chosen) void send({ type: 'decide', decision: decision.id, choice: chosen.value });
      },
    },
    h('fieldset', {}, h('legend', {}, legend), h('p', {}, decision.question), choices, h('button', { type: 'submit' }, `Send decision #${decision.id}`)),
  );
}

function textForm(label, buttonText, toCommand, extra) {
  const area = h('textarea', { rows: 3, maxLength: 2000, required: true });
  return h(
    'form',
    {
      onsubmit: async (event) => {
        event.preventDefault();
        if (await send(toCommand(area.value.trim()))) area.value = '';
      },
    },
    extra || '',
    field(label, area),
    h('button', { type: 'submit' }, buttonText),
  );
}

// ---- team -----------------------------------------------------------------------------

function buildTeam() {
  const parts = { decisions: h('div'), injects: h('div'), nation: h('div'), situation: h('div'), messages: h('div') };
  $('app').replaceChildren(
    section('Decisions waiting for your team', parts.decisions),
    section('Injects for your team', parts.injects),
    section('Your nation', parts.nation),
    section('Situation', parts.situation),
    section('Message to the controller', textForm('Your message', 'Send message', (text) => ({ type: 'message', text })), parts.messages),
  );
  return (view) => {
    $('title').textContent = `Team ${view.nation.name}`;
    region(parts.decisions, view.decisions, (list) => (list.length === 0 ? h('p', { class: 'quiet' }, 'No decision is waiting for your team.') : list.map((d) => decisionForm(d))));
    region(parts.injects, view.injects, (list) => (list.length === 0 ? h('p', { class: 'quiet' }, 'No inject has reached your team yet.') : h('ol', { class: 'injects', reversed: true }, list.map(injectCard))));
    region(parts.nation, { nation: view.nation, assets: view.assets }, ({ nation, assets }) => [
      h('p', {}, `${nation.name} (${nation.id}), ${nation.role}: ${nation.state}${nation.stallCause ? ` (held up by ${nation.stallCause})` : ''}.`),
      h('p', {}, `In theatre: ${nation.unitsInTheatre}. Budget left: ${nation.budgetMusd} MUSD.${nation.hostPolicy ? ` Consent policy: ${nation.hostPolicy}.` : ''}`),
      table('Assets', ['capability', 'units', 'military'], assets.map((a) => [a.capability, String(a.units), a.military ? 'yes' : 'no'])),
    ]);
    region(parts.situation, view.situation, () => situation(view));
    region(parts.messages, view.messages, (list) => table('Messages sent', ['time', 'message'], list.map((m) => [m.time, m.text])));
  };
}

// ---- controller -----------------------------------------------------------------------

function buildController() {
  const parts = { pace: h('div'), teams: h('div'), decisions: h('div'), msel: h('div'), notes: h('div'), log: h('div'), end: h('div'), situation: h('div'), args: h('div') };
  const hours = h('input', { type: 'number', min: '0.1', step: '0.1', value: '6' });
  const rate = h('input', { type: 'number', min: '0.1', max: '60', step: '0.1', value: '1' });
  const effect = h('select', { onchange: () => renderArgs() });
  const title = h('input', { type: 'text', maxLength: 200, required: true });
  const to = h('input', { type: 'text', maxLength: 200 });
  const expected = h('input', { type: 'text', maxLength: 500 });
  let form = null;
  const renderArgs = () => {
    const chosen = form && form.effects.find((candidate) => candidate.type === effect.value);
    parts.args.replaceChildren(...(chosen ? chosen.args.map((arg) => field(arg, h('input', { type: 'text', required: true, 'data-arg': arg, maxLength: 64 }))) : []));
  };
  const injectForm = h(
    'form',
    {
      onsubmit: async (event) => {
        event.preventDefault();
        const args = [...parts.args.querySelectorAll('input')].map((input) => input.value.trim());
        if (await send({ type: 'inject', effect: effect.value, args, title: title.value, to: to.value, expectedAction: expected.value })) {
          title.value = '';
          expected.value = '';
        }
      },
    },
    field('Effect', effect),
    parts.args,
    field('Title (read out to the room)', title),
    field('To (team ids or "All players")', to),
    field('Expected action', expected),
    h('button', { type: 'submit' }, 'Deliver inject now'),
  );
  $('app').replaceChildren(
    section(
      'Clock',
      h('div', { class: 'buttons' },
        h('button', { type: 'button', onclick: () => send({ type: 'advance', to: 'decision' }) }, 'Step to the next decision'),
        h('button', { type: 'button', onclick: () => send({ type: 'advance', to: 'inject' }) }, 'Step to the next inject'),
      ),
      h('form', { class: 'inline', onsubmit: (event) => { event.preventDefault(); void send({ type: 'advance', to: 'hours', hours: Number(hours.value) }); } }, field('Advance by (simulated hours)', hours), h('button', { type: 'submit' }, 'Advance')),
      h('form', { class: 'inline', onsubmit: (event) => { event.preventDefault(); void send({ type: 'pace', running: true, simHoursPerWallMinute: Number(rate.value) }); } },
        field('Pace (simulated hours per minute)', rate), h('button', { type: 'submit' }, 'Run paced'), h('button', { type: 'button', onclick: () => send({ type: 'pace', running: false }) }, 'Pause')),
      parts.pace,
    ),
    section('Teams', parts.teams),
    section('Decisions waiting', parts.decisions),
    section('MSEL', parts.msel),
    section('Write a live inject', injectForm),
    section('Notes and messages', textForm('Note for the log', 'Add note', (text) => ({ type: 'note', text })), parts.notes),
    section('Log', h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: () => send({ type: 'undo' }) }, 'Undo the last decision')), parts.log),
    section('End of exercise', parts.end),
    section('Situation', parts.situation),
  );
  return (view) => {
    $('title').textContent = `Controller: ${view.situation.scenarioName}`;
    if (!form) {
      form = view.form;
      effect.replaceChildren(...form.effects.map((e) => h('option', { value: e.type }, `${e.type}: ${e.example.replace(/^inject /, '')}`)));
      renderArgs();
    }
    region(parts.pace, view.pace, (pace) => h('p', {}, pace.running ? `Paced clock running: ${pace.simHoursPerWallMinute} simulated h per minute.` : `Clock stopped${pace.stoppedBecause ? `: ${pace.stoppedBecause}` : ''}.`));
    region(parts.teams, view.teams, (teams) => table('Who owes an answer', ['team', 'state', 'decisions owed'], teams.map((t) => [`${t.name} (${t.nation})`, t.state, t.owes.length ? t.owes.map((id) => `#${id}`).join(', ') : 'none'])));
    region(parts.decisions, view.decisions, (list) => (list.length === 0 ? h('p', { class: 'quiet' }, 'No decision is waiting.') : list.map((d) => decisionForm(d, d.recommended))));
    region(parts.msel, view.msel, (rows) =>
      rows.length === 0 ? h('p', { class: 'quiet' }, 'The scenario has no injects.') :
      h('table', {}, h('caption', {}, 'Injects: status, time, addressee, expected action'),
        h('thead', {}, h('tr', {}, ['inject', 'scheduled', 'status', 'title', 'to', 'expected action', ''].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows.map((row) => h('tr', { class: `status-${row.status.replace(/ /g, '-')}` },
          h('td', {}, row.id), h('td', {}, row.scheduled), h('td', {}, row.status + (row.deliveredAt ? ` ${row.deliveredAt}` : '')), h('td', {}, row.title), h('td', {}, row.to), h('td', {}, row.expectedAction),
          h('td', {}, row.status === 'pending' ? h('button', { type: 'button', onclick: () => send({ type: 'fire', inject: row.id }) }, `Deliver ${row.id} now`) : ''))))));
    region(parts.notes, view.notes, (notes) => table('Notes, team messages and observations', ['time', 'kind', 'from', 'text'], notes.map((n) => [n.time, n.kind, n.nation || n.inject || '', n.text])));
    region(parts.log, view.log, (log) => table('Latest log lines', ['time', 'action'], log.map((line) => [line.time, line.text])));
    region(parts.end, { handOuts: view.handOuts, ended: view.situation.ended }, ({ handOuts }) =>
      handOuts
        ? h('p', {}, 'The exercise has ended. ', h('a', { href: handOuts.report }, 'After-action report'), ' and ', h('a', { href: handOuts.debrief }, 'drill debrief'), '.')
        : h('button', { type: 'button', onclick: () => { if (window.confirm('End the exercise and write the after-action report?')) void send({ type: 'end' }); } }, 'End exercise and write the after-action report'));
    region(parts.situation, view.situation, () => situation(view));
  };
}

// ---- evaluator ------------------------------------------------------------------------

function buildEvaluator() {
  const parts = { checklist: h('div'), decisions: h('div'), observations: h('div') };
  const about = h('select');
  $('app').replaceChildren(
    section('Expected actions of delivered injects', parts.checklist),
    section('Record an observation', textForm('What the team did', 'Record observation', (text) => ({ type: 'observation', text, ...(about.value ? { inject: about.value } : {}) }), field('About inject', about))),
    section('Team decisions', parts.decisions),
    section('Observations', parts.observations),
  );
  return (view) => {
    $('title').textContent = `Evaluator: ${view.situation.scenarioName}`;
    region(parts.checklist, view.checklist, (items) => {
      const chosen = about.value;
      about.replaceChildren(h('option', { value: '' }, '(no particular inject)'), ...items.map((item) => h('option', { value: item.id }, `${item.id}: ${item.title}`)));
      about.value = items.some((item) => item.id === chosen) ? chosen : '';
      return items.length === 0 ? h('p', { class: 'quiet' }, 'No inject delivered yet.') :
        h('ol', { class: 'injects' }, items.map((item) => h('li', { class: 'inject' },
          h('p', { class: 'inject-time' }, `${item.time}, ${item.id}${item.to ? `, to ${item.to}` : ''}`), h('p', { class: 'inject-title' }, item.title),
          h('p', {}, `Expected action: ${item.expectedAction || '(none written)'}`), item.objective && h('p', {}, `Objective: ${item.objective}`), item.notes && h('p', { class: 'quiet' }, item.notes),
          item.observations.length ? h('ul', {}, item.observations.map((text) => h('li', {}, text))) : h('p', { class: 'quiet' }, 'Not observed yet.'))));
    });
    region(parts.decisions, view.decisions, (list) => table('Decisions the teams took', ['time', 'team', 'decision', 'choice'], list.map((d) => [d.time, d.nation, d.kind, d.choice])));
    region(parts.observations, view.observations, (list) => table('Observations recorded', ['time', 'inject', 'observation'], list.map((o) => [o.time, o.inject, o.text])));
  };
}

// ---- projector ------------------------------------------------------------------------

function buildProjector() {
  document.body.classList.add('projector');
  const parts = { situation: h('div'), injects: h('div'), charts: h('div', { class: 'charts' }) };
  $('app').replaceChildren(section('Situation', parts.situation), section('Latest injects', parts.injects), section('Charts', parts.charts));
  return (view) => {
    $('title').textContent = view.situation.scenarioName;
    region(parts.situation, view.situation, () => situation(view));
    region(parts.injects, view.latestInjects, (list) => (list.length === 0 ? h('p', { class: 'quiet' }, 'No inject yet.') : h('ol', { class: 'injects' }, list.map(injectCard))));
    region(parts.charts, { charts: view.charts, version: view.version }, ({ charts, version }) =>
      charts.length === 0 ? h('p', { class: 'quiet' }, 'The charts appear once the clock moves.') : charts.map((chart) => h('img', { src: `chart/${chart.name}.svg?v=${version}`, alt: chart.alt, class: 'chart' })));
  };
}

const BUILDERS = { team: buildTeam, controller: buildController, evaluator: buildEvaluator, projector: buildProjector };

function render(view) {
  if (!built) built = BUILDERS[view.role]();
  $('clock').textContent = `${view.situation.clock.label}${view.situation.ended ? ', exercise ended' : view.situation.clock.atHorizon ? ', at the horizon' : ''}`;
  built(view);
  document.body.dataset.version = String(view.version);
}

/** The live stream: EventSource reconnects by itself; if the browser gives up, start it again. */
function connect() {
  const source = new EventSource('events');
  source.addEventListener('state', (event) => render(JSON.parse(event.data)));
  source.addEventListener('open', () => { $('connection').textContent = 'live'; document.body.dataset.live = 'yes'; });
  source.addEventListener('error', () => {
    $('connection').textContent = 'reconnecting...';
    document.body.dataset.live = 'no';
    if (source.readyState === EventSource.CLOSED) setTimeout(connect, 2000);
  });
}

connect();
