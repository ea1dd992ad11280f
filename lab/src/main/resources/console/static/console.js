// The console's page: one event stream of frames (one a second, from the lab's sampler), charts
// drawn with uPlot, the cluster drawn as SVG, and forms that post lab command lines' parameters.
// Every change is a POST carrying the page's token; the cluster's admin token never reaches here.
"use strict";

const TOKEN = document.querySelector('meta[name="console-token"]').content;
const KEEP = 600; // ten minutes of one-second frames, as the server keeps
const COLORS = { sync: "#0072b2", async: "#d55e00", accept: "#009e73", syncErr: "#56b4e9",
  asyncErr: "#e69f00", fault: "rgba(153,153,153,0.25)" };
const $ = (id) => document.getElementById(id);
let windows = [];
let lastFrameAt = 0;

// ---- talking to the console ----
async function post(url, fields) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== null) body.append(k, v);
  try {
    const response = await fetch(url, { method: "POST", body,
      headers: { "X-Console-Token": TOKEN } });
    const json = await response.json().catch(() => ({ ok: false, message: "HTTP " + response.status }));
    return json;
  } catch (e) {
    return { ok: false, message: "the console does not answer (" + e.message + "): is lab console running?" };
  }
}

function say(id, result) {
  const el = $(id);
  el.textContent = (result.line ? "$ " + result.line + "\n→ " : "") + result.message;
  el.className = "result " + (result.ok ? "good" : "bad");
}

function fmt(v, digits) {
  if (v === null || v === undefined || Number.isNaN(v)) return "–";
  return v >= 100 ? Math.round(v).toString() : v.toFixed(digits === undefined ? 1 : digits);
}

// ---- charts ----
function shading(u) {
  const ctx = u.ctx;
  const top = u.bbox.top, height = u.bbox.height;
  ctx.save();
  ctx.fillStyle = COLORS.fault;
  const now = Date.now() / 1000;
  for (const w of windows) {
    const from = u.valToPos(w.from / 1000, "x", true);
    const to = u.valToPos((w.to === null || w.to === undefined ? now : w.to / 1000), "x", true);
    const left = Math.max(from, u.bbox.left), right = Math.min(to, u.bbox.left + u.bbox.width);
    if (right > left) ctx.fillRect(left, top, right - left, height);
  }
  ctx.restore();
}

function chart(el, title, series, yLabel) {
  const width = Math.max(300, $(el).clientWidth - 10);
  const opts = { title, width, height: 150, legend: { live: false },
    scales: { x: { time: true } },
    axes: [{}, { label: yLabel, size: 50 }],
    series: [{}].concat(series.map(s => ({ label: s.label, stroke: s.color, width: 1.5, spanGaps: false }))),
    hooks: { drawClear: [shading] } };
  const data = [[]].concat(series.map(() => []));
  return { plot: new uPlot(opts, data, $(el)), data, pick: series.map(s => s.pick) };
}

const charts = [
  chart("chart-sync-rate", "sync orders/s", [
    { label: "answered OK", color: COLORS.sync, pick: f => lane(f, "sync", "accepted") },
    { label: "errors", color: COLORS.syncErr, pick: f => lane(f, "sync", "errors") },
    { label: "failed", color: "#cc79a7", pick: f => lane(f, "sync", "failed") }], "/s"),
  chart("chart-sync-latency", "sync answer ms", [
    { label: "p50", color: COLORS.sync, pick: f => lane(f, "sync", "answerP50Ms") },
    { label: "p99", color: COLORS.syncErr, pick: f => lane(f, "sync", "answerP99Ms") }], "ms"),
  chart("chart-sync-guards", "sync chain: calls in flight, retries/s, breakers open", [
    { label: "PlaceOrder in flight (both styles)", color: COLORS.sync, pick: f => guard(f, "inFlight") },
    { label: "retries/s", color: "#cc79a7", pick: f => guard(f, "retries") },
    { label: "breakers open", color: "#000", pick: f => guard(f, "breakersOpen") }], ""),
  chart("chart-async-rate", "async orders/s", [
    { label: "accepted", color: COLORS.accept, pick: f => lane(f, "async", "accepted") },
    { label: "completed", color: COLORS.async, pick: f => lane(f, "async", "completed") },
    { label: "errors", color: COLORS.asyncErr, pick: f => lane(f, "async", "errors") }], "/s"),
  chart("chart-async-latency", "async ms", [
    { label: "accept p50", color: COLORS.accept, pick: f => lane(f, "async", "answerP50Ms") },
    { label: "accept p99", color: "#56b4e9", pick: f => lane(f, "async", "answerP99Ms") },
    { label: "to final p99", color: COLORS.async, pick: f => lane(f, "async", "finalP99Ms") }], "ms"),
  chart("chart-async-queues", "async chain: consumer lag, outbox backlog", [
    { label: "consumer lag (brokers)", color: COLORS.async, pick: f => queue(f, "consumerLag") },
    { label: "outbox backlog", color: COLORS.asyncErr, pick: f => queue(f, "outboxBacklog") }], "records")];

function lane(f, style, key) { return f.lanes ? nan(f.lanes[style][key]) : null; }
function guard(f, key) { return f.lanes ? nan(f.lanes.syncGuards[key]) : null; }
function queue(f, key) { return f.lanes ? nan(f.lanes.asyncQueues[key]) : null; }
function nan(v) { return v === undefined || v === null || Number.isNaN(v) ? null : v; }

function addToCharts(frame) {
  for (const c of charts) {
    c.data[0].push(frame.t / 1000);
    c.pick.forEach((pick, i) => c.data[i + 1].push(pick(frame)));
    if (c.data[0].length > KEEP) c.data.forEach(a => a.shift());
  }
}

function redraw() { for (const c of charts) c.plot.setData(c.data); }

// ---- the lanes' figures ----
function showFigures(f) {
  for (const style of ["sync", "async"]) {
    const l = f.lanes ? f.lanes[style] : null;
    $(style + "-accepted").textContent = l ? fmt(l.accepted) : "–";
    $(style + "-errors").textContent = l ? fmt(l.errors) : "–";
    $(style + "-completed").textContent = l ? fmt(l.completed) : "–";
    $(style + "-failed").textContent = l ? fmt(l.failed) : "–";
    $(style + "-p50").textContent = l ? fmt(l.answerP50Ms, 2) : "–";
    const codes = l ? Object.entries(l.errorsByCode).map(([c, n]) => c + " " + n).join(", ") : "";
    $(style + "-codes").textContent = codes ? "errors this second: " + codes : "";
  }
  $("sync-p99").textContent = f.lanes ? fmt(f.lanes.sync.answerP99Ms, 2) : "–";
  $("async-final").textContent = f.lanes ? fmt(f.lanes.async.finalP99Ms, 1) : "–";
  $("async-lag").textContent = f.lanes ? fmt(f.lanes.asyncQueues.consumerLag, 0) : "–";
  $("async-backlog").textContent = f.lanes ? fmt(f.lanes.asyncQueues.outboxBacklog, 0) : "–";
  if (!f.lanes) {
    const why = f.scrapeErrors["order-service"] || "waiting for a second scrape";
    $("sync-codes").textContent = "no figures: " + why;
    $("async-codes").textContent = "no figures: " + why;
  }
}

// ---- the cluster as a picture ----
const HEALTH = { up: "#d9f2e3", starting: "#fff3c4", paused: "#fde2c4", down: "#f6c9c9" };
function drawCluster(f) {
  const parts = Object.fromEntries(f.parts.map(p => [p.name, p]));
  const brokers = f.parts.filter(p => p.kind === "broker");
  const W = 220, H = 74;
  let svg = '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="310" font-family="sans-serif" font-size="12">';
  svg += '<defs><marker id="arrow" markerWidth="8" markerHeight="8" refX="7" refY="4" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#555"/></marker></defs>';
  const link = (x1, y1, x2, y2, color, label, dash) => {
    svg += `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${color}" stroke-width="2" ${dash ? 'stroke-dasharray="6 4"' : ""} marker-end="url(#arrow)"/>`;
    svg += `<text x="${(x1 + x2) / 2}" y="${(y1 + y2) / 2 - 4}" text-anchor="middle" fill="${color}">${esc(label)}</text>`;
  };
  // gRPC links (solid, sync blue) pass above and below the brokers; the topics (dashed, async
  // orange) go through them.
  link(262, 128, 558, 52, COLORS.sync, "gRPC Reserve (sync)");
  link(262, 186, 558, 262, COLORS.sync, "gRPC Notify (sync)");
  link(262, 150, 318, 150, COLORS.async, "", true);
  link(482, 140, 558, 86, COLORS.async, "", true);
  link(558, 96, 482, 156, COLORS.async, "", true);
  link(482, 170, 558, 236, COLORS.async, "", true);
  const box = (name, x, y, w, h) => {
    const p = parts[name] || { health: "unknown", faults: [] };
    svg += `<g id="part-${esc(name)}" data-health="${esc(p.health)}">`;
    svg += `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="6" fill="${HEALTH[p.health] || "#eee"}" stroke="#555"/>`;
    svg += `<text x="${x + 8}" y="${y + 16}" font-weight="bold">${esc(name)}</text>`;
    svg += `<text x="${x + w - 8}" y="${y + 16}" text-anchor="end">${esc(p.health)}</text>`;
    p.faults.slice(0, 3).forEach((fault, i) =>
      svg += `<text x="${x + 8}" y="${y + 34 + i * 14}" fill="#b00" font-size="10.5">${esc(short(fault))}</text>`);
    svg += "</g>";
  };
  box("order-service", 40, 118, W, H);
  box("inventory-service", 560, 20, W, H);
  box("notification-service", 560, 230, W, H);
  const bw = 156 / Math.max(1, brokers.length);
  svg += `<rect x="320" y="112" width="162" height="86" rx="6" fill="#fff" stroke="#999" stroke-dasharray="3 3"/>`;
  svg += `<text x="401" y="126" text-anchor="middle" fill="#555" font-size="10.5">Kafka (KRaft)</text>`;
  brokers.forEach((p, i) => {
    const x = 323 + i * bw, cx = x + (bw - 4) / 2;
    svg += `<g id="part-${esc(p.name)}" data-health="${esc(p.health)}"><rect x="${x}" y="131" width="${bw - 4}" height="44" rx="4" fill="${HEALTH[p.health] || "#eee"}" stroke="#555"/>`;
    svg += `<text x="${cx}" y="148" text-anchor="middle" font-size="10.5">${esc(p.name)}</text>`;
    svg += `<text x="${cx}" y="162" text-anchor="middle" font-size="10">${esc(p.health)}</text>`;
    if (p.faults.length) svg += `<text x="${cx}" y="172" text-anchor="middle" fill="#b00" font-size="9">${esc(short(p.faults[0]).slice(0, 18))}</text>`;
    svg += "</g>";
  });
  svg += `<text x="401" y="191" text-anchor="middle" fill="${COLORS.async}" font-size="10">orders · inventory · notifications</text>`;
  svg += "</svg>";
  $("picture").innerHTML = svg;
  const notes = (f.faultNotes || []).concat(f.parts.flatMap(p => p.faults.map(x => p.name + " " + x)));
  $("fault-notes").innerHTML = notes.map(n => "<li>" + esc(n) + "</li>").join("");
}

function short(text) { return text.length > 46 ? text.slice(0, 45) + "…" : text; }
function esc(s) {
  return String(s).replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

// ---- load, scenario ----
function showLoad(load) {
  if (!load || load.rate === undefined) { $("load-status").textContent = "no load from this console"; return; }
  const styles = Object.entries(load.styles).map(([s, v]) =>
    `${s}: sent ${v.sent}, waiting ${v.inFlight}, failed ${v.errors}`).join("; ");
  $("load-status").textContent = (load.running ? "running: " : "ended: ") + load.rate + "/s per style, "
    + load.elapsedSeconds + " of " + load.durationSeconds + " s. " + styles;
  const recent = Object.entries(load.styles).map(([s, v]) => v.lastTraced).filter(Boolean);
  if (recent.length) {
    $("order-recent").innerHTML = "latest traced orders of the load: " +
      recent.map(id => `<a class="order" data-id="${esc(id)}">${esc(id)}</a>`).join("") +
      (recent.length === 2 ? `<a class="order" data-id="${esc(recent.join(" "))}">both side by side</a>` : "");
  }
}

function showScenario(s) {
  if (!s || !s.name) return;
  const total = s.totalMillis || s.loadSeconds * 1000;
  const elapsed = s.elapsedMillis || 0;
  $("scenario-bar").style.width = s.running ? Math.min(100, 100 * elapsed / Math.max(1, total)) + "%" : "100%";
  let text = s.running
    ? `${s.name}: ${s.phase || "starting"} ${Math.round(elapsed / 1000)} of ${Math.round(total / 1000)} s` +
      (s.activeFaults && s.activeFaults.length ? "; in force: " + s.activeFaults.join(", ") : "")
    : `${s.name}: ended, exit ${s.exitCode}: ${s.summary}`;
  const status = $("scenario-status");
  if (status.dataset.text !== text) { // rewriting it each sample would drop the report link
    status.textContent = text;
    status.dataset.text = text;
  }
  let svg = "";
  const width = $("scenario-timeline").clientWidth || 800;
  const x = t => 10 + (width - 20) * t / Math.max(1, s.loadSeconds);
  svg += `<line x1="10" y1="30" x2="${width - 10}" y2="30" stroke="#999"/>`;
  for (const step of s.timeline || []) {
    const to = step.forSeconds === null ? s.loadSeconds : step.atSeconds + step.forSeconds;
    svg += `<rect x="${x(step.atSeconds)}" y="12" width="${Math.max(2, x(to) - x(step.atSeconds))}" height="14" fill="#999" opacity="0.5"><title>${esc(step.text)}</title></rect>`;
    svg += `<text x="${x(step.atSeconds) + 2}" y="10" font-size="10">${esc(short(step.text))}</text>`;
  }
  if (s.running && s.phase === "LOAD") svg += `<line x1="${x(elapsed / 1000)}" y1="5" x2="${x(elapsed / 1000)}" y2="38" stroke="${COLORS.sync}" stroke-width="2"/>`;
  $("scenario-timeline").innerHTML = svg;
  if (!s.running && s.reportReady && $("scenario-report-link") === null) {
    $("scenario-status").insertAdjacentHTML("beforeend",
      ` <a id="scenario-report-link" href="#" data-report="${esc(s.report)}">open its report</a>`);
    loadReports();
  }
}

async function loadReports() {
  const list = await (await fetch("/api/reports")).json();
  $("reports").innerHTML = list.slice(0, 15).map(r =>
    `<li><a href="#" data-report="${esc(r.name)}">${esc(r.name)}</a></li>`).join("");
}

async function openReport(name) {
  const response = await fetch("/reports/" + encodeURIComponent(name));
  if (!response.ok) { $("report-view").textContent = "no report " + name; return; }
  const report = await response.json();
  const view = $("report-view");
  view.innerHTML = report.html; // commonmark's HTML, the report's own raw HTML escaped
  view.querySelectorAll("img").forEach(img => {
    const src = img.getAttribute("src");
    if (src && !src.includes("/")) img.src = "/reports/" + encodeURIComponent(name) + "/" + encodeURIComponent(src);
  });
  view.dataset.report = name;
  view.scrollIntoView();
}

// ---- one order ----
async function showOrder(ids) {
  const query = ids.trim().split(/\s+/).map(id => "id=" + encodeURIComponent(id)).join("&");
  const response = await fetch("/api/order?" + query);
  const json = await response.json();
  if (!response.ok) { say("order-result", json); return; }
  say("order-result", { ok: json.missing.length === 0,
    message: json.missing.length ? "no trace yet for " + json.missing.join(", ") +
      " (spans are written within about a second; untraced orders have none)" : "trace of " + json.orders.join(" and ") });
  $("order-trace").innerHTML = json.svg
    ? `<img alt="trace" src="data:image/svg+xml;charset=utf-8,${encodeURIComponent(json.svg)}">` : "";
  $("order-waterfall").textContent = json.waterfall || "";
  $("order-logs").textContent = json.logs || "";
}

// ---- forms ----
const FIELD_HINTS = { method: "Reserve", fixed: "200ms", jitter: "50ms", probability: "1", code: "UNAVAILABLE",
  rate: "0.5", delay: "50ms", topic: "default", count: "1", for: "30s" };

function fieldsFor(kind, setup) {
  const names = setup.adminFaults[kind] || (["kill", "stop", "pause", "partition"].includes(kind) ? ["for"] : []);
  $("fault-fields").innerHTML = names.map(n =>
    `<label>${n} <input name="${n}" id="fault-${n}" size="8" placeholder="${FIELD_HINTS[n] || ""}"></label>`).join("");
}

async function setUp() {
  const setup = await (await fetch("/api/setup")).json();
  const kinds = setup.faultsOnPart.concat(Object.keys(setup.adminFaults));
  $("fault-kind").innerHTML = kinds.map(k => `<option>${esc(k)}</option>`).join("");
  $("fault-part").innerHTML = setup.parts.map(p => `<option>${esc(p)}</option>`).join("");
  fieldsFor($("fault-kind").value, setup);
  $("fault-kind").addEventListener("change", () => fieldsFor($("fault-kind").value, setup));
  $("scenario-file").innerHTML = setup.scenarios.map(s => `<option value="${esc(s.file)}">${esc(s.name)}</option>`).join("");
  const describe = () => {
    const s = setup.scenarios.find(x => x.file === $("scenario-file").value);
    $("scenario-description").textContent = s ? s.description : "";
  };
  $("scenario-file").addEventListener("change", describe);
  describe();
}

function formFields(form) { return Object.fromEntries(new FormData(form).entries()); }

function wire() {
  $("fault-form").addEventListener("submit", async e => {
    e.preventDefault();
    say("fault-result", { ok: true, message: "running…" });
    say("fault-result", await post("/api/fault", formFields(e.target)));
  });
  $("fault-clear").addEventListener("click", async () => {
    say("fault-result", { ok: true, message: "clearing…" });
    say("fault-result", await post("/api/fault", { fault: "clear" }));
  });
  $("load-form").addEventListener("submit", async e => {
    e.preventDefault();
    say("load-result", await post("/api/load/start", formFields(e.target)));
  });
  $("load-stop").addEventListener("click", async () => say("load-result", await post("/api/load/stop", {})));
  $("resilience-form").addEventListener("submit", async e => {
    e.preventDefault();
    say("resilience-result", await post("/api/resilience", formFields(e.target)));
    showResilience();
  });
  $("scenario-form").addEventListener("submit", async e => {
    e.preventDefault();
    const link = $("scenario-report-link");
    if (link) link.remove();
    say("scenario-result", await post("/api/scenario", formFields(e.target)));
  });
  $("order-form").addEventListener("submit", e => { e.preventDefault(); showOrder($("order-id").value); });
  $("order-place").addEventListener("click", async () => {
    say("order-result", { ok: true, message: "placing…" });
    const placed = await post("/api/order", {});
    const ids = [placed.syncId, placed.asyncId].filter(Boolean);
    say("order-result", { ok: ids.length === 2, message: (placed.sync ? placed.sync.message : placed.message) +
      (placed.async ? " | " + placed.async.message : "") });
    if (ids.length) { $("order-id").value = ids.join(" "); setTimeout(() => showOrder(ids.join(" ")), 1500); }
  });
  document.addEventListener("click", e => {
    const t = e.target;
    if (t.dataset && t.dataset.report) { e.preventDefault(); openReport(t.dataset.report); }
    if (t.dataset && t.dataset.id) { $("order-id").value = t.dataset.id; showOrder(t.dataset.id); }
  });
}

async function showResilience() {
  try {
    const r = await (await fetch("/api/resilience")).json();
    $("resilience-now").textContent = r.ok ? r.output : r.message;
  } catch (e) { $("resilience-now").textContent = "not read: " + e.message; }
}

// ---- the stream ----
function onFrame(frame) {
  lastFrameAt = Date.now();
  addToCharts(frame);
  display(frame);
}

function display(frame) {
  windows = frame.windows || [];
  redraw();
  showFigures(frame);
  drawCluster(frame);
  showLoad(frame.load);
  showScenario(frame.scenario);
  $("clock").textContent = new Date(frame.t).toLocaleTimeString();
}

async function connect() {
  try {
    const history = await (await fetch("/api/history")).json();
    history.forEach(addToCharts);
    if (history.length) display(history[history.length - 1]);
  } catch (e) { /* the stream below retries */ }
  const events = new EventSource("/api/events");
  events.addEventListener("frame", e => {
    $("connection").textContent = "live"; $("connection").className = "up";
    onFrame(JSON.parse(e.data));
  });
  events.onerror = () => { $("connection").textContent = "reconnecting…"; $("connection").className = "down"; };
  setInterval(() => {
    if (Date.now() - lastFrameAt > 4000) {
      $("connection").textContent = lastFrameAt ? "no frame for " + Math.round((Date.now() - lastFrameAt) / 1000) + " s: reconnecting…" : "connecting…";
      $("connection").className = "down";
    }
  }, 1000);
}

wire();
setUp().then(loadReports).then(showResilience).catch(e => say("fault-result", { ok: false, message: "setup failed: " + e.message }));
connect();
