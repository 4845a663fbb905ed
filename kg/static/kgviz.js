/* kgviz: a compact, dependency-free force-directed graph view for kg (EUPL-1.2, part of kg).
 *
 * Reads the graph from the JSON element #kg-data, lays it out with a
 * velocity-Verlet force simulation (Barnes–Hut many-body repulsion, spring links, gravity to the
 * centre; the same scheme as d3-force), draws it on a canvas and wires up search, colouring,
 * category and degree filters, pan/zoom/drag and a details panel. Deterministic (seeded, and the
 * layout runs to the end before the first frame unless the graph is very large): the same graph
 * gives the same picture. Never touches the network. Open page.html#node=<IRI> to select a node.
 */
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('kg-data').textContent);
  var canvas = document.getElementById('kg-canvas');
  var ctx = canvas.getContext('2d');
  var $ = function (id) { return document.getElementById(id); };

  // --- model -------------------------------------------------------------------------------------
  var nodes = data.nodes.map(function (n, i) {
    var a = i * Math.PI * (3 - Math.sqrt(5)), r = 10 * Math.sqrt(0.5 + i);
    return Object.assign({ index: i, x: r * Math.cos(a), y: r * Math.sin(a), vx: 0, vy: 0, fx: null, fy: null, deg: 0, nbrs: [] }, n);
  });
  var links = data.edges.map(function (e) {
    var s = nodes[e[0]], t = nodes[e[1]];
    s.deg++; t.deg++;
    s.nbrs.push({ node: t, weight: e[2], rel: e[3], out: true });
    t.nbrs.push({ node: s, weight: e[2], rel: e[3], out: false });
    return { source: s, target: t, weight: e[2], rel: e[3] };
  });
  var maxDegree = nodes.reduce(function (m, n) { return Math.max(m, n.degree || n.deg); }, 0);
  nodes.forEach(function (n) { n.r = 3 + 14 * Math.sqrt((n.degree || n.deg) / Math.max(maxDegree, 40)); });

  var state = {
    colorBy: data.colorBy, hidden: {}, minDegree: 0, query: '', selected: null, labels: true,
    k: 1, tx: 0, ty: 0, alpha: 1, running: false
  };

  // --- colours -------------------------------------------------------------------------------------
  var PALETTE = data.palette, TYPE_COLOURS = data.typeColours;
  var NONE = '(none)';
  function category(n) { var v = n[state.colorBy]; return v === undefined || v === null || v === '' ? NONE : String(v); }
  var colourOf = {};
  function assignColours() {
    var counts = {};
    nodes.forEach(function (n) { var c = category(n); counts[c] = (counts[c] || 0) + 1; });
    var cats = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); });
    colourOf = {};
    var i = 0;
    cats.forEach(function (c) {
      if (c === NONE) colourOf[c] = data.noneColour;
      else if (state.colorBy === 'type' && TYPE_COLOURS[c]) colourOf[c] = TYPE_COLOURS[c];
      else colourOf[c] = i < PALETTE.length ? PALETTE[i++] : '#8c8c8c';
    });
    return cats.map(function (c) { return { name: c, count: counts[c] }; });
  }

  // --- visibility ----------------------------------------------------------------------------------
  function visible(n) { return !state.hidden[category(n)] && n.deg >= state.minDegree; }
  function matches(n) {
    if (!state.query) return false;
    return n.label.toLowerCase().indexOf(state.query) >= 0 || String(n.id).toLowerCase().indexOf(state.query) >= 0;
  }
  function updateCounts() {
    var vn = 0, ve = 0;
    nodes.forEach(function (n) { if (visible(n)) vn++; });
    links.forEach(function (l) { if (visible(l.source) && visible(l.target)) ve++; });
    document.body.dataset.renderedNodes = String(vn);
    document.body.dataset.renderedEdges = String(ve);
    $('kg-rendered-nodes').textContent = String(vn);
    $('kg-rendered-edges').textContent = String(ve);
  }

  // --- forces --------------------------------------------------------------------------------------
  var THETA2 = 0.81, DIST_MIN2 = 1, VELOCITY_DECAY = 0.6, ALPHA_MIN = 0.002, ALPHA_DECAY = 1 - Math.pow(0.002, 1 / 300);
  var GRAVITY = 0.04;
  links.forEach(function (l) {
    l.strength = 1 / Math.min(l.source.deg, l.target.deg);
    l.bias = l.source.deg / (l.source.deg + l.target.deg);
    l.distance = 40 + l.source.r + l.target.r;
  });
  nodes.forEach(function (n) { n.charge = -60 - 10 * n.r; });

  var seed = 42;
  function jitter() { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 4294967296; }  // seeded: same picture every time
  function Quad(x0, y0, size) { this.x0 = x0; this.y0 = y0; this.size = size; this.body = null; this.kids = null; this.mass = 0; this.cx = 0; this.cy = 0; }
  function insert(q, n, depth) {
    for (;;) {
      if (q.kids === null && q.body === null) { q.body = n; return; }
      if (q.kids === null) {
        var old = q.body;
        if (depth > 48 || (old.x === n.x && old.y === n.y)) { n.x += (jitter() - 0.5) * 1e-3; n.y += (jitter() - 0.5) * 1e-3; }
        q.body = null; q.kids = [null, null, null, null];
        place(q, old);
      }
      var h = q.size / 2, i = (n.x >= q.x0 + h ? 1 : 0) + (n.y >= q.y0 + h ? 2 : 0);
      if (q.kids[i] === null) q.kids[i] = new Quad(q.x0 + (i & 1 ? h : 0), q.y0 + (i & 2 ? h : 0), h);
      q = q.kids[i]; depth++;
    }
  }
  function place(q, n) {
    var h = q.size / 2, i = (n.x >= q.x0 + h ? 1 : 0) + (n.y >= q.y0 + h ? 2 : 0);
    q.kids[i] = new Quad(q.x0 + (i & 1 ? h : 0), q.y0 + (i & 2 ? h : 0), h);
    q.kids[i].body = n;
  }
  function accumulate(q) {
    if (q.kids === null) { q.mass = q.body.charge; q.cx = q.body.x; q.cy = q.body.y; return; }
    var m = 0, x = 0, y = 0;
    for (var i = 0; i < 4; i++) {
      var c = q.kids[i];
      if (c === null) continue;
      accumulate(c);
      var w = Math.abs(c.mass); m += c.mass; x += c.cx * w; y += c.cy * w;
    }
    var tw = 0;
    for (var j = 0; j < 4; j++) if (q.kids[j] !== null) tw += Math.abs(q.kids[j].mass);
    q.mass = m; q.cx = x / tw; q.cy = y / tw;
  }
  function repel(q, n, alpha) {
    var stack = [q];
    while (stack.length) {
      var c = stack.pop();
      if (c.kids === null && c.body === n) continue;
      var dx = c.cx - n.x, dy = c.cy - n.y, d2 = dx * dx + dy * dy;
      if (c.kids === null || (c.size * c.size) / THETA2 < d2) {
        if (d2 < DIST_MIN2) d2 = Math.sqrt(DIST_MIN2 * d2) || DIST_MIN2;
        var f = (c.mass * alpha) / d2;
        n.vx += dx * f; n.vy += dy * f;
      } else {
        for (var i = 0; i < 4; i++) if (c.kids[i] !== null) stack.push(c.kids[i]);
      }
    }
  }
  function tick() {
    var a = state.alpha, i, n, l;
    for (i = 0; i < links.length; i++) {
      l = links[i];
      var s = l.source, t = l.target;
      var dx = t.x + t.vx - s.x - s.vx || 1e-6, dy = t.y + t.vy - s.y - s.vy || 1e-6;
      var d = Math.sqrt(dx * dx + dy * dy), k = ((d - l.distance) / d) * a * l.strength;
      dx *= k; dy *= k;
      t.vx -= dx * l.bias; t.vy -= dy * l.bias;
      s.vx += dx * (1 - l.bias); s.vy += dy * (1 - l.bias);
    }
    if (nodes.length) {
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (i = 0; i < nodes.length; i++) { n = nodes[i]; if (n.x < x0) x0 = n.x; if (n.y < y0) y0 = n.y; if (n.x > x1) x1 = n.x; if (n.y > y1) y1 = n.y; }
      var root = new Quad(x0, y0, Math.max(x1 - x0, y1 - y0, 1) * 1.0001 + 1e-6);
      for (i = 0; i < nodes.length; i++) insert(root, nodes[i], 0);
      accumulate(root);
      for (i = 0; i < nodes.length; i++) repel(root, nodes[i], a);
    }
    for (i = 0; i < nodes.length; i++) {
      n = nodes[i];
      n.vx -= n.x * GRAVITY * a; n.vy -= n.y * GRAVITY * a;
      if (n.fx !== null) { n.x = n.fx; n.y = n.fy; n.vx = n.vy = 0; continue; }
      n.vx *= VELOCITY_DECAY; n.vy *= VELOCITY_DECAY;
      n.x += n.vx; n.y += n.vy;
    }
    state.alpha += (0 - state.alpha) * ALPHA_DECAY;
  }

  // --- drawing -------------------------------------------------------------------------------------
  var dpr = window.devicePixelRatio || 1, W = 0, H = 0;
  function resize() {
    var box = canvas.parentNode.getBoundingClientRect();
    W = Math.max(box.width, 100); H = Math.max(box.height, 100);
    canvas.width = W * dpr; canvas.height = H * dpr;
    canvas.style.width = W + 'px'; canvas.style.height = H + 'px';
    draw();
  }
  function fit() {
    var vis = nodes.filter(visible);
    if (!vis.length) { state.k = 1; state.tx = W / 2; state.ty = H / 2; return; }
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    vis.forEach(function (n) { x0 = Math.min(x0, n.x - n.r); y0 = Math.min(y0, n.y - n.r); x1 = Math.max(x1, n.x + n.r); y1 = Math.max(y1, n.y + n.r); });
    var k = Math.min(W / (x1 - x0 + 80), H / (y1 - y0 + 80), 3);
    state.k = k; state.tx = W / 2 - k * (x0 + x1) / 2; state.ty = H / 2 - k * (y0 + y1) / 2;
  }
  function neighbourSet(n) {
    var s = {};
    if (n) { s[n.index] = true; n.nbrs.forEach(function (b) { s[b.node.index] = true; }); }
    return s;
  }
  function draw() {
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, W, H);
    ctx.setTransform(dpr * state.k, 0, 0, dpr * state.k, dpr * state.tx, dpr * state.ty);
    var sel = state.selected, near = neighbourSet(sel), arrows = data.directed && links.length <= 3000;
    for (var i = 0; i < links.length; i++) {
      var l = links[i], s = l.source, t = l.target;
      if (!visible(s) || !visible(t)) continue;
      var hot = sel && (s === sel || t === sel);
      ctx.strokeStyle = hot ? 'rgba(40,40,40,0.85)' : sel ? 'rgba(150,150,150,0.12)' : 'rgba(120,120,120,0.35)';
      ctx.lineWidth = (0.6 + Math.log(1 + l.weight) * 0.9) / Math.sqrt(state.k);
      ctx.beginPath(); ctx.moveTo(s.x, s.y); ctx.lineTo(t.x, t.y); ctx.stroke();
      if (arrows) arrow(s, t, ctx.strokeStyle);
    }
    var labelled = [];
    for (var j = 0; j < nodes.length; j++) {
      var n = nodes[j];
      if (!visible(n)) continue;
      var dim = sel && !near[n.index];
      ctx.globalAlpha = dim ? 0.25 : 1;
      ctx.fillStyle = colourOf[category(n)] || '#888';
      ctx.beginPath(); ctx.arc(n.x, n.y, n.r, 0, 2 * Math.PI); ctx.fill();
      ctx.lineWidth = (n === sel ? 3 : 1) / state.k;
      ctx.strokeStyle = n === sel ? '#000' : '#fff';
      ctx.stroke();
      if (matches(n)) { ctx.lineWidth = 3 / state.k; ctx.strokeStyle = '#ff7f0e'; ctx.beginPath(); ctx.arc(n.x, n.y, n.r + 3 / state.k, 0, 2 * Math.PI); ctx.stroke(); }
      if (state.labels && !dim && (nodes.length <= 150 || n.rank < 25 || n.r * state.k > 6 || near[n.index] || matches(n))) labelled.push(n);
    }
    ctx.globalAlpha = 1;
    drawLabels(labelled, sel);
  }
  // Labels in screen space, best-ranked first, skipping any that would overlap one already drawn.
  function drawLabels(cands, sel) {
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.font = '12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    cands.sort(function (a, b) { return (b === sel) - (a === sel) || a.rank - b.rank; });
    var placed = [];
    cands.forEach(function (n) {
      var text = n.label.length > 40 ? n.label.slice(0, 39) + '…' : n.label;
      var x = n.x * state.k + state.tx + n.r * state.k + 3, y = n.y * state.k + state.ty;
      var w = ctx.measureText(text).width, box = [x - 1, y - 8, x + w + 1, y + 8];
      if (x > W || y < -8 || y > H + 8 || x + w < 0) return;
      for (var i = 0; i < placed.length; i++) {
        var b = placed[i];
        if (box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1]) return;
      }
      placed.push(box);
      ctx.lineWidth = 3; ctx.strokeStyle = 'rgba(255,255,255,0.9)';
      ctx.strokeText(text, x, y);
      ctx.fillStyle = '#222'; ctx.fillText(text, x, y);
    });
    ctx.setTransform(dpr * state.k, 0, 0, dpr * state.k, dpr * state.tx, dpr * state.ty);
  }
  function arrow(s, t, colour) {
    var dx = t.x - s.x, dy = t.y - s.y, d = Math.sqrt(dx * dx + dy * dy);
    if (d < 1e-6) return;
    var ux = dx / d, uy = dy / d, tipx = t.x - ux * t.r, tipy = t.y - uy * t.r, size = 6 / Math.sqrt(state.k);
    ctx.fillStyle = colour;
    ctx.beginPath(); ctx.moveTo(tipx, tipy);
    ctx.lineTo(tipx - ux * size - uy * size * 0.5, tipy - uy * size + ux * size * 0.5);
    ctx.lineTo(tipx - ux * size + uy * size * 0.5, tipy - uy * size - ux * size * 0.5);
    ctx.closePath(); ctx.fill();
  }

  // --- simulation loop -----------------------------------------------------------------------------
  function warmUp(budgetMs) {
    var t0 = Date.now();
    while (state.alpha > ALPHA_MIN && Date.now() - t0 < budgetMs) tick();
  }
  function run() {
    if (state.running) return;
    state.running = true;
    var step = function () {
      if (state.alpha <= ALPHA_MIN) { state.running = false; draw(); return; }
      tick(); draw();
      window.requestAnimationFrame(step);
    };
    window.requestAnimationFrame(step);
  }
  function reheat(a) { state.alpha = Math.max(state.alpha, a); run(); }

  // --- interaction ---------------------------------------------------------------------------------
  function toGraph(ev) {
    var b = canvas.getBoundingClientRect();
    return { x: (ev.clientX - b.left - state.tx) / state.k, y: (ev.clientY - b.top - state.ty) / state.k };
  }
  function hit(p) {
    var best = null, bestD = Infinity;
    for (var i = nodes.length - 1; i >= 0; i--) {
      var n = nodes[i];
      if (!visible(n)) continue;
      var dx = n.x - p.x, dy = n.y - p.y, d = dx * dx + dy * dy, r = n.r + 3 / state.k;
      if (d <= r * r && d < bestD) { best = n; bestD = d; }
    }
    return best;
  }
  var drag = null;
  canvas.addEventListener('pointerdown', function (ev) {
    var p = toGraph(ev), n = hit(p);
    drag = { node: n, x0: ev.clientX, y0: ev.clientY, tx: state.tx, ty: state.ty, moved: false };
    canvas.setPointerCapture(ev.pointerId);
  });
  canvas.addEventListener('pointermove', function (ev) {
    if (!drag) { canvas.style.cursor = hit(toGraph(ev)) ? 'pointer' : 'grab'; return; }
    if (Math.abs(ev.clientX - drag.x0) + Math.abs(ev.clientY - drag.y0) > 3) drag.moved = true;
    if (!drag.moved) return;
    if (drag.node) {
      var p = toGraph(ev);
      drag.node.fx = p.x; drag.node.fy = p.y; drag.node.x = p.x; drag.node.y = p.y;
      reheat(0.15);
    } else {
      state.tx = drag.tx + ev.clientX - drag.x0; state.ty = drag.ty + ev.clientY - drag.y0;
    }
    draw();
  });
  canvas.addEventListener('pointerup', function () {
    if (drag && !drag.moved) select(drag.node);
    if (drag && drag.node) { drag.node.fx = drag.node.fy = null; }
    drag = null;
  });
  canvas.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var b = canvas.getBoundingClientRect(), mx = ev.clientX - b.left, my = ev.clientY - b.top;
    var k = Math.min(Math.max(state.k * Math.exp(-ev.deltaY * 0.0015), 0.02), 40);
    state.tx = mx - (mx - state.tx) * (k / state.k); state.ty = my - (my - state.ty) * (k / state.k); state.k = k;
    draw();
  }, { passive: false });

  // --- panel ---------------------------------------------------------------------------------------
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function safeUrl(u) { return typeof u === 'string' && /^https?:\/\/[^\s"'<>]+$/.test(u) ? u : null; }
  function docUrl(id) { return /^(ah|kv)-(tk|ek)-(?!x-)[0-9A-Za-z-]+$/.test(id) ? 'https://zoek.officielebekendmakingen.nl/' + id + '.html' : null; }
  var LINKS = [['wikidata', 'Wikidata'], ['tweedekamer', 'Tweede Kamer'], ['officielebekendmakingen', 'officielebekendmakingen.nl'],
    ['parlement', 'Parlement.com'], ['wetten', 'wetten.overheid.nl'], ['page', 'web page']];
  var SHOWN = ['type', 'party', 'parties', 'ministry', 'role', 'title', 'submitted', 'received', 'answered_by', 'documents'];

  function select(n) {
    state.selected = n || null;
    var box = $('kg-details');
    box.textContent = '';
    document.body.dataset.selected = n ? n.id : '';
    if (!n) { box.appendChild(el('p', { 'class': 'kg-hint' }, 'Click a node to see its details, links and documents.')); draw(); return; }
    box.appendChild(el('h2', null, n.label));
    var dl = el('dl');
    SHOWN.forEach(function (k) {
      var v = n[k];
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) return;
      dl.appendChild(el('dt', null, k === 'documents' ? 'publications' : k.replace('_', ' ')));
      dl.appendChild(el('dd', null, Array.isArray(v) ? v.join(', ') : v));
    });
    dl.appendChild(el('dt', null, 'connections')); dl.appendChild(el('dd', null, n.degree !== undefined ? n.degree : n.deg));
    dl.appendChild(el('dt', null, 'IRI')); dl.appendChild(el('dd', { 'class': 'kg-iri' }, n.id));
    box.appendChild(dl);
    var ext = LINKS.filter(function (p) { return safeUrl(n[p[0]]); });
    if (ext.length) {
      box.appendChild(el('h3', null, 'Elsewhere'));
      var ul = el('ul', { 'class': 'kg-links' });
      ext.forEach(function (p) { var li = el('li'); li.appendChild(el('a', { href: safeUrl(n[p[0]]), target: '_blank', rel: 'noopener noreferrer' }, p[1])); ul.appendChild(li); });
      box.appendChild(ul);
    }
    if (n.docs && n.docs.length) {
      box.appendChild(el('h3', null, 'Publications' + (n.docsTotal > n.docs.length ? ' (' + n.docs.length + ' of ' + n.docsTotal + ')' : ' (' + n.docs.length + ')')));
      var dul = el('ul', { 'class': 'kg-docs' });
      n.docs.forEach(function (id) {
        var li = el('li'), u = docUrl(id);
        li.appendChild(u ? el('a', { href: u, target: '_blank', rel: 'noopener noreferrer' }, id) : el('span', null, id));
        dul.appendChild(li);
      });
      box.appendChild(dul);
    }
    if (n.nbrs.length) {
      box.appendChild(el('h3', null, 'Connected to (' + n.nbrs.length + ')'));
      var nul = el('ul', { 'class': 'kg-nbrs' });
      n.nbrs.slice().sort(function (a, b) { return b.weight - a.weight || (a.node.label < b.node.label ? -1 : 1); }).slice(0, 100).forEach(function (b) {
        var li = el('li'), a = el('a', { href: '#' }, b.node.label);
        a.addEventListener('click', function (ev) { ev.preventDefault(); focusOn(b.node); });
        li.appendChild(a);
        li.appendChild(el('span', { 'class': 'kg-w' }, ' ' + (b.out ? '→ ' : '← ') + b.rel + ' · ' + b.weight));
        nul.appendChild(li);
      });
      box.appendChild(nul);
    }
    draw();
  }
  function focusOn(n) {
    state.hidden[category(n)] = false;
    state.tx = W / 2 - n.x * state.k; state.ty = H / 2 - n.y * state.k;
    buildLegend(); updateCounts(); select(n);
  }

  function buildLegend() {
    var cats = assignColours(), box = $('kg-legend');
    box.textContent = '';
    cats.forEach(function (c) {
      var id = 'kg-cat-' + Math.abs(hash(c.name));
      var row = el('label', { 'class': 'kg-cat', 'for': id });
      var cb = el('input', { type: 'checkbox', id: id });
      cb.checked = !state.hidden[c.name];
      cb.addEventListener('change', function () { state.hidden[c.name] = !cb.checked; updateCounts(); draw(); });
      var sw = el('span', { 'class': 'kg-swatch' }); sw.style.background = colourOf[c.name];
      row.appendChild(cb); row.appendChild(sw); row.appendChild(el('span', null, c.name + ' (' + c.count + ')'));
      box.appendChild(row);
    });
  }
  function hash(s) { var h = 0; for (var i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0; return h; }

  $('kg-search').addEventListener('input', function (ev) {
    state.query = ev.target.value.trim().toLowerCase();
    var found = state.query ? nodes.filter(function (n) { return visible(n) && matches(n); }) : [];
    $('kg-search-count').textContent = state.query ? found.length + ' found' : '';
    draw();
  });
  $('kg-search').addEventListener('keydown', function (ev) {
    if (ev.key !== 'Enter') return;
    var found = nodes.filter(function (n) { return visible(n) && matches(n); });
    found.sort(function (a, b) { return a.rank - b.rank; });
    if (found.length) focusOn(found[0]);
  });
  $('kg-color').value = state.colorBy;
  $('kg-color').addEventListener('change', function (ev) { state.colorBy = ev.target.value; state.hidden = {}; buildLegend(); updateCounts(); draw(); });
  var maxDeg = nodes.reduce(function (m, n) { return Math.max(m, n.deg); }, 0);
  $('kg-min-degree').max = String(Math.max(maxDeg, 1));
  $('kg-min-degree').addEventListener('input', function (ev) {
    state.minDegree = +ev.target.value; $('kg-min-degree-value').textContent = ev.target.value; updateCounts(); draw();
  });
  $('kg-labels').addEventListener('change', function (ev) { state.labels = ev.target.checked; draw(); });
  $('kg-fit').addEventListener('click', function () { fit(); draw(); });
  $('kg-relayout').addEventListener('click', function () { reheat(0.6); });
  window.addEventListener('resize', resize);

  // --- start ---------------------------------------------------------------------------------------
  nodes.slice().sort(function (a, b) { return b.deg - a.deg || (a.label < b.label ? -1 : 1); }).forEach(function (n, i) { n.rank = i; });
  buildLegend();
  updateCounts();
  select(null);
  warmUp(nodes.length > 3000 ? 800 : 3000);  // the whole layout, unless the graph is very large
  resize();
  fit();
  draw();
  var wanted = /^#node=(.+)$/.exec(window.location.hash || '');  // deep link: page.html#node=<IRI>
  if (wanted) {
    var id = decodeURIComponent(wanted[1]);
    var hitNode = nodes.filter(function (n) { return n.id === id; })[0];
    if (hitNode) focusOn(hitNode);
  }
  document.body.dataset.ready = 'true';
  if (state.alpha > ALPHA_MIN) run();
})();
