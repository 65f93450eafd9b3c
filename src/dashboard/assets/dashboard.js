// patchproof dashboard: live updates over Server-Sent Events; no framework, no build step.
// The server draws every piece of markup (escaped there); this script only swaps it in, and
// appends log lines as text.
'use strict';

function liveList(tbody) {
  const source = new EventSource(tbody.dataset.live);
  source.addEventListener('rows', (e) => {
    const data = JSON.parse(e.data);
    tbody.innerHTML = data.rows;
    const queue = document.getElementById('queue');
    if (queue) queue.innerHTML = data.queue;
  });
}

async function redrawMain() {
  const response = await fetch(location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } });
  if (!response.ok) return false;
  const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
  const next = doc.querySelector('main');
  if (!next) return false;
  document.querySelector('main').replaceWith(next);
  return next.querySelector('[data-live]') !== null;
}

function liveProposal(section, after) {
  const log = section.querySelector('#live-log');
  const phase = section.querySelector('#live-phase');
  const source = new EventSource(section.dataset.live + (after > 0 ? '?after=' + after : ''));
  const line = (text) => {
    const atEnd = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
    log.append(text + '\n');
    if (atEnd) log.scrollTop = log.scrollHeight;
  };
  const handlers = {
    queued: (d) => { phase.textContent = 'queued'; line('queued: ' + d.reason); },
    claimed: (d) => { phase.textContent = 'claimed by ' + d.worker; line('claimed by ' + d.worker + ' (attempt ' + d.attempt + ')'); },
    phase_started: (d) => { phase.textContent = d.phase; line('== ' + d.phase); },
    phase_ended: (d) => line('== ' + d.phase + ' done in ' + d.durationMs + ' ms'),
    image_build_line: (d) => line(d.line),
    test_output_line: (d) => line(d.line),
    verdict: async (d) => {
      phase.textContent = d.outcome;
      source.close();
      const stillLive = await redrawMain();
      // A verdict of an earlier run (a revalidation queued since): follow what comes after it.
      if (stillLive) start(d.seq);
    },
  };
  for (const [type, handle] of Object.entries(handlers)) source.addEventListener(type, (e) => handle(JSON.parse(e.data)));
}

function start(after) {
  const tbody = document.querySelector('tbody[data-live]');
  if (tbody && !after) liveList(tbody);
  const section = document.querySelector('section[data-live]');
  if (section) liveProposal(section, after || 0);
}

document.addEventListener('DOMContentLoaded', () => start(0));
