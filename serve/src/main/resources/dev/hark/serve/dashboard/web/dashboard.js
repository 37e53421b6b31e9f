// The dashboard of hark serve: one stream (SSE) for the live view, the API for the rest. No build step.
'use strict';
(function () {
  const token = new URLSearchParams(location.search).get('access_token');
  const $ = (id) => document.getElementById(id);
  const SECONDS_SHOWN = 10;
  const COLUMNS = 1000; // one column per 10 ms frame
  const BANDS = 64;

  function api(path) {
    if (!token) return path;
    return path + (path.includes('?') ? '&' : '?') + 'access_token=' + encodeURIComponent(token);
  }
  async function getJson(path) {
    const r = await fetch(api(path), {headers: {'Accept': 'application/json'}});
    const body = await r.json();
    if (!r.ok) throw new Error(body.error || r.statusText);
    return body;
  }
  async function sendJson(method, path, value) {
    const r = await fetch(api(path), {method, headers: {'Content-Type': 'application/json'}, body: JSON.stringify(value)});
    const body = await r.json();
    if (!r.ok) throw new Error(body.error || r.statusText);
    return body;
  }
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
    }
    for (const c of children) if (c != null) e.append(c);
    return e;
  }

  // What the test and a curious user can read: frames received and drawn, draws a second (now, best), the last window.
  const stats = {framesReceived: 0, framesDrawn: 0, draws: 0, fps: 0, maxFps: 0, connected: false, banner: null};
  window.harkDashboard = stats;

  // ---- colours: the five anchors of Hark's spectrogram PNGs (ColourScale), as a 256-entry table
  const ANCHORS = [[8, 8, 32], [72, 20, 112], [176, 44, 96], [240, 124, 40], [252, 240, 160]];
  const LUT = new Uint8ClampedArray(256 * 4);
  for (let q = 0; q < 256; q++) {
    const p = q / 255 * (ANCHORS.length - 1), i = Math.min(ANCHORS.length - 2, Math.floor(p)), f = p - i;
    for (let ch = 0; ch < 3; ch++) LUT[q * 4 + ch] = Math.round(ANCHORS[i][ch] + f * (ANCHORS[i + 1][ch] - ANCHORS[i][ch]));
    LUT[q * 4 + 3] = 255;
  }

  // ---- live spectrogram: frames queue up as they arrive (5 per message) and are played out at 100 per second
  const canvas = $('spectrogram');
  const ctx = canvas.getContext('2d');
  const strip = $('gate-strip');
  const stripCtx = strip.getContext('2d');
  ctx.fillStyle = 'rgb(8,8,32)';
  ctx.fillRect(0, 0, COLUMNS, BANDS);
  const column = ctx.createImageData(1, BANDS);
  const pending = []; // {t, bytes}
  let shownTime = null; // stream time of the newest column drawn
  let lastDraw = null, fpsCount = 0, fpsSince = performance.now();
  const windows = []; // {start, end, ran}

  function onFrames(m) {
    const raw = atob(m.data);
    for (let f = 0; f < m.frames; f++) {
      const bytes = new Uint8Array(BANDS);
      for (let b = 0; b < BANDS; b++) bytes[b] = raw.charCodeAt(f * BANDS + b);
      pending.push({t: m.start_seconds + f * m.hop_seconds, bytes});
    }
    stats.framesReceived += m.frames;
    showLevel(m.dbfs);
  }

  function drawColumns(n) {
    ctx.drawImage(canvas, -n, 0); // scroll left by n columns
    for (let i = 0; i < n; i++) {
      const fr = pending.shift();
      for (let b = 0; b < BANDS; b++) {
        const q = fr.bytes[b], y = BANDS - 1 - b; // lowest band at the bottom
        column.data.set(LUT.subarray(q * 4, q * 4 + 4), y * 4);
      }
      ctx.putImageData(column, COLUMNS - n + i, 0);
      shownTime = fr.t;
    }
    stats.framesDrawn += n;
  }

  function drawStrip() {
    stripCtx.fillStyle = '#333';
    stripCtx.fillRect(0, 0, COLUMNS, 1);
    if (shownTime == null) return;
    stripCtx.fillStyle = '#3c3';
    const left = shownTime - SECONDS_SHOWN;
    for (const w of windows) {
      if (!w.ran || w.end < left) continue;
      const x0 = Math.max(0, (w.start - left) * 100), x1 = Math.min(COLUMNS, (w.end - left) * 100);
      if (x1 > x0) stripCtx.fillRect(x0, 0, x1 - x0, 1);
    }
  }

  let budget = 0; // frames due for drawing: 100 a second
  function frame(now) {
    if (lastDraw != null && pending.length) {
      // play out at real time; catch up when more than 0.2 s queued (a stalled tab, a burst of audio)
      budget += (now - lastDraw) / 10;
      let n = Math.floor(budget);
      if (pending.length > 20) n = pending.length - 10;
      n = Math.min(n, pending.length);
      budget = Math.min(5, Math.max(0, budget - n));
      if (n > 0) drawColumns(n);
    } else {
      budget = 0;
    }
    lastDraw = now;
    drawStrip();
    stats.draws++;
    fpsCount++;
    if (now - fpsSince >= 1000) {
      stats.fps = Math.round(fpsCount * 1000 / (now - fpsSince));
      if (stats.framesDrawn > 0) stats.maxFps = Math.max(stats.maxFps, stats.fps);
      fpsCount = 0;
      fpsSince = now;
      canvas.dataset.fps = stats.fps;
    }
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);

  function showLevel(dbfs) {
    if (dbfs == null) return;
    const pct = Math.max(0, Math.min(100, (dbfs + 90) / 90 * 100));
    $('meter-fill').style.height = pct + '%';
    $('meter').setAttribute('aria-valuenow', Math.round(dbfs));
    $('meter-text').textContent = (dbfs <= -119 ? '–' : dbfs.toFixed(0)) + ' dBFS';
  }

  // ---- what the model hears: the current window's best concepts and labels
  const thresholds = new Map(); // concept -> threshold in force
  function bars(list, items, withThreshold) {
    list.replaceChildren(...items.map((it) => {
      const name = it.concept || it.label;
      const pct = Math.round(it.score * 100);
      const bar = el('div', {class: 'bar'}, el('div', {class: 'fill', style: 'width:' + pct + '%'}));
      const th = withThreshold ? thresholds.get(name) : undefined;
      if (th != null) {
        bar.append(el('div', {class: 'threshold', style: 'left:' + (th * 100) + '%', title: 'threshold ' + th.toFixed(2)}));
        if (it.score >= th) bar.classList.add('above');
      }
      return el('li', {'aria-label': name + ' ' + it.score.toFixed(2) + (th != null ? ', threshold ' + th.toFixed(2) : '')},
        el('span', {class: 'name', text: name}), bar, el('span', {class: 'score', text: it.score.toFixed(2)}));
    }));
  }
  function onWindow(w) {
    stats.lastWindow = w;
    windows.push({start: w.start_seconds, end: w.end_seconds, ran: w.ran});
    while (windows.length > 60) windows.shift();
    $('gate').textContent = w.ran ? 'gate open' : 'gate closed';
    $('gate').title = w.ran ? 'the models ran on the current window' : 'the activity gate kept the models idle';
    $('gate').className = 'gate ' + (w.ran ? 'open' : 'closed');
    $('window-time').textContent = w.start_seconds.toFixed(2) + '–' + w.end_seconds.toFixed(2) + ' s'
      + (w.ran ? '' : ' (gate closed: no model run)');
    $('hears').classList.toggle('idle', !w.ran);
    if (w.ran) {
      bars($('concept-bars'), w.concepts || [], true);
      bars($('label-bars'), w.top || [], false);
    }
  }

  // ---- status and banner
  function banner(kind, text) {
    const b = $('banner');
    if (!kind) {
      b.hidden = true;
      stats.banner = null;
      return;
    }
    b.hidden = false;
    b.className = 'banner ' + kind;
    b.textContent = text;
    stats.banner = kind;
  }
  let reconnectedTimer = null;
  function onStatus(s) {
    switch (s.kind) {
      case 'device_lost': banner('lost', 'Microphone lost: ' + s.message + '. Reconnecting…'); break;
      case 'reconnecting': banner('lost', 'Microphone lost, reconnecting: ' + s.message); break;
      case 'reconnected':
        banner('ok', 'Microphone back: ' + s.message);
        clearTimeout(reconnectedTimer);
        reconnectedTimer = setTimeout(() => { if (stats.banner === 'ok') banner(null); }, 5000);
        break;
      case 'stopped': banner('ended', 'Input ended (' + s.message + '): nothing more is heard; the events stay here.'); break;
      case 'failed': banner('lost', 'Listening failed: ' + s.message); break;
      case 'started': banner(null); loadConcepts(); break;
      default: break;
    }
  }
  function seconds(t) {
    if (t == null) return '–';
    if (t < 60) return t.toFixed(0) + ' s';
    if (t < 3600) return Math.floor(t / 60) + ' min ' + Math.floor(t % 60) + ' s';
    if (t < 86400) return Math.floor(t / 3600) + ' h ' + Math.floor(t % 3600 / 60) + ' min';
    return Math.floor(t / 86400) + ' d ' + Math.floor(t % 86400 / 3600) + ' h';
  }
  async function refreshStatus() {
    try {
      const s = await getJson('/api/status');
      $('st-device').textContent = s.device;
      $('st-format').textContent = s.format || '–';
      $('st-model').textContent = s.model + ', gate ' + s.gate.mode + ' (open ' + Math.round(100 * (s.gate.open_fraction || 0)) + ' %)';
      const load = s.cpu.process_load;
      $('st-cpu').textContent = (load == null || load < 0 ? '–' : Math.round(load * 100) + ' %') + ' (processing ' + s.cpu.processing_seconds.toFixed(1) + ' s)';
      $('st-dropped').textContent = s.dropped_audio_seconds.toFixed(2) + ' s';
      $('st-uptime').textContent = seconds(s.uptime_seconds);
      if (s.head) showHead(s.head);
      if (!s.running && !stats.banner && s.audio_seconds > 0) banner('ended', 'Input ended: nothing more is heard; the events stay here.');
    } catch (e) { /* the stream's error handler says the service is gone */ }
  }
  setInterval(refreshStatus, 2000);
  refreshStatus();

  // ---- thresholds: one slider per concept, persisted through PUT /api/config
  async function loadConcepts() {
    const c = await getJson('/api/concepts');
    thresholds.clear();
    const names = $('concept-names');
    names.replaceChildren();
    const box = $('sliders');
    box.replaceChildren();
    for (const k of c.concepts) {
      if (k.threshold == null) continue;
      thresholds.set(k.name, k.threshold);
      names.append(el('option', {value: k.name}));
      const id = 'th-' + k.name.replace(/[^A-Za-z0-9]+/g, '-');
      const out = el('output', {for: id, text: k.threshold.toFixed(2)});
      const input = el('input', {type: 'range', id, min: '0', max: '1', step: '0.01', value: String(k.threshold), 'data-concept': k.name});
      input.addEventListener('input', () => { out.textContent = Number(input.value).toFixed(2); });
      input.addEventListener('change', () => setThreshold(k.name, Number(input.value), out));
      box.append(el('div', {class: 'slider' + (k.watched ? '' : ' unwatched')}, el('label', {for: id, text: k.name}), input, out));
    }
  }
  let tuningChain = Promise.resolve();
  function setThreshold(concept, value, out) {
    // one change at a time: each reads the tuning in force and changes this concept's threshold only
    tuningChain = tuningChain.then(async () => {
      const now = await getJson('/api/config');
      now.thresholds[concept] = value;
      const saved = await sendJson('PUT', '/api/config', {thresholds: now.thresholds});
      thresholds.set(concept, saved.thresholds[concept]);
      out.textContent = saved.thresholds[concept].toFixed(2);
      out.dataset.saved = String(saved.thresholds[concept]);
    }).catch((e) => { out.textContent = 'not saved: ' + e.message; });
  }

  // ---- events: the list, with clips, thumbnails and verdicts
  const rows = new Map(); // id -> li
  function timeOf(iso) { return new Date(iso).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit', second: '2-digit'}); }
  function verdictText(v) { return v == null ? '' : v.startsWith('relabel:') ? 'relabelled ' + v.slice(8) : 'marked ' + v; }
  function renderEvent(e) {
    let li = rows.get(e.id);
    const fresh = !li;
    if (fresh) {
      li = el('li', {class: 'event', id: 'event-' + e.id, 'data-id': String(e.id), 'data-shown-at': String(Date.now())});
      rows.set(e.id, li);
    }
    li.dataset.concept = e.concept;
    const labels = (e.top_labels || []).slice(0, 3).map((l) => l.label + ' ' + l.score.toFixed(2)).join(', ');
    const head = el('div', {class: 'ev-head'},
      el('time', {datetime: e.wall_time, text: timeOf(e.wall_time)}),
      el('strong', {class: 'concept', text: e.concept}),
      el('span', {class: 'score', text: e.score.toFixed(2)}),
      el('span', {class: 'span muted', text: e.end_seconds == null ? 'going on' : (e.end_seconds - e.start_seconds).toFixed(1) + ' s'}));
    const body = el('div', {class: 'ev-body'});
    body.append(el('div', {class: 'labels muted', text: labels ? 'from ' + labels : ''}));
    const media = el('div', {class: 'media'});
    if (e.clip) {
      media.append(el('img', {class: 'thumb', src: api('/api/events/' + e.id + '/spectrogram.png'), alt: 'spectrogram of the clip', width: '160', height: '64'}));
      media.append(el('audio', {controls: '', preload: 'metadata', src: api(e.clip), 'aria-label': 'clip of event ' + e.id}));
    } else {
      media.append(el('span', {class: 'muted', text: e.end_seconds == null ? 'clip when it ends' : 'no clip'}));
    }
    body.append(media);
    const acts = el('div', {class: 'actions', role: 'group', 'aria-label': 'Verdict on event ' + e.id});
    if (e.clip) {
      const right = el('button', {type: 'button', class: 'right', text: 'Right'});
      const wrong = el('button', {type: 'button', class: 'wrong', text: 'Wrong'});
      const relabel = el('button', {type: 'button', class: 'relabel', text: 'Relabel…'});
      right.onclick = () => verdict(e.id, {verdict: 'right'});
      wrong.onclick = () => verdict(e.id, {verdict: 'wrong'});
      relabel.onclick = () => relabelForm(e.id, acts);
      acts.append(right, wrong, relabel);
    }
    acts.append(el('span', {class: 'verdict', 'aria-live': 'polite', text: verdictText(e.verdict)}));
    body.append(acts);
    li.replaceChildren(head, body);
    if (fresh) {
      const list = $('event-list');
      const next = [...list.children].find((c) => Number(c.dataset.id) < e.id);
      list.insertBefore(li, next || null);
      $('no-events').hidden = true;
    }
  }
  function relabelForm(id, acts) {
    if (acts.querySelector('form')) return;
    const input = el('input', {type: 'text', list: 'concept-names', 'aria-label': 'the right label', placeholder: 'what it was'});
    const form = el('form', {class: 'relabel-form'}, input, el('button', {type: 'submit', text: 'File'}));
    form.onsubmit = (ev) => { ev.preventDefault(); if (input.value.trim()) verdict(id, {verdict: 'relabel', label: input.value.trim()}); };
    acts.insertBefore(form, acts.querySelector('.verdict'));
    input.focus();
  }
  async function verdict(id, body) {
    const li = rows.get(id);
    try {
      const r = await sendJson('POST', '/api/events/' + id + '/feedback', body);
      li.querySelector('.verdict').textContent = (r.verdict === 'relabel' ? 'relabelled ' + r.label : 'marked ' + r.verdict) + ': filed';
      li.dataset.filed = r.filed;
    } catch (e) {
      li.querySelector('.verdict').textContent = 'not filed: ' + e.message;
    }
  }
  async function refreshEvent(id, tries) {
    try {
      const e = await getJson('/api/events/' + id);
      renderEvent(e);
      timelineAdd(e);
      if (e.end_seconds != null && e.clip == null && tries > 0) setTimeout(() => refreshEvent(id, tries - 1), 500); // the clip is written after the end
    } catch (err) { /* gone */ }
  }
  function onEvent(m) {
    if (!rows.has(m.id)) { // show it at once from the stream, then fill in the stored labels
      renderEvent({id: m.id, concept: m.concept, score: m.score, start_seconds: m.start_seconds,
        end_seconds: m.type === 'offset' ? m.end_seconds : null, wall_time: m.wall_time, top_labels: [], clip: null, verdict: null});
    }
    refreshEvent(m.id, 20);
  }
  async function loadEvents() {
    const r = await getJson('/api/events?limit=50');
    for (const e of r.events.reverse()) renderEvent(e);
  }

  // ---- timeline (uPlot): one row of dots per concept, over minutes to days
  let plot = null, range = 600;
  const tl = {times: [], concepts: [], ids: new Set()};
  function timelineAdd(e) {
    if (tl.ids.has(e.id)) return;
    tl.ids.add(e.id);
    tl.times.push(Date.parse(e.wall_time) / 1000);
    tl.concepts.push(e.concept);
    drawTimeline(false);
  }
  function timelineData() {
    const names = [...new Set(tl.concepts)].sort();
    const order = tl.times.map((t, i) => i).sort((a, b) => tl.times[a] - tl.times[b]);
    const xs = order.map((i) => tl.times[i]);
    const series = names.map((n, k) => order.map((i) => tl.concepts[i] === n ? k : null));
    return {names, data: [xs, ...series]};
  }
  const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#46f0f0', '#f032e6', '#bcf60c', '#008080', '#9a6324'];
  function drawTimeline(resetScale) {
    const box = $('timeline');
    const {names, data} = timelineData();
    const now = Date.now() / 1000;
    const large = document.body.classList.contains('large');
    const width = Math.max(280, box.clientWidth);
    const height = (large ? 100 : 64) + (large ? 40 : 28) * Math.max(1, names.length);
    if (!plot || plot.series.length !== names.length + 1 || plot.height !== height) {
      const xmin = plot && !resetScale ? plot.scales.x.min : now - range, xmax = plot && !resetScale ? plot.scales.x.max : now;
      if (plot) plot.destroy();
      const font = (large ? 20 : 12) + 'px system-ui, sans-serif';
      plot = new uPlot({
        width, height,
        scales: {x: {time: true, auto: false}, y: {auto: false, range: [-0.5, Math.max(0.5, names.length - 0.5)]}},
        legend: {show: false},
        cursor: {drag: {x: true, y: false}, points: {show: false},
          bind: {dblclick: (u) => () => { showRange(); return null; }}},
        axes: [
          {stroke: '#ccc', grid: {stroke: '#333'}, ticks: {stroke: '#333'}, font, space: large ? 140 : 90, size: large ? 76 : 50},
          {stroke: '#ccc', grid: {stroke: '#333'}, font, size: large ? 220 : 140,
            splits: () => names.map((n, i) => i), values: (u, vals) => vals.map((v) => names[v] || '')},
        ],
        series: [{}, ...names.map((n, k) => ({label: n, stroke: PALETTE[k % PALETTE.length], fill: PALETTE[k % PALETTE.length],
          paths: () => null, points: {show: true, size: large ? 14 : 9, fill: PALETTE[k % PALETTE.length]}}))],
      }, data, box);
      plot.setScale('x', {min: xmin, max: xmax});
    } else {
      plot.setData(data, false);
      if (resetScale) showRange();
    }
  }
  function showRange() {
    const now = Date.now() / 1000;
    if (plot) plot.setScale('x', {min: now - range, max: now});
  }
  function follow() { // keep the window moving with the clock unless the user zoomed elsewhere
    if (!plot || plot.scales.x.min == null) return;
    const now = Date.now() / 1000, {min, max} = plot.scales.x;
    if (now - max < 5 + (max - min) * 0.02) plot.setScale('x', {min: now - (max - min), max: now});
  }
  setInterval(follow, 1000);
  function zoom(factor) {
    if (!plot) return;
    const {min, max} = plot.scales.x, mid = (min + max) / 2, half = (max - min) / 2 * factor;
    plot.setScale('x', {min: mid - half, max: Math.min(Date.now() / 1000, mid + half)});
  }
  document.querySelectorAll('[data-range]').forEach((b) => b.addEventListener('click', async () => {
    range = Number(b.dataset.range);
    await loadTimeline();
    drawTimeline(true);
  }));
  $('zoom-in').onclick = () => zoom(0.5);
  $('zoom-out').onclick = () => zoom(2);
  async function loadTimeline() {
    const since = Date.now() / 1000 - range;
    const r = await getJson('/api/events?limit=10000&since=' + since.toFixed(0));
    for (const e of r.events) timelineAdd(e);
  }
  window.addEventListener('resize', () => { if (plot) plot.setSize({width: Math.max(280, $('timeline').clientWidth), height: plot.height}); });

  // ---- large type and keys
  function setLarge(on) {
    document.body.classList.toggle('large', on);
    $('large-type').setAttribute('aria-pressed', String(on));
    try { localStorage.setItem('hark.large', on ? '1' : ''); } catch (e) { /* private mode */ }
    if (plot) { plot.destroy(); plot = null; drawTimeline(false); }
  }
  $('large-type').onclick = () => setLarge(!document.body.classList.contains('large'));
  document.addEventListener('keydown', (ev) => {
    if (ev.target.closest('input, textarea, select') || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === 'l' || ev.key === 'L') setLarge(!document.body.classList.contains('large'));
    else if (ev.key === '+') zoom(0.5);
    else if (ev.key === '-') zoom(2);
  });
  const qs = new URLSearchParams(location.search);
  let stored = '';
  try { stored = localStorage.getItem('hark.large') || ''; } catch (e) { /* private mode */ }
  if (qs.get('large') === '1' || (qs.get('large') !== '0' && stored === '1')) setLarge(true);

  // ---- teaching: record examples and background from the stream, train, switch the live head
  const teach = {job: null, folder: null, head: null, polling: null};
  stats.teach = teach;
  function teachBusy() { return !!(teach.job && !teach.job.finished); }
  function showJob(j) {
    teach.job = j;
    const msg = $('teach-message'), err = $('teach-error'), prog = $('teach-progress');
    if (!j) return;
    let text;
    if (j.kind === 'train') {
      text = j.finished ? (j.error ? 'Training failed.' : 'Trained: ' + (j.classes || []).join(', ')
        + (j.estimate == null ? ' (no estimate: too few examples)' : '; leave-one-out estimate '
        + (j.estimate * 100).toFixed(0) + ' % right')) : 'Training: ' + (j.message || j.state);
      prog.hidden = j.finished;
      if (j.clips_total > 0) { prog.max = j.clips_total; prog.value = j.clips_done; } else prog.removeAttribute('value');
      $('teach-lines').textContent = (j.lines || []).join('\n');
      $('teach-details').hidden = !(j.lines && j.lines.length);
    } else {
      const what = j.kind === 'background' ? 'background pieces' : 'examples of ' + j.label;
      text = (j.finished ? (j.error ? 'Recording failed' : j.state === 'done' ? 'Recorded' : 'Stopped') + ': ' : 'Recording: ')
        + j.saved + ' of ' + j.wanted + ' ' + what + (j.finished ? '' : ' — ' + (j.message || j.state))
        + (j.level_dbfs == null || j.finished ? '' : ' (level ' + j.level_dbfs.toFixed(0) + ' dBFS)');
      prog.hidden = j.finished;
      prog.max = j.wanted;
      prog.value = j.saved;
    }
    msg.textContent = text;
    msg.dataset.state = j.state;
    err.hidden = !j.error;
    err.textContent = j.error || '';
    const busy = teachBusy();
    $('teach-stop').disabled = !(busy && j.kind !== 'train');
    $('teach-record').disabled = busy;
    $('teach-record-bg').disabled = busy;
    $('teach-train').disabled = busy;
  }
  function showFolder(f) {
    teach.folder = f;
    $('teach-dir').textContent = f.dir;
    const list = $('teach-folder');
    const entries = [...f.labels, f.background];
    $('teach-labels').replaceChildren(...f.labels.map((l) => el('option', {value: l.name})));
    list.replaceChildren(...entries.map((l) => {
      const name = l.name === '_negative' ? 'background' : l.name;
      const li = el('li', {'data-label': l.name, 'data-count': String(l.count)},
        el('span', {class: 'name', text: name}), el('span', {class: 'muted', text: l.count + (l.count === 1 ? ' clip' : ' clips')}));
      l.examples.slice(-12).forEach((file, i) => {
        const n = l.examples.length - Math.min(12, l.examples.length) + i + 1;
        const b = el('button', {type: 'button', class: 'play', text: '▶ ' + n, 'aria-label': 'play ' + name + ' ' + n, 'data-file': file});
        b.onclick = () => { const p = $('teach-player'); p.src = api('/api/teach/clip?file=' + encodeURIComponent(file)); p.play().catch(() => {}); };
        li.append(b);
      });
      return li;
    }));
    $('head-taught').disabled = !f.bundle;
    if (f.job) showJob(f.job);
  }
  function showHead(h) {
    teach.head = h;
    const taught = h.live === 'taught';
    const text = taught ? 'taught head (' + h.concepts.join(', ') + ')' : 'default (' + h.model + (h.file ? ', ' + h.file : ' concepts') + ')';
    $('head-live').textContent = 'Live: ' + text;
    $('head-live').dataset.live = h.live;
    $('st-head').textContent = taught ? 'taught: ' + h.concepts.join(', ') : 'default';
    $('head-default').disabled = !taught;
  }
  async function refreshTeach() {
    try {
      showFolder(await getJson('/api/teach'));
    } catch (e) { /* the stream's error handler says the service is gone */ }
    clearTimeout(teach.polling);
    teach.polling = setTimeout(refreshTeach, teachBusy() ? 300 : 3000);
  }
  async function teachAction(path, body) {
    $('teach-error').hidden = true;
    try {
      showJob(await sendJson('POST', path, body || {}));
    } catch (e) {
      $('teach-error').hidden = false;
      $('teach-error').textContent = e.message;
    }
    refreshTeach();
  }
  $('teach-examples').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const label = $('teach-label').value.trim();
    if (label) teachAction('/api/teach/examples', {label, count: Number($('teach-count').value)});
  });
  $('teach-background').addEventListener('submit', (ev) => {
    ev.preventDefault();
    teachAction('/api/teach/background', {seconds: Number($('teach-seconds').value)});
  });
  $('teach-stop').onclick = () => teachAction('/api/teach/stop');
  $('teach-train').onclick = () => teachAction('/api/teach/train');
  async function switchHead(which) {
    $('teach-error').hidden = true;
    try {
      showHead(await sendJson('PUT', '/api/head', {head: which}));
      await loadConcepts();
    } catch (e) {
      $('teach-error').hidden = false;
      $('teach-error').textContent = e.message;
    }
  }
  $('head-taught').onclick = () => switchHead('taught');
  $('head-default').onclick = () => switchHead('default');
  refreshTeach();

  // ---- the stream
  function connect() {
    const es = new EventSource(api('/api/stream?types=event,window,status,frames'));
    es.onopen = () => {
      stats.connected = true;
      if (stats.banner === 'gone') banner(null);
    };
    es.onerror = () => {
      stats.connected = false;
      if (stats.banner !== 'ended') banner('gone', 'The connection to hark serve is lost; trying again…');
    };
    es.addEventListener('frames', (m) => onFrames(JSON.parse(m.data)));
    es.addEventListener('window', (m) => onWindow(JSON.parse(m.data)));
    es.addEventListener('status', (m) => onStatus(JSON.parse(m.data)));
    es.addEventListener('event', (m) => onEvent(JSON.parse(m.data)));
  }
  connect();
  loadConcepts().catch(() => {});
  loadEvents().catch(() => {});
  loadTimeline().then(() => drawTimeline(true)).catch(() => drawTimeline(true));
})();
