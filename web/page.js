// The page's few browser chores that need no wasm (imported by the page's
// wasm-bindgen glue, src/ui/browser.rs): keeping the address bar's query
// current without a history write per keystroke; loading on demand the
// Paste panel, another language's catalogue and the page's extras (the
// migration view, the answer, the fixes, a cell's explanation, the embed
// panel); the language menu; the embed's messages to its parent.

const QUERY_DELAY_MS = 150;
let query = null;
let timer = 0;

/** Writes the latest query now, if one is waiting. */
function flush() {
  clearTimeout(timer);
  timer = 0;
  if (query !== null) {
    history.replaceState(history.state, "", `${location.pathname}?${query}`);
    query = null;
  }
}

/**
 * The address bar follows the inputs, written at most every 150 ms:
 * history.replaceState costs more than the rest of a keystroke's work, and
 * browsers throttle frequent calls (holding an arrow key would hit it).
 */
export function replace_query(next) {
  query = next;
  timer ||= setTimeout(flush, QUERY_DELAY_MS);
}

addEventListener("pagehide", flush);

let take;
let panel;

/** The page's inputs as the worker expects them: the current link pairs. */
function currentPairs() {
  flush();
  return [...new URLSearchParams(location.search)].flat();
}

function open(details, files) {
  panel ??= import(new URL("paste-panel.js", document.baseURI).href).then((m) =>
    m.mount(details.querySelector(".paste-body"), take, currentPairs),
  );
  if (files && files.length) panel.then((p) => p.drop(files));
}

/**
 * Listens on the document (so the page's wasm holds no handlers for it) for
 * the panel opening or files dropped on it; `t` takes the worker's answer.
 */
export function wire_paste_panel(t) {
  take = t;
  const panelOf = (e) => e.target.closest && e.target.closest("details.paste");
  document.addEventListener(
    "toggle",
    (e) => {
      if (e.target.matches && e.target.matches("details.paste") && e.target.open) open(e.target);
    },
    true,
  );
  document.addEventListener("dragover", (e) => {
    if (panelOf(e)) e.preventDefault();
  });
  document.addEventListener("drop", (e) => {
    const details = panelOf(e);
    if (!details) return;
    e.preventDefault();
    details.open = true;
    open(details, e.dataTransfer.files);
  });
}

let extras;

/**
 * The page's extras (src/extras_main.rs): a second wasm with the migration
 * view, the Markdown answer, the fixes, a cell's explanation and the embed
 * panel, fetched the first time one is needed
 * (or the pointer or focus enters the Share section or the grid, so a copy
 * or a cell's explanation does not wait for it). Most visitors plan one
 * host, open few cells and copy no answer.
 */
function loadExtras() {
  extras ??= Promise.all([extrasSheet(), import(new URL("vnuma-planner-extras.js", document.baseURI).href)])
    .then(async ([, m]) => {
      await m.default({ module_or_path: new URL("vnuma-planner-extras_bg.wasm", document.baseURI) });
      if (catalogue?.text) m.use_catalogue(catalogue.lang, catalogue.text);
      return m;
    })
    .catch(() => null);
  return extras;
}

/**
 * The extras' stylesheet, in before they draw anything (no unstyled
 * flash); a missing sheet leaves them plain but working.
 */
function extrasSheet() {
  return new Promise((done) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL("extras.css", document.baseURI).href;
    link.onload = link.onerror = done;
    document.head.append(link);
  });
}

for (const type of ["pointerover", "focusin"]) {
  document.addEventListener(type, (e) => e.target.closest?.(".share, .grid") && loadExtras(), { passive: true });
}

let cellAsked = "";

/**
 * Explains the grid cell `cell` for the first host of `query` in
 * `#cell-detail` (`stale`: a field is wrong, keep the last explanation).
 */
export function show_cell(query, cell, stale) {
  const asked = (cellAsked = `${cell}?${query}`);
  loadExtras().then((m) => {
    const root = document.getElementById("cell-detail");
    if (!root || asked !== cellAsked) return;
    if (m) m.show_cell(root, query, cell, stale);
    else root.textContent = "The explanation could not be loaded; reload the page to try again.";
  });
}

let migrationQuery = "";

/**
 * Shows the migration between the hosts of the link query `query` in
 * `#migration-view` (`stale`: a field is wrong, so the view keeps its last
 * result).
 */
export function show_migration(query, stale) {
  migrationQuery = query;
  loadExtras().then((m) => {
    const root = document.getElementById("migration-view");
    if (!root || migrationQuery !== query) return;
    if (m) m.show(root, query, stale);
    else root.textContent = "The migration view could not be loaded; reload the page to try again.";
  });
}

let lastAnswer = "";

/**
 * The Markdown answer for `query` ending with `link`, as a promise; while
 * a field is wrong (`stale`), the last one made.
 */
export function request_answer(query, link, stale) {
  return loadExtras().then((m) => {
    if (!m) return "The answer could not be made; reload the page to try again.";
    if (!stale) lastAnswer = m.answer(query, link);
    return lastAnswer || "Fix the highlighted field first: the answer is made from valid inputs.";
  });
}

const fixesShown = new Set();

/** The checked fixes under each policy asked for, made by the page's extras. */
function renderFixes(query) {
  loadExtras().then((m) => {
    if (!m) return;
    for (const policy of fixesShown) {
      const root = document.querySelector(`.results[data-host="a"] [data-fixes="${policy}"] .fix-list`);
      if (root) m.show_fixes(root, query, policy, applyFix);
    }
  });
}

/** A fix's inputs, as link pairs, read into the page as a link is. */
function applyFix(pairs) {
  if (take) take(pairs);
}

export function show_fixes(query, policy) {
  fixesShown.add(policy);
  renderFixes(query);
}

export function refresh_fixes(query) {
  if (fixesShown.size) renderFixes(query);
}

let catalogue = null;

/** The catalogue of `lang` as text ("" when it cannot be had), kept for the extras. */
export function load_catalogue(lang) {
  return fetch(new URL(`i18n/${lang}.po`, document.baseURI))
    .then((r) => (r.ok ? r.text() : ""))
    .catch(() => "")
    .then((text) => {
      catalogue = { lang, text };
      return text;
    });
}

/**
 * The language menu (static, in index.html) shows `lang`; choosing another
 * opens the page again in it (the scenario is in the query). Not in the
 * embed, which follows its link or its reader's browser.
 */
export function show_language_menu(lang) {
  const menu = document.querySelector("nav.language");
  if (!menu || document.documentElement.dataset.embed) return;
  const select = menu.querySelector("select");
  select.value = lang;
  select.addEventListener("change", () => {
    flush();
    const query = new URLSearchParams(location.search);
    query.set("lang", select.value);
    location.search = query.toString();
  });
  menu.hidden = false;
}

/** Shows the embed panel (made by the page's extras) for the inputs `query`. */
export function show_embed(query) {
  loadExtras().then((m) => {
    const root = document.getElementById("embed-panel");
    if (root && m) m.show_embed(root, query);
  });
}

/**
 * In a frame (the embed): tells the parent the page's height whenever it
 * changes, as the planner's own message `{type: heightType, height, id}`
 * (`id`: the link's, so an older snippet's listener finds its frame), as
 * Pym.js's `pymxPYMx<childId>xPYMxheightxPYMx<px>` when a Pym parent gave a
 * `childId`, and as AMP's `{sentinel: "amp", type: "embed-size", height}`.
 * Takes `{type: themeType, theme: "light" | "dark"}` from the parent
 * window only, and nothing else. Copies the full planner's link for the
 * embed's Copy link button, frame or not, and says `copied` or `refused`.
 */
export function embed_messages(id, heightType, themeType, copied, refused) {
  // The embed's Copy link: the link beside the button, its outcome beside it.
  document.addEventListener("click", (e) => {
    const button = e.target.closest?.(".copy-embed-link");
    if (!button) return;
    const status = button.parentElement.querySelector("[role='status']");
    const said = (text) => () => (status.textContent = text);
    const link = button.parentElement.querySelector("a").href;
    // No clipboard at all outside a secure context: refused too.
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(link))
      .then(said(copied), said(refused));
  });
  if (parent === window) return;
  addEventListener("message", (e) => {
    const theme = e.source === parent && e.data && e.data.type === themeType && e.data.theme;
    if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
  });
  const pym = new URLSearchParams(location.search).get("childId");
  let last = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    parent.postMessage(id ? { type: heightType, height, id } : { type: heightType, height }, "*");
    parent.postMessage({ sentinel: "amp", type: "embed-size", height }, "*");
    if (pym) parent.postMessage(`pymxPYMx${pym}xPYMxheightxPYMx${height}`, "*");
  }).observe(document.body);
}
