// ChainBeasts live training page. Receives TrainingMetrics (schema v1, see /schema.json) over
// WebSocket and draws, per head: the whole run's loss (Q16 -> float, display only; an exponential moving
// average over about 32 steps, because single-sample losses are too spiky to read; downsampled by thinning),
// the current window's loss step by step, and the running accuracy (per-mille -> %). A head with no label at a
// step (null) is skipped, not a gap, so every curve stays one line. The running accuracy restarts with each
// window, so its first steps (a handful of samples: 0 % or 100 %) are not drawn. When the stream closes or
// goes quiet the curves stay and the status says so.
(function () {
  'use strict';
  var HEADS = ['move', 'power', 'block'];
  var COLORS = { move: '#4fc3f7', power: '#ffb74d', block: '#81c784' };
  var MAX_POINTS = 4000;          // per beast; past it every other point goes and later points are kept at the new stride
  var EMA = 1 / 32;               // loss smoothing weight of the newest step
  var STEPS_PER_WINDOW = 128;
  var ACC_WARMUP = 16;            // steps into a window before its running accuracy is drawn
  var IDLE_MS = 10000;            // no message this long while connected: the stream is idle
  var ENERGY_PER_UNIT = 0.001;    // ENERGY per unit of energySpent at the default energyPrice (10^15 wei)
  var lastMessageAt = 0;
  var streamState = 'connecting'; // connecting | live | idle | ended
  var beasts = {};                // beastId -> { steps: [], loss: {head: []}, acc: {head: []}, seen }
  var MAX_BEASTS = 16;            // beasts kept at once (a stream of fresh ids must not grow the page without bound)
  var received = 0;
  var current = null;             // beast being drawn: the one picked, else the first heard until it goes quiet
  var picked = false;             // the viewer chose a beast: the page stays on it
  var FOLLOW_MS = 2000;           // an unpicked page moves to another beast only after its beast is this quiet
  var count = 0;
  var dirty = false;
  var $ = function (id) { return document.getElementById(id); };

  function series() {
    var s = { steps: [], loss: {}, acc: {}, ema: {}, last: null, lastH128: null, win: null, n: 0, stride: 1, tail: false, at: 0 };
    HEADS.forEach(function (h) { s.loss[h] = []; s.acc[h] = []; });
    return s;
  }

  function windowSeries(w) {
    var x = { window: w, steps: [], loss: {} };
    HEADS.forEach(function (h) { x.loss[h] = []; });
    return x;
  }

  // Points are kept on a grid of every stride-th message; thinning halves the grid and doubles the stride, so old and
  // new parts of a long run stay equally dense (halving alone left the oldest points exponentially sparse). The newest
  // message is always the last point: a provisional one, replaced by the next message unless it lies on the grid.
  function dropProvisional(s) {
    if (!s.tail) return null;
    var p = { step: s.steps.pop(), loss: {}, acc: {} };
    HEADS.forEach(function (h) { p.loss[h] = s.loss[h].pop(); p.acc[h] = s.acc[h].pop(); });
    s.tail = false;
    return p;
  }

  function thin(s) {
    var p = dropProvisional(s);
    var keep = function (a) { return a.filter(function (_, i) { return i % 2 === 0; }); };
    s.steps = keep(s.steps);
    HEADS.forEach(function (h) { s.loss[h] = keep(s.loss[h]); s.acc[h] = keep(s.acc[h]); });
    s.stride *= 2;
    if (p) {
      s.steps.push(p.step);
      HEADS.forEach(function (h) { s.loss[h].push(p.loss[h]); s.acc[h].push(p.acc[h]); });
      s.tail = true;
    }
  }

  function decimal(hex) {
    try { return BigInt('0x' + hex).toString(); } catch (e) { return hex; }
  }

  function addChoice(id) {
    var o = document.createElement('option');
    o.value = id;
    o.textContent = 'beast #' + decimal(id);
    $('pick').appendChild(o);
    $('pick').value = current;
  }

  function onMetrics(m) {
    if (m.type !== 'training-metrics' || m.v !== 1) return;
    var s = beasts[m.beastId];
    if (!s) {
      // bounded memory: keep the MAX_BEASTS beasts heard from most recently
      var ids = Object.keys(beasts);
      if (ids.length >= MAX_BEASTS) {
        ids.sort(function (a, b) { return beasts[a].seen - beasts[b].seen; });
        delete beasts[ids[0] === current ? ids[1] : ids[0]];
      }
      s = beasts[m.beastId] = series();
      if (current === null) current = m.beastId;
      addChoice(m.beastId);
    }
    if (s.steps.length && m.globalStep <= s.steps[s.steps.length - 1]) {
      // a restarted or resumed run re-sent earlier steps: start this beast's curve again
      beasts[m.beastId] = s = series();
    }
    s.seen = ++received;
    // a late joiner's summary skips steps: no moving average across a gap, take the value as it is
    var gap = s.last !== null && m.globalStep - s.last.globalStep > 1;
    dropProvisional(s);
    var onGrid = s.n % s.stride === 0;
    s.n++;
    s.steps.push(m.globalStep);
    var inWindow = (m.globalStep - 1) % STEPS_PER_WINDOW;
    var closes = m.h128 !== null;
    if (!s.win || s.win.window !== m.window) s.win = windowSeries(m.window);
    s.win.steps.push(m.globalStep);
    HEADS.forEach(function (h) {
      var l = m.lossQ16[h], a = m.accPermille[h];
      if (l !== null) s.ema[h] = s.ema[h] === undefined || gap ? l / 65536 : s.ema[h] + EMA * (l / 65536 - s.ema[h]);
      s.loss[h].push(l === null ? null : s.ema[h]);
      s.win.loss[h].push(l === null ? null : l / 65536);
      // a late joiner's summary has only window-closing steps: those carry the whole window's accuracy
      s.acc[h].push(a === null || (inWindow < ACC_WARMUP && !closes) ? null : a / 10);
    });
    s.tail = !onGrid;
    s.last = m;
    s.at = Date.now();
    if (m.h128 !== null) s.lastH128 = { window: m.window, step: m.globalStep, h: m.h128 };
    if (s.steps.length > MAX_POINTS) thin(s);
    // two beasts training at once: stay on one (the picker switches), follow another only once this one is quiet
    if (m.beastId !== current && !picked && (!beasts[current] || Date.now() - beasts[current].at > FOLLOW_MS)) {
      current = m.beastId;
      $('pick').value = current;
    }
    lastMessageAt = Date.now();
    if (streamState !== 'live') setState('live');
    count++;
    var c = $('count');
    c.textContent = String(count);
    c.setAttribute('data-count', String(count));
    dirty = true;
  }

  function popcount(n) {
    var c = 0;
    while (n > 0) { c += n % 2; n = Math.floor(n / 2); }
    return c;
  }

  function setState(state, text) {
    streamState = state;
    var c = $('conn');
    c.textContent = text || state;
    c.setAttribute('data-state', state);
  }

  function drawChart(canvas, title, s, key, fixedMax) {
    var ctx = canvas.getContext('2d');
    var W = canvas.width, H = canvas.height, L = 60, R = 16, T = 26, B = 30;
    ctx.clearRect(0, 0, W, H);
    ctx.fillStyle = '#dde'; ctx.font = '14px sans-serif';
    ctx.fillText(title, L, 18);
    if (!s || s.steps.length === 0) return;
    var x0 = s.steps[0], x1 = s.steps[s.steps.length - 1];
    if (x1 === x0) x1 = x0 + 1;
    var ymax = fixedMax;
    if (!ymax) {
      ymax = 0;
      HEADS.forEach(function (h) { s[key][h].forEach(function (v) { if (v !== null && v > ymax) ymax = v; }); });
      ymax = ymax > 0 ? ymax * 1.1 : 1;
    }
    var px = function (x) { return L + (x - x0) / (x1 - x0) * (W - L - R); };
    var py = function (y) { return H - B - y / ymax * (H - T - B); };
    ctx.strokeStyle = '#2c3440'; ctx.fillStyle = '#99a'; ctx.font = '11px sans-serif'; ctx.lineWidth = 1;
    for (var g = 0; g <= 4; g++) {
      var yv = ymax * g / 4, yy = py(yv);
      ctx.beginPath(); ctx.moveTo(L, yy); ctx.lineTo(W - R, yy); ctx.stroke();
      ctx.fillText(yv.toFixed(fixedMax ? 0 : 2), 8, yy + 4);
    }
    ctx.fillText('step ' + x0, L, H - 10);
    ctx.fillText('step ' + s.steps[s.steps.length - 1], W - R - 80, H - 10);
    ctx.lineWidth = 2;
    var segments = {}, points = {}, range = {};
    HEADS.forEach(function (h) {
      var ys = s[key][h], pen = false;
      segments[h] = 0;
      points[h] = 0;
      ys.forEach(function (v) {
        if (v === null) return;
        range[h] = range[h] ? [Math.min(range[h][0], v), Math.max(range[h][1], v)] : [v, v];
      });
      ctx.strokeStyle = COLORS[h];
      ctx.beginPath();
      for (var i = 0; i < ys.length; i++) {
        if (ys[i] === null) continue; // no label at this step: the line goes on to the next point
        var X = px(s.steps[i]), Y = py(ys[i]);
        if (pen) ctx.lineTo(X, Y); else { ctx.moveTo(X, Y); segments[h]++; }
        pen = true;
        points[h]++;
      }
      ctx.stroke();
    });
    // what was drawn, for tests and curious users (document.getElementById(id).dataset)
    canvas.setAttribute('data-first-step', String(s.steps[0]));
    canvas.setAttribute('data-last-step', String(s.steps[s.steps.length - 1]));
    canvas.setAttribute('data-segments', JSON.stringify(segments));
    canvas.setAttribute('data-points', JSON.stringify(points));
    canvas.setAttribute('data-range', JSON.stringify(range));
  }

  function draw() {
    if (!dirty) return;
    dirty = false;
    var s = current === null ? null : beasts[current];
    drawChart($('loss'), 'loss per head, whole run (moving average over ~32 steps; caught-up history: each window\'s last step)', s, 'loss', 0);
    drawChart($('win'), s && s.win ? 'loss per head, current window ' + s.win.window + ' (every step)' : 'loss per head, current window',
      s && s.win, 'loss', 0);
    drawChart($('acc'), 'running accuracy per head (%), whole run', s, 'acc', 100);
    if (s && s.last) {
      var m = s.last;
      $('beast').textContent = '#' + decimal(m.beastId);
      $('step').textContent = String(m.globalStep);
      $('window').textContent = String(m.window);
      $('lr').textContent = '1/' + Math.pow(2, m.lrShift); // as `train` prints it
      $('slots').textContent = String(popcount(m.activeMask));
      $('energy').textContent = (m.energySpent * ENERGY_PER_UNIT).toLocaleString('en-US', { maximumFractionDigits: 3 }) + ' ENERGY';
      var w = s.lastH128;
      $('h128').textContent = w === null ? 'last window h128: -'
        : 'last window h128 (window ' + w.window + ', step ' + w.step + '): ' + w.h;
    }
  }

  function connect(cfg, delay) {
    var host = location.hostname.indexOf(':') >= 0 ? '[' + location.hostname + ']' : location.hostname;
    var ws = new WebSocket('ws://' + host + ':' + cfg.wsPort + cfg.wsPath);
    ws.onopen = function () { setState('open', 'connected, waiting for training'); delay = 250; };
    ws.onmessage = function (ev) {
      try { onMetrics(JSON.parse(ev.data)); } catch (e) { /* not a metrics message */ }
    };
    ws.onclose = function (ev) {
      var s = current === null ? null : beasts[current];
      if (ev && String(ev.reason).indexOf('too slow') >= 0) {
        // the server drops a subscriber that falls 1024 messages behind: the run goes on, the page catches up
        setState('behind', 'fell behind: training sends steps faster than this page reads them; reconnecting to catch up');
        delay = 250;
      } else if (s && s.last) setState('ended', 'ended at step ' + s.last.globalStep + ' (training finished or the server stopped); the curves stay, reconnecting');
      else setState('connecting', 'disconnected, retrying');
      setTimeout(function () { connect(cfg, Math.min(delay * 2, 5000)); }, delay);
    };
  }

  $('pick').addEventListener('change', function () {
    current = $('pick').value;
    picked = true;
    dirty = true;
  });
  setInterval(draw, 100);
  setInterval(function () {
    if (streamState === 'live' && lastMessageAt > 0 && Date.now() - lastMessageAt > IDLE_MS) {
      setState('idle', 'idle: no step for ' + Math.round((Date.now() - lastMessageAt) / 1000) + ' s (training ended or paused); the curves stay');
    }
  }, 1000);
  dirty = true;
  fetch('/config.json').then(function (r) { return r.json(); }).then(function (cfg) { connect(cfg, 250); });
})();
