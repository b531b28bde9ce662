// The Cluster view (cluster.html): the cluster's files dropped or picked
// here are read and answered by a Web Worker (cluster-worker.js and its
// wasm, src/cluster_worker.rs), so the page stays responsive while a large
// cluster is judged. This file only collects the files, shows the worker's
// progress and draws its answer as tables: plain DOM, text set through
// textContent (nothing is parsed as HTML), bar widths through the CSSOM
// (the page works under a CSP without inline styles). The answer's tags,
// row sizes, verdicts and size limit come from the worker's ready message,
// `{ protocol }`, read from its wasm (src/cluster_worker/protocol.rs).

const WORKER = "cluster-worker.js";
/** Rows drawn per table at first, and per "show more". */
const PAGE_ROWS = 200;
const FOLDER_FILES = /\.(ya?ml|json)$/i;

const $ = (selector) => document.querySelector(selector);
const statusText = $("[data-status-text]");
const bar = $("[data-progress]");
const errorBox = $("[data-error]");
const results = $("[data-results]");
const vcpusInput = $("[data-vcpus]");

function element(tag, attributes = {}, text = "") {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) e.setAttribute(name, value);
  if (text !== "") e.textContent = text;
  return e;
}

const number = new Intl.NumberFormat("en");

/**
 * The worker, one request at a time (later ones wait); replaced after it
 * fails. `ask(message)` resolves with the answer's rows, `[tag, values]`.
 */
class Cluster {
  constructor() {
    this.worker = null;
    this.queue = [];
    this.current = null;
  }

  start() {
    if (this.worker) return;
    const worker = new Worker(new URL(WORKER, document.baseURI));
    worker.onmessage = ({ data }) => {
      if (Array.isArray(data)) this.done(null, data);
      else if (data && data.progress) progress(this.protocol, ...data.progress);
      else if (data && data.protocol) {
        this.protocol = data.protocol;
        this.next();
      } else this.fail((data && data.failed) || "The cluster's worker could not be loaded; reload the page to try again.");
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.fail("The cluster's worker stopped with an error. Drop the files again to start a fresh one.");
    };
    this.worker = worker;
    this.protocol = null;
  }

  ask(message) {
    return new Promise((resolve, reject) => {
      this.start();
      this.queue.push({ message, resolve, reject });
      this.next();
    });
  }

  next() {
    if (this.current || !this.protocol || this.queue.length === 0) return;
    this.current = this.queue.shift();
    this.worker.postMessage(this.current.message);
  }

  done(error, strings) {
    const current = this.current;
    this.current = null;
    if (current) {
      if (error) current.reject(new Error(error));
      else current.resolve(rows(this.protocol, strings));
    }
    this.next();
  }

  fail(why) {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    const waiting = [this.current, ...this.queue].filter(Boolean);
    this.current = null;
    this.queue = [];
    for (const w of waiting) w.reject(new Error(why));
    if (waiting.length === 0) showError(why);
  }
}

/** The answer's strings as `[tag, values]` rows (each tag's arity is the protocol's). */
function rows(protocol, strings) {
  const out = [];
  for (let i = 0; i < strings.length; ) {
    const n = protocol.arity[strings[i]];
    if (n === undefined) break;
    out.push([strings[i], strings.slice(i + 1, i + 1 + n)]);
    i += 1 + n;
  }
  return out;
}

function progress(protocol, stage, done, total) {
  const what = protocol.stages[stage] ?? "Working";
  bar.hidden = false;
  bar.max = Math.max(total, 1);
  bar.value = done;
  statusText.textContent = total > 1 ? `${what}: ${number.format(done)} of ${number.format(total)}…` : `${what}…`;
}

function showError(why) {
  errorBox.hidden = false;
  errorBox.textContent = why;
}

const cluster = new Cluster();
/** The answer on show: `{ protocol, nodes, vms, drains, capacity, total, note, unmatched, read }`. */
let shown = null;

/** Reads `files` into a new answer. */
async function load(files) {
  if (files.length === 0) return;
  errorBox.hidden = true;
  statusText.textContent = `Reading ${number.format(files.length)} files…`;
  bar.hidden = false;
  bar.removeAttribute("value");
  results.setAttribute("aria-busy", "true");
  const started = performance.now();
  try {
    const vcpus = vcpusInput.value;
    const answer = await cluster.ask({ files, vcpus });
    const p = cluster.protocol;
    shown = { protocol: p, nodes: [], vms: [], drains: [], capacity: [], total: null, note: "", unmatched: [], read: [], error: "" };
    take(shown, answer);
    draw(shown);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    statusText.textContent = shown.error
      ? "No cluster read."
      : `${number.format(shown.nodes.length)} nodes and ${number.format(shown.vms.length)} running VMs, answered in ${seconds} s.`;
    document.documentElement.dataset.clusterSeconds = seconds;
    // The field changed while the files were read.
    if (vcpusInput.value !== vcpus) refreshCapacity();
  } catch (failed) {
    statusText.textContent = "No cluster read.";
    showError(failed.message);
  } finally {
    bar.hidden = true;
    results.removeAttribute("aria-busy");
  }
}

/** Sorts the answer's rows into `into` by their tags (the protocol's order of fields). */
function take(into, answer) {
  const tags = into.protocol.rows;
  for (const [tag, v] of answer) {
    switch (tag) {
      case tags.error:
        into.error = v[0];
        break;
      case tags.node:
        into.nodes.push(v);
        break;
      case tags.vm:
        into.vms.push(v);
        break;
      case tags.drain:
        into.drains.push(v);
        break;
      case tags.capacity:
        into.capacity.push(v);
        break;
      case tags.total:
        into.total = v;
        break;
      case tags.note:
        into.note = v[0];
        break;
      case tags.unmatched:
        into.unmatched.push(v[0]);
        break;
      case tags.read:
        into.read.push(v[0]);
        break;
    }
  }
}

/**
 * A sortable, filterable table of at most PAGE_ROWS rows at a time.
 * `columns`: `{ label, value(row) -> string|number, cell(row, td)? }`, the
 * first column the row's header; `attributes(row)` gives the `tr`'s.
 */
function table({ id, title, note, columns, data, attributes, after, onRender }) {
  const section = element("section", { class: "answer", "aria-labelledby": `${id}-title` });
  section.append(element("h2", { id: `${id}-title` }, title));
  if (note) section.append(element("p", { class: "note" }, note));
  const filterId = `${id}-filter`;
  const filterRow = element("p", { class: "filter" });
  filterRow.append(element("label", { for: filterId }, `Filter ${title === "VMs" ? title : title.toLowerCase()}`));
  const filter = element("input", { id: filterId, type: "search", "data-filter": id, autocomplete: "off" });
  filterRow.append(filter);
  section.append(filterRow);
  // Focusable, so a keyboard scrolls a table wider than the screen.
  const wrap = element("div", { class: "scroll", tabindex: "0", role: "region", "aria-label": `${title}, the table` });
  const t = element("table", { "data-cluster": id });
  const head = element("tr");
  const headers = columns.map((c, i) => {
    const th = element("th", { scope: "col" });
    if (c.num) th.classList.add("num");
    const button = element("button", { type: "button", "data-sort": String(i) }, c.label);
    button.addEventListener("click", () => sortBy(i));
    th.append(button);
    head.append(th);
    return th;
  });
  const thead = element("thead");
  thead.append(head);
  t.append(thead);
  const body = element("tbody");
  t.append(body);
  wrap.append(t);
  section.append(wrap);
  const more = element("p", { class: "more" });
  const count = element("span", { "data-count": id });
  const moreButton = element("button", { type: "button", "data-more": id });
  more.append(count, " ", moreButton);
  section.append(more);
  if (after) after(section, t);

  let order = data.map((_, i) => i);
  let sort = { column: -1, ascending: true };
  let limit = PAGE_ROWS;
  const text = data.map((row) => columns.map((c) => String(c.value(row)).toLowerCase()).join("\u0000"));

  function sortBy(i) {
    sort = { column: i, ascending: sort.column === i ? !sort.ascending : true };
    const c = columns[i];
    const keys = data.map((row) => c.value(row));
    const sign = sort.ascending ? 1 : -1;
    order = data
      .map((_, j) => j)
      .sort((a, b) => {
        const [x, y] = [keys[a], keys[b]];
        const d = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "en", { numeric: true });
        return d !== 0 ? d * sign : a - b;
      });
    headers.forEach((th, j) => {
      if (j === i) th.setAttribute("aria-sort", sort.ascending ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
    render();
  }

  function render() {
    if (onRender) onRender();
    const q = filter.value.trim().toLowerCase();
    const matching = q ? order.filter((i) => text[i].includes(q)) : order;
    body.replaceChildren();
    for (const i of matching.slice(0, limit)) {
      const row = data[i];
      const tr = element("tr", attributes(row));
      columns.forEach((c, j) => {
        const cell = element(j === 0 ? "th" : "td", j === 0 ? { scope: "row" } : {});
        if (c.num) cell.classList.add("num");
        if (c.cell) c.cell(row, cell, tr);
        else cell.textContent = String(c.value(row));
        tr.append(cell);
      });
      body.append(tr);
    }
    const shownRows = Math.min(limit, matching.length);
    count.textContent =
      shownRows === data.length
        ? `${number.format(data.length)} rows.`
        : `${number.format(shownRows)} of ${number.format(matching.length)} rows${q ? " matching" : ""} shown.`;
    moreButton.hidden = matching.length <= limit;
    moreButton.textContent = `Show ${number.format(Math.min(PAGE_ROWS, matching.length - limit))} more`;
  }

  filter.addEventListener("input", () => {
    limit = PAGE_ROWS;
    render();
  });
  moreButton.addEventListener("click", () => {
    limit += PAGE_ROWS;
    render();
  });
  render();
  section.rerender = render;
  return section;
}

/** Free CPUs per NUMA node: a bar each, with the numbers as text. */
function freeCell(row, td) {
  const cpus = row[3].split(",").map(Number);
  const free = row[4].split(",").map(Number);
  const list = element("ul", { class: "bars" });
  free.forEach((f, i) => {
    const item = element("li");
    const track = element("span", { class: "track", "aria-hidden": "true" });
    const fill = element("span", { class: "fill" });
    const share = cpus[i] > 0 ? Math.min(100, (100 * f) / cpus[i]) : 0;
    fill.style.setProperty("width", `${share.toFixed(1)}%`);
    track.append(fill);
    item.append(track, element("span", { class: "figure" }, `${f} of ${cpus[i] ?? "?"}`));
    list.append(item);
  });
  td.append(list);
}

const sum = (list) => list.reduce((a, b) => a + Number(b), 0);
/** "at-risk" as "At risk". */
const label = (code) => code[0].toUpperCase() + code.slice(1).replace("-", " ");

/** Which VM's targets are open, as "namespace/name". */
let expanded = null;

function vmName(v) {
  return v[1] ? `${v[1]}/${v[2]}` : v[2];
}

function draw(answer) {
  const p = answer.protocol;
  results.replaceChildren();
  expanded = null;
  if (answer.error) showError(answer.error);
  if (answer.nodes.length > 0) {
    results.append(
      table({
        id: "nodes",
        title: "Nodes",
        note: "Free CPUs per NUMA node now (the NodeResourceTopology's available), under each node's Topology Manager policy.",
        data: answer.nodes,
        attributes: (n) => ({ "data-node": n[0] }),
        columns: [
          { label: "Node", value: (n) => n[0] },
          { label: "Policy", value: (n) => n[1] },
          { label: "NUMA nodes", value: (n) => Number(n[2]), num: true },
          { label: "Free CPUs per NUMA node", value: (n) => sum(n[4].split(",")), cell: freeCell },
          { label: "Free huge pages", value: (n) => n[5] || "-" },
          { label: "Pool", value: (n) => n[6] },
        ],
      }),
    );
    const verdictColumns = p.verdicts
      .map((code, i) => ({ code, i }))
      .filter(({ i }) => answer.vms.some((v) => v[6 + i] !== "0") || ["migrates", "blocked"].includes(p.verdicts[i]))
      .map(({ code, i }) => ({ label: label(code), value: (v) => Number(v[6 + i]), num: true }));
    results.append(
      table({
        id: "vms",
        title: "VMs",
        note: "Each running VM and how many of the other nodes it can live-migrate to now, by verdict. Open one to see its targets, each with a link that opens that move in the planner.",
        data: answer.vms,
        attributes: (v) => ({ "data-vm": vmName(v) }),
        // Redrawn rows lose the open VM's targets.
        onRender: () => {
          expanded = null;
        },
        columns: [
          { label: "VM", value: vmName, cell: vmCell },
          { label: "Node", value: (v) => v[3] },
          { label: "vCPUs", value: (v) => Number(v[4]), num: true },
          { label: "Pod CPUs", value: (v) => Number(v[5]), num: true },
          ...verdictColumns,
        ],
      }),
    );
    results.append(
      table({
        id: "drain",
        title: "Drain",
        note: "Each node's VMs leave at the same time: largest pod first, each to the first node where it migrates, counting what the earlier ones took. A greedy answer: “no place found” means this order found none, not that none exists.",
        data: answer.drains,
        attributes: (d) => ({ "data-node": d[0], "data-drain-ok": d[1] }),
        columns: [
          { label: "Node", value: (d) => d[0] },
          { label: "Drains", value: (d) => (d[1] === "true" ? "yes" : "no"), cell: (d, td) => verdictCell(td, d[1] === "true" ? "migrates" : "blocked", d[1] === "true" ? "yes" : "no") },
          { label: "Where the VMs go", value: (d) => d[2] || "-" },
          { label: "No place found", value: (d) => d[3] || "-" },
        ],
      }),
    );
    results.append(capacitySection(answer));
  }
  results.append(unmatchedSection(answer));
}

function verdictCell(td, code, text) {
  td.append(element("span", { class: `verdict v-${code}` }, text));
}

function vmCell(v, th) {
  const name = vmName(v);
  const button = element("button", { type: "button", class: "expand", "aria-expanded": String(expanded === name), "data-expand": name }, name);
  button.addEventListener("click", () => toggle(v, name));
  th.append(button);
}

/** The capacity table, redrawn alone when the VM shape changes. */
function capacitySection(answer) {
  const holder = element("div", { "data-capacity-holder": "" });
  const [vcpus, pod, total] = answer.total ?? ["", "", ""];
  const section = table({
    id: "capacity",
    title: "Capacity",
    note: answer.total
      ? `How many more VMs of ${vcpus} vCPUs (${pod} pod CPUs, dedicated) each node admits now, placed one after another under its policy.`
      : answer.note || "Give the VM's vCPUs above.",
    data: answer.capacity,
    attributes: (c) => ({ "data-node": c[0] }),
    columns: [
      { label: "Node", value: (c) => c[0] },
      { label: "More VMs", value: (c) => Number(c[1]), num: true },
    ],
    after: (_, t) => {
      if (!answer.total) return;
      const foot = t.createTFoot();
      const tr = element("tr", { "data-capacity-total": total });
      tr.append(element("th", { scope: "row" }, "Total"), element("td", { class: "num" }, number.format(Number(total))));
      foot.append(tr);
    },
  });
  holder.append(section);
  return holder;
}

function unmatchedSection(answer) {
  const section = element("section", { class: "answer", "aria-labelledby": "unmatched-title" });
  section.append(element("h2", { id: "unmatched-title" }, "Not matched"));
  if (answer.unmatched.length === 0) {
    section.append(element("p", { class: "note" }, "Everything read is part of the cluster above."));
  } else {
    section.append(element("p", { class: "note" }, "Read but not part of the cluster, each with why:"));
    const list = element("ul", { "data-unmatched": "" });
    for (const line of answer.unmatched.slice(0, 500)) list.append(element("li", {}, line));
    if (answer.unmatched.length > 500) list.append(element("li", {}, `and ${number.format(answer.unmatched.length - 500)} more`));
    section.append(list);
  }
  if (answer.read.length > 0) {
    const details = element("details", { class: "read" });
    details.append(element("summary", {}, `What was read (${number.format(answer.read.length)} lines)`));
    const list = element("ul");
    for (const line of answer.read.slice(0, 500)) list.append(element("li", {}, line));
    details.append(list);
    section.append(details);
  }
  return section;
}

/** The open VM's targets, asked of the worker and drawn under its row. */
async function toggle(v, name) {
  const vmsTable = results.querySelector("[data-cluster='vms']");
  vmsTable.querySelector("tr.targets")?.remove();
  for (const b of vmsTable.querySelectorAll("button.expand[aria-expanded='true']")) b.setAttribute("aria-expanded", "false");
  if (expanded === name) {
    expanded = null;
    return;
  }
  expanded = name;
  const button = vmsTable.querySelector(`tr[data-vm="${CSS.escape(name)}"] button.expand`);
  button?.setAttribute("aria-expanded", "true");
  let answer;
  try {
    answer = await cluster.ask({ targets: v[0] });
  } catch (failed) {
    showError(failed.message);
    return;
  }
  if (expanded !== name) return;
  const row = vmsTable.querySelector(`tr[data-vm="${CSS.escape(name)}"]`);
  if (!row) return;
  const tags = cluster.protocol.rows;
  const targets = [];
  for (const [tag, values] of answer) {
    if (tag === tags.target) targets.push({ node: values[0], verdict: values[1], checks: values[2], pairs: [] });
    else if (tag === tags.pair && targets.length > 0) targets.at(-1).pairs.push(values);
  }
  const tr = element("tr", { class: "targets" });
  const td = element("td", { colspan: String(row.children.length) });
  const id = `targets-${v[0]}`;
  td.id = id;
  row.querySelector("button.expand")?.setAttribute("aria-controls", id);
  const inner = element("table", { "data-targets": name });
  inner.append(element("caption", {}, `Where ${name} can live-migrate now`));
  const head = element("tr");
  for (const label of ["Target node", "Verdict", "Checks that fail or are at risk", "In the planner"]) head.append(element("th", { scope: "col" }, label));
  const thead = element("thead");
  thead.append(head);
  inner.append(thead);
  const body = element("tbody");
  for (const t of targets) {
    const r = element("tr", { "data-target": t.node, "data-verdict": t.verdict });
    r.append(element("th", { scope: "row" }, t.node));
    const verdict = element("td");
    verdictCell(verdict, t.verdict, label(t.verdict));
    r.append(verdict, element("td", {}, t.checks || "-"));
    const link = element("td");
    const a = element("a", { href: `./?${new URLSearchParams(t.pairs)}`, target: "_blank", rel: "noopener", "data-planner-link": t.node }, "Open in the planner");
    a.append(element("span", { class: "visually-hidden" }, `: ${name} to ${t.node}`));
    link.append(a);
    r.append(link);
    body.append(r);
  }
  inner.append(body);
  td.append(inner);
  tr.append(td);
  row.after(tr);
}

/** Redraws the capacity for the VM shape in the field. */
async function refreshCapacity() {
  if (!shown || shown.nodes.length === 0) return;
  let answer;
  try {
    answer = await cluster.ask({ vcpus: vcpusInput.value });
  } catch (failed) {
    showError(failed.message);
    return;
  }
  Object.assign(shown, { capacity: [], total: null, note: "" });
  take(shown, answer);
  results.querySelector("[data-capacity-holder]")?.replaceWith(capacitySection(shown));
}

let capacityTimer = 0;
vcpusInput.addEventListener("input", () => {
  clearTimeout(capacityTimer);
  capacityTimer = setTimeout(refreshCapacity, 250);
});

/** Every file below a dropped folder entry (readEntries gives at most 100 at a time). */
async function walk(entry, out) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    if (FOLDER_FILES.test(file.name)) {
      Object.defineProperty(file, "webkitRelativePath", { value: entry.fullPath.replace(/^\//, "") });
      out.push(file);
    }
    return;
  }
  const reader = entry.createReader();
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const e of batch) await walk(e, out);
  }
}

const drop = $("[data-drop]");
for (const type of ["dragenter", "dragover"]) {
  drop.addEventListener(type, (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
}
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", async (event) => {
  event.preventDefault();
  drop.classList.remove("over");
  const files = [];
  const entries = [...event.dataTransfer.items].map((item) => item.webkitGetAsEntry && item.webkitGetAsEntry());
  if (entries.every(Boolean)) {
    for (const entry of entries) {
      if (entry.isDirectory) await walk(entry, files);
      else files.push(await new Promise((resolve, reject) => entry.file(resolve, reject)));
    }
  } else {
    files.push(...event.dataTransfer.files);
  }
  load(files);
});
$("[data-files]").addEventListener("change", (event) => load([...event.target.files]));
$("[data-folder]").addEventListener("change", (event) => load([...event.target.files].filter((f) => FOLDER_FILES.test(f.name))));
// The worker loads at once: the first drop is answered sooner.
cluster.start();
