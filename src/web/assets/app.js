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
  node.replaceChildren(...[render(data)].flat(Infinity).filter((child) => child !== undefined && child !== null && child !== false && child !== ''));
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
    if (answer.confirm) return window.confirm(answer.confirm) ? send(answer.command) : (say('Not run.', false), false);
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
    h('p', { class: 'coverage' }, `Needs met: ${s.coveragePercent}%${s.acutePhaseOver ? ' (acute phase over)' : ''}`),
    table('Need and units in theatre per capability', ['capability', 'need now', 'units in theatre'], s.needs.map((row) => [row.capability, row.needNow.toFixed(1), String(row.unitsInTheatre)])),
    s.stalled.length > 0 && table('Held up', ['nation', 'state', 'since', 'cause'], s.stalled.map((row) => [row.nation, words(row.state), `T+${row.sinceHours.toFixed(1)} h`, row.cause])),
    s.hosts.length > 0 && h('p', {}, `Consent: ${s.hosts.map((host) => `${host.host} ${host.policy}`).join('; ')}.`),
  ];
}

const words = (camel) => camel.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

function moduleLine(view) {
  if (view.moduleEnded) return h('div', { class: 'module-end' }, h('p', { class: 'inject-title' }, `End of module: ${view.moduleEnded.title}. Discussion questions:`), h('ol', {}, view.moduleEnded.questions.map((q) => h('li', {}, q))));
  return view.module ? h('p', { class: 'quiet' }, `Module: ${view.module.title} (ends T+${view.module.endHours} h)`) : '';
}

function injectCard(inject, ...extra) {
  const meta = [inject.from && `from ${inject.from}`, inject.to && `to ${inject.to}`, inject.mode].filter(Boolean).join(', ');
  const staff = inject.controller;
  return h('li', { class: 'inject' }, h('p', { class: 'inject-time' }, `${inject.clock.text}, ${inject.id}`), h('p', { class: 'inject-title' }, inject.title), meta && h('p', { class: 'quiet' }, meta), inject.message && h('p', {}, inject.message),
    staff && h('p', {}, `Expected action: ${staff.expectedAction || '(none written)'}`), staff && staff.tasks.length > 0 && h('p', {}, `Critical tasks: ${staff.tasks.join(', ')}`), staff && staff.notes && h('p', { class: 'quiet' }, staff.notes), ...extra);
}

function decisionForm(decision) {
  const name = `decision-${decision.id}`;
  const legend = `Decision #${decision.id} for ${decision.nationName} (${decision.nation}): ${words(decision.kind)}${decision.subject ? `, about ${decision.subject}` : ''}, asked ${decision.askedAt.text}`;
  const choices = decision.options.map((option, index) => {
    const id = `${name}-${index}`;
    const mark = decision.engineChoice === option.option ? " (engine's choice)" : '';
    return h('p', { class: 'option' }, h('input', { type: 'radio', name, id, value: option.option, required: true }), h('label', { for: id }, h('strong', {}, option.option), ` ${option.consequence}${mark}`));
  });
  const expected = decision.expectedAction && h('p', {}, `MSEL expects (inject ${decision.expectedAction.injectId}): ${decision.expectedAction.action}`);
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
    h('fieldset', {}, h('legend', {}, legend), h('p', {}, decision.question), decision.detail && h('p', { class: 'quiet' }, `Engine's reasoning: ${decision.detail}`), expected, choices, h('button', { type: 'submit' }, `Send decision #${decision.id}`)),
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
  const parts = { decisions: h('div'), injects: h('div'), nation: h('div'), situation: h('div'), messages: h('div'), actions: h('div') };
  $('app').replaceChildren(
    section('Decisions waiting for your team', parts.decisions),
    section('Injects for your team', parts.injects),
    section('Act in your own words', h('p', { class: 'quiet' }, 'Say what your team does. Where it matches an engine lever (e.g. "propose a hotline with Haiti", "add 20 MUSD"), it takes effect; otherwise it is logged for the after-action report.'),
      textForm('What your team does', 'Record action', (text) => ({ type: 'act', text })), parts.actions),
    section('Your nation', parts.nation),
    section('Situation', parts.situation),
    section('Message to the controller', textForm('Your message', 'Send message', (text) => ({ type: 'message', text })), parts.messages),
  );
  return (view) => {
    $('title').textContent = `Team ${view.nation.name}`;
    region(parts.decisions, view.decisions, (list) => (list.length === 0 ? h('p', { class: 'quiet' }, 'No decision is waiting for your team.') : list.map((d) => decisionForm(d))));
    region(parts.injects, view.injects, (list) => (list.length === 0 ? h('p', { class: 'quiet' }, 'No inject has reached your team yet.') : h('ol', { class: 'injects', reversed: true }, list.map((card) => injectCard(card)))));
    region(parts.nation, { nation: view.nation, assets: view.assets }, ({ nation, assets }) => [
      h('p', {}, `${nation.name} (${nation.id}), ${nation.role}: ${nation.state}${nation.stallCause ? ` (held up by ${nation.stallCause})` : ''}.`),
      h('p', {}, `In theatre: ${nation.unitsInTheatre}. Budget left: ${nation.budgetMusd} MUSD.${nation.hostPolicy ? ` Consent policy: ${nation.hostPolicy}.` : ''}`),
      table('Assets', ['capability', 'units', 'military'], assets.map((a) => [a.capability, String(a.units), a.military ? 'yes' : 'no'])),
    ]);
    region(parts.situation, { s: view.situation, m: view.module, e: view.moduleEnded }, () => [moduleLine(view), situation(view)]);
    region(parts.messages, view.messages, (list) => table('Messages sent', ['time', 'message'], list.map((m) => [m.clock.text, m.text])));
    region(parts.actions, view.actions, (list) => table('Your actions', ['time', 'action', 'in the engine'], list.map((a) => [a.clock.text, a.text, a.lever ? `took effect (${a.lever})` : 'logged'])));
  };
}

// ---- controller -----------------------------------------------------------------------

function numberInput(value, min) {
  return h('input', { type: 'number', min, step: '0.1', value });
}

/** A form of two lists and a text (labels in that order): sends `toCommand(first, second, text)`, then clears the text. */
function choiceForm(labels, buttonText, toCommand) {
  const first = h('select', { required: true });
  const second = h('select', { required: true });
  const text = h('textarea', { rows: 2, maxLength: 2000 });
  const form = h('form', {
    onsubmit: async (event) => {
      event.preventDefault();
      if (await send(toCommand(first.value, second.value, text.value))) text.value = '';
    },
  }, field(labels[0], first), field(labels[1], second), field(labels[2], text), h('button', { type: 'submit' }, buttonText));
  return { form, first, second };
}

function inlineForm(onsubmit, ...children) {
  return h('form', { class: 'inline', onsubmit: (event) => { event.preventDefault(); onsubmit(); } }, ...children);
}

/** Deliver, skip (with a reason) or re-time an inject due now. */
function dueControls(card) {
  const reason = h('input', { type: 'text', maxLength: 500 });
  const when = numberInput(String(Math.ceil(card.clock.hours + 1)), '0.1');
  return h('div', { class: 'buttons' },
    h('button', { type: 'button', onclick: () => send({ type: 'deliver', inject: card.id }) }, `Deliver ${card.id}`),
    inlineForm(() => send({ type: 'skip', inject: card.id, reason: reason.value }), field(`Reason to skip ${card.id}`, reason), h('button', { type: 'submit' }, `Skip ${card.id}`)),
    inlineForm(() => send({ type: 'retime', inject: card.id, toHours: Number(when.value) }), field(`Re-time ${card.id} to (hours from onset)`, when), h('button', { type: 'submit' }, `Re-time ${card.id}`)));
}

function mselTable(rows) {
  if (rows.length === 0) return h('p', { class: 'quiet' }, 'The scenario has no injects.');
  const act = (row) => (row.status === 'pending' || row.status === 're-timed'
    ? [h('button', { type: 'button', onclick: () => send({ type: 'deliver', inject: row.id }) }, `Deliver ${row.id} now`), h('button', { type: 'button', onclick: () => send({ type: 'skip', inject: row.id, reason: '' }) }, `Skip ${row.id}`)]
    : '');
  return h('table', {}, h('caption', {}, 'Injects: status, time, addressee, expected action'),
    h('thead', {}, h('tr', {}, ['inject', 'scheduled', 'status', 'title', 'to', 'expected action', 'actions'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map((row) => h('tr', { class: `status-${row.status.replace(/ /g, '-')}` },
      h('td', {}, row.id), h('td', {}, row.scheduled), h('td', {}, [row.status, row.at, row.reason && `(${row.reason})`].filter(Boolean).join(' ')), h('td', {}, row.title), h('td', {}, row.to), h('td', {}, row.expectedAction),
      h('td', {}, act(row))))));
}

function buildController() {
  const parts = { pace: h('div'), due: h('div'), teams: h('div'), decisions: h('div'), msel: h('div'), notes: h('div'), log: h('div'), end: h('div'), situation: h('div'), args: h('div') };
  const hours = numberInput('6', '0.1');
  const until = numberInput('24', '0.1');
  const rate = h('input', { type: 'number', min: '0.1', max: '60', step: '0.1', value: '1' });
  const effect = h('select', { onchange: () => renderArgs() });
  const inputs = {
    title: h('input', { type: 'text', maxLength: 200, required: true }),
    to: h('input', { type: 'text', maxLength: 200 }),
    from: h('input', { type: 'text', maxLength: 200, value: 'Facilitator' }),
    mode: h('input', { type: 'text', maxLength: 100 }),
    message: h('textarea', { rows: 2, maxLength: 2000 }),
    expectedAction: h('input', { type: 'text', maxLength: 500 }),
  };
  const noteKind = h('select', {}, h('option', { value: 'note' }, 'note'), h('option', { value: 'hotwash' }, 'hot-wash note'));
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
        const values = Object.fromEntries(Object.entries(inputs).map(([key, input]) => [key, input.value]));
        if (await send({ type: 'inject', effect: effect.value, args, ...values })) for (const key of ['title', 'message', 'expectedAction']) inputs[key].value = '';
      },
    },
    field('Effect', effect),
    parts.args,
    field('Title (read out to the room)', inputs.title),
    field('To (team ids or "All players")', inputs.to),
    field('From', inputs.from),
    field('Mode (phone, email, news report...)', inputs.mode),
    field('Message', inputs.message),
    field('Expected action', inputs.expectedAction),
    h('button', { type: 'submit' }, 'Deliver inject now'),
  );
  $('app').replaceChildren(
    section('Injects due', parts.due),
    section(
      'Clock',
      h('div', { class: 'buttons' },
        h('button', { type: 'button', onclick: () => send({ type: 'continue' }) }, 'Step to the next decision'),
        h('button', { type: 'button', onclick: () => send({ type: 'next' }) }, 'Step to the next inject'),
      ),
      inlineForm(() => send({ type: 'advance', byHours: Number(hours.value) }), field('Advance by (simulated hours)', hours), h('button', { type: 'submit' }, 'Advance')),
      inlineForm(() => send({ type: 'advance-to', atHours: Number(until.value) }), field('Run to (hours from onset)', until), h('button', { type: 'submit' }, 'Run to')),
      inlineForm(() => send({ type: 'pace', running: true, simHoursPerWallMinute: Number(rate.value) }),
        field('Pace (simulated hours per minute)', rate), h('button', { type: 'submit' }, 'Run paced'), h('button', { type: 'button', onclick: () => send({ type: 'pace', running: false }) }, 'Pause')),
      parts.pace,
    ),
    section('Teams', parts.teams),
    section('Decisions waiting', parts.decisions),
    section('MSEL', parts.msel),
    section('Write a live inject', injectForm),
    section('Notes and messages', textForm('Note for the log', 'Add note', (text) => ({ type: 'note', text, kind: noteKind.value }), field('Kind', noteKind)), parts.notes),
    section('Log', h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: () => send({ type: 'undo' }) }, 'Undo the last action')), parts.log),
    section('End of exercise', parts.end),
    section('Situation', parts.situation),
  );
  return (view) => {
    $('title').textContent = `Controller: ${view.scenarioName}`;
    if (!form) {
      form = view.form;
      effect.replaceChildren(...form.effects.map((e) => h('option', { value: e.type }, `${e.type}: ${e.example.replace(/^inject /, '')}`)));
      renderArgs();
    }
    region(parts.due, view.due, (cards) => (cards.length === 0 ? h('p', { class: 'quiet' }, 'No inject is due. The clock stops by itself when one comes due.') : h('ol', { class: 'injects' }, cards.map((card) => injectCard(card, dueControls(card))))));
    region(parts.pace, view.pace, (pace) => h('p', {}, pace.running ? `Paced clock running: ${pace.simHoursPerWallMinute} simulated h per minute.` : `Clock stopped${pace.stoppedBecause ? `: ${pace.stoppedBecause}` : ''}.`));
    region(parts.teams, view.teams, (teams) => table('Who owes an answer', ['team', 'state', 'decisions owed'], teams.map((t) => [`${t.name} (${t.nation})`, t.state, t.owes.length ? t.owes.map((id) => `#${id}`).join(', ') : 'none'])));
    region(parts.decisions, view.decisions, (list) => (list.length === 0 ? h('p', { class: 'quiet' }, 'No decision is waiting.') : list.map((d) => decisionForm(d))));
    region(parts.msel, view.msel, mselTable);
    region(parts.notes, view.notes, (notes) => table('Notes, team messages and observations', ['time', 'kind', 'from', 'text'], notes.map((n) => [n.clock.text, n.kind, n.nation || n.inject || '', n.text])));
    region(parts.log, { log: view.log, fingerprint: view.fingerprint }, ({ log, fingerprint }) => [table('Latest log lines', ['time', 'action'], log.map((line) => [line.clock.text, line.text])), h('p', { class: 'quiet' }, `State ${fingerprint}`)]);
    region(parts.end, { handOuts: view.handOuts }, ({ handOuts }) =>
      handOuts
        ? h('p', {}, 'The exercise has ended. ', h('a', { href: handOuts.report }, 'After-action report'), ' and ', h('a', { href: handOuts.debrief }, 'drill debrief'), '.')
        : h('button', { type: 'button', onclick: () => { if (window.confirm('End the exercise and write the after-action report?')) void send({ type: 'end' }); } }, 'End exercise and write the after-action report'));
    region(parts.situation, { s: view.situation, m: view.module, e: view.moduleEnded }, () => [moduleLine(view), situation(view)]);
  };
}

// ---- evaluator ------------------------------------------------------------------------

function buildEvaluator() {
  const parts = { objectives: h('div'), checklist: h('div'), decisions: h('div'), taken: h('div'), observations: h('div') };
  const observe = choiceForm(['Inject', 'Expected action', 'What the team actually did'], 'Record observation', (inject, status, what) => ({ type: 'observe', inject, status, what }));
  const rate = choiceForm(['Critical task', 'Rating', 'Observations supporting the rating'], 'Record rating', (task, rating, observation) => ({ type: 'rate', task, rating, observation }));
  let tasksKnown = false;
  $('app').replaceChildren(
    section('Expected actions of delivered injects', parts.checklist),
    section('Mark an expected action', observe.form),
    section('General observation', textForm('Observation', 'Add observation', (text) => ({ type: 'observation', text }))),
    section('Critical tasks', parts.objectives, rate.form),
    section('Decisions waiting', parts.decisions),
    section('Team decisions', parts.taken),
    section('Observations', parts.observations),
  );
  return (view) => {
    $('title').textContent = `Evaluator: ${view.scenarioName}`;
    if (!tasksKnown) {
      tasksKnown = true;
      const tasks = view.objectives.flatMap((o) => o.capabilities.flatMap((c) => c.tasks));
      rate.first.replaceChildren(...tasks.map((t) => h('option', { value: t.id }, t.task)));
      rate.second.replaceChildren(...Object.entries(view.ratings).map(([letter, meaning]) => h('option', { value: letter }, `${letter}: ${meaning}`)));
      observe.second.replaceChildren(...Object.entries(view.statuses).map(([value, label]) => h('option', { value }, label)));
      rate.form.hidden = tasks.length === 0;
    }
    region(parts.checklist, view.checklist, (items) => {
      const chosen = observe.first.value;
      observe.first.replaceChildren(...items.map((item) => h('option', { value: item.id }, `${item.id}: ${item.title}`)));
      if (items.some((item) => item.id === chosen)) observe.first.value = chosen;
      return items.length === 0 ? h('p', { class: 'quiet' }, 'No inject delivered yet.') :
        h('ol', { class: 'injects' }, items.map((item) => injectCard(item, item.observations.length ? h('ul', {}, item.observations.map((o) => h('li', {}, `${o.observed ? `${o.observed}: ` : ''}${o.text}`))) : h('p', { class: 'quiet' }, 'Not observed yet.'))));
    });
    region(parts.objectives, view.objectives, (objectives) => (objectives.length === 0 ? h('p', { class: 'quiet' }, 'The scenario defines no evaluation guide (objectives, core capabilities, critical tasks).') :
      objectives.map((o) => h('div', {}, h('h3', {}, o.objective), o.capabilities.map((c) => table(c.capability, ['critical task', 'tested by injects', 'rating'],
        c.tasks.map((t) => [t.task, t.injects.join(', ') || '-', t.rating ? `${t.rating.rating} (${t.rating.meaning}) at ${t.rating.clock.text}${t.rating.text ? `: ${t.rating.text}` : ''}` : 'not rated'])))))));
    region(parts.decisions, view.decisions, (list) => (list.length === 0 ? h('p', { class: 'quiet' }, 'No decision is waiting.') : list.map((d) => h('div', { class: 'decision' }, h('p', { class: 'inject-title' }, `#${d.id} ${d.nationName}: ${words(d.kind)}`), h('p', {}, d.question), d.expectedAction && h('p', {}, `MSEL expects: ${d.expectedAction.action}`)))));
    region(parts.taken, view.taken, (list) => table('Decisions and actions the teams took', ['time', 'team', 'decision', 'choice or action'], list.map((d) => [d.clock.text, d.nation, d.kind, d.choice])));
    region(parts.observations, view.observations, (list) => table('General observations', ['time', 'observation'], list.map((o) => [o.clock.text, o.text])));
  };
}

// ---- projector ------------------------------------------------------------------------

function buildProjector() {
  document.body.classList.add('projector');
  const parts = { situation: h('div'), injects: h('div'), charts: h('div', { class: 'charts' }) };
  $('app').replaceChildren(section('Situation', parts.situation), section('Latest injects', parts.injects), section('Charts', parts.charts));
  return (view) => {
    $('title').textContent = view.scenarioName;
    region(parts.situation, { s: view.situation, m: view.module, e: view.moduleEnded }, () => [moduleLine(view), situation(view)]);
    region(parts.injects, view.latestInjects, (list) => (list.length === 0 ? h('p', { class: 'quiet' }, 'No inject yet.') : h('ol', { class: 'injects' }, list.map((card) => injectCard(card)))));
    region(parts.charts, { charts: view.charts, version: view.version }, ({ charts, version }) =>
      charts.length === 0 ? h('p', { class: 'quiet' }, 'The charts appear once the clock moves.') : charts.map((chart) => h('img', { src: `chart/${chart.name}.svg?v=${version}`, alt: chart.alt, class: 'chart' })));
  };
}

const BUILDERS = { team: buildTeam, controller: buildController, evaluator: buildEvaluator, projector: buildProjector };

function render(view) {
  if (!built) built = BUILDERS[view.role]();
  $('clock').textContent = `${view.clock.text}${view.ended ? ', exercise ended' : view.atHorizon ? ', at the horizon' : ''}`;
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
