/* Concord pages: call the JSON API and draw the answers. No external resources. */
"use strict";

function showError(message) {
  var box = document.getElementById("error");
  box.textContent = message;
  box.hidden = !message;
}

async function api(path, options) {
  var opts = options || {};
  if (opts.json !== undefined) {
    opts.method = opts.method || "POST";
    opts.headers = {"Content-Type": "application/json"};
    opts.body = JSON.stringify(opts.json);
  }
  var response = await fetch(path, opts);
  var text = await response.text();
  var data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
  if (!response.ok) {
    var message = (data && data.message) ? data.message : ("HTTP " + response.status);
    if (data && data.problems) { message += ": " + data.problems.join("; "); }
    var error = new Error(message);
    error.status = response.status;
    throw error;
  }
  return data;
}

function el(tag, attrs, children) {
  var node = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
  (children || []).forEach(function (child) {
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  });
  return node;
}

function fmt(value, digits) {
  if (value === null || value === undefined || Number.isNaN(value)) { return "–"; }
  return Number(value).toLocaleString("en-US", {maximumFractionDigits: digits === undefined ? 2 : digits});
}

function splitList(text) {
  return text.split(/[,;]/).map(function (s) { return s.trim(); }).filter(function (s) { return s; });
}

/* ---- home ---- */
function initHome() {
  var form = document.getElementById("lookup-form");
  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    showError("");
    var out = document.getElementById("lookup-result");
    out.textContent = "";
    try {
      var name = document.getElementById("lookup-name").value;
      var found = await api("/api/resolve?name=" + encodeURIComponent(name));
      out.appendChild(el("p", {}, [found.query + " → " + found.id + " (" + found.name + ")"]));
    } catch (e) { showError(e.message); }
  });
}

/* ---- scenario ---- */
async function pollRun(job) {
  var box = document.getElementById("scenario-progress");
  box.hidden = false;
  var bar = box.querySelector(".bar");
  var label = box.querySelector(".label");
  for (;;) {
    bar.style.width = Math.round(job.progress * 100) + "%";
    label.textContent = job.status + " · " + Math.round(job.progress * 100) + "% · " + job.message;
    if (job.status === "done" || job.status === "failed") { break; }
    await new Promise(function (resolve) { setTimeout(resolve, 400); });
    job = await api("/api/scenarios/runs/" + job.id);
  }
  if (job.status === "failed") {
    showError(job.error ? job.error.message : "the run failed");
    return job;
  }
  document.getElementById("scenario-links").hidden = false;
  document.getElementById("scenario-report-link").href = job.report_url;
  document.getElementById("scenario-result-link").href = job.result_url;
  var frame = document.getElementById("scenario-report");
  frame.hidden = false;
  frame.src = job.report_url;
  document.body.setAttribute("data-run-status", "done");
  return job;
}

async function startRun(body) {
  showError("");
  document.body.removeAttribute("data-run-status");
  var buttons = document.querySelectorAll("#scenario-run, #scenario-run-spec");
  buttons.forEach(function (b) { b.disabled = true; });
  try {
    var job = await api("/api/scenarios/runs", {json: body});
    await pollRun(job);
  } catch (e) {
    showError(e.message);
  } finally {
    buttons.forEach(function (b) { b.disabled = false; });
  }
}

async function initScenario() {
  var select = document.getElementById("scenario-name");
  try {
    var list = await api("/api/scenarios");
    list.forEach(function (s) { select.appendChild(el("option", {value: s.name}, [s.title])); });
  } catch (e) { showError(e.message); }
  document.getElementById("scenario-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var draws = parseInt(document.getElementById("scenario-draws").value, 10);
    startRun({scenario: select.value, draws: Number.isNaN(draws) ? null : draws});
  });
  document.getElementById("scenario-run-spec").addEventListener("click", function () {
    var spec;
    try { spec = JSON.parse(document.getElementById("scenario-spec").value); }
    catch (e) { showError("the spec is not valid JSON: " + e.message); return; }
    startRun({spec: spec});
  });
}

/* ---- corridors ---- */
var ROUTE_COLOURS = ["#c0392b", "#1f6fb2", "#27864a", "#8e44ad", "#d35400"];

async function drawRoutes(routes) {
  var base = window.concordBasemap;
  if (!base) {
    base = await api("/api/map/basemap");
    window.concordBasemap = base;
  }
  var traces = base.data.slice();
  (routes || []).forEach(function (route, index) {
    var xs = [], ys = [];
    (route.legs || []).forEach(function (leg) {
      if (xs.length) { xs.push(null); ys.push(null); }
      xs = xs.concat(leg.lon); ys = ys.concat(leg.lat);
    });
    var colour = ROUTE_COLOURS[index % ROUTE_COLOURS.length];
    traces.push({type: "scatter", mode: "lines", x: xs, y: ys, name: route.corridor || route.name,
                 line: {color: colour, width: 3}});
    var nodes = route.nodes || [];
    traces.push({type: "scatter", mode: "markers", showlegend: false,
                 x: nodes.map(function (n) { return n.lon; }), y: nodes.map(function (n) { return n.lat; }),
                 text: nodes.map(function (n) { return n.name; }), hovertemplate: "%{text}<extra></extra>",
                 marker: {color: colour, size: 6}});
  });
  await window.Plotly.react("route-map", traces, base.layout, {responsive: true, displaylogo: false});
}

function routeTable(routes) {
  var table = document.getElementById("route-table");
  var body = table.querySelector("tbody");
  body.textContent = "";
  routes.forEach(function (route) {
    body.appendChild(el("tr", {}, [
      el("td", {}, [route.name]),
      el("td", {class: "num"}, [fmt(route.time_days, 1)]),
      el("td", {class: "num"}, [fmt(route.cost_usd, 0)]),
      el("td", {}, [(route.countries || []).join(", ")]),
      el("td", {}, [(route.legs || []).map(function (l) { return l.from + "→" + l.to + " (" + l.mode + ")"; }).join("; ")]),
    ]));
  });
  table.hidden = routes.length === 0;
}

function initCorridors() {
  drawRoutes([]).catch(function (e) { showError(e.message); });
  document.getElementById("route-form").addEventListener("submit", async function (event) {
    event.preventDefault();
    showError("");
    document.body.removeAttribute("data-route-status");
    var button = document.getElementById("route-submit");
    button.disabled = true;
    try {
      var body = {
        origin: document.getElementById("route-origin").value,
        destination: document.getElementById("route-destination").value,
        by: document.getElementById("route-by").value,
        avoid: splitList(document.getElementById("route-avoid").value),
        close: splitList(document.getElementById("route-close").value),
        k: parseInt(document.getElementById("route-k").value, 10) || 1,
      };
      var answer = await api("/api/routes", {json: body});
      routeTable(answer.routes);
      await drawRoutes(answer.routes);
      document.body.setAttribute("data-route-status", "done");
    } catch (e) {
      showError(e.message);
      document.body.setAttribute("data-route-status", "failed");
    } finally { button.disabled = false; }
  });
}

/* ---- claims ---- */
function initClaims() {
  document.getElementById("claims-form").addEventListener("submit", async function (event) {
    event.preventDefault();
    showError("");
    document.body.removeAttribute("data-claims-status");
    var button = document.getElementById("claims-submit");
    button.disabled = true;
    try {
      var answer = await api("/api/claims/check", {json: {text: document.getElementById("claims-text").value}});
      var table = document.getElementById("claims-table");
      var body = table.querySelector("tbody");
      body.textContent = "";
      answer.claims.forEach(function (claim) {
        var refs = (claim.references || []).map(function (r) {
          return fmt(r.value) + " " + (r.unit || "") + " (" + r.source + (r.as_of ? ", " + r.as_of : "") + ")";
        }).join("; ");
        body.appendChild(el("tr", {}, [
          el("td", {dir: "auto"}, [claim.text || ""]),
          el("td", {class: "num"}, [fmt(claim.value) + " " + (claim.unit || "")]),
          el("td", {}, [(claim.subjects || []).join(", ")]),
          el("td", {}, [claim.predicate || ""]),
          el("td", {}, [el("span", {class: "verdict verdict-" + claim.verdict}, [claim.verdict])]),
          el("td", {dir: "auto"}, [refs + (claim.note ? " — " + claim.note : "")]),
        ]));
      });
      table.hidden = answer.claims.length === 0;
      document.getElementById("claims-summary").textContent =
        answer.claims.length + " claims: " + Object.keys(answer.verdicts || {}).map(function (k) {
          return answer.verdicts[k] + " " + k; }).join(", ");
      document.body.setAttribute("data-claims-status", "done");
    } catch (e) {
      showError(e.message);
      document.body.setAttribute("data-claims-status", "failed");
    } finally { button.disabled = false; }
  });
}

document.addEventListener("DOMContentLoaded", function () {
  var page = document.body.getAttribute("data-page");
  var init = {home: initHome, scenario: initScenario, corridors: initCorridors, claims: initClaims}[page];
  if (init) { init(); }
});
