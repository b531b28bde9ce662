// The page's few browser chores that need no wasm (imported by the page's
// wasm-bindgen glue, src/ui/browser.rs): keeping the address bar's query
// current without a history write per keystroke, and loading the Paste
// panel and the migration view on demand.

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

let migration;
let migrationQuery = "";
let takeAnswer = () => {};

/**
 * The migration view (src/ui/migration/), a second wasm fetched the first
 * time a second host is given: most visitors plan one host. Its stylesheet
 * comes first, so the view never shows unstyled; `query` is the page's
 * link query, from which the view reads both hosts (`stale`: a field is
 * wrong, so the view keeps its last result).
 */
export function show_migration(query, stale) {
  migrationQuery = query;
  migration ??= new Promise((done) => {
    const sheet = document.createElement("link");
    sheet.rel = "stylesheet";
    sheet.href = new URL("migration-view.css", document.baseURI).href;
    sheet.onload = sheet.onerror = done;
    document.head.append(sheet);
  })
    .then(() => import(new URL("vnuma-planner-migration.js", document.baseURI).href))
    .then(async (m) => {
      await m.default({ module_or_path: new URL("vnuma-planner-migration_bg.wasm", document.baseURI) });
      return m;
    })
    .catch(() => null);
  migration.then((m) => {
    const root = document.getElementById("migration-view");
    if (!root) return;
    if (!m) {
      root.textContent = "The migration view could not be loaded; reload the page to try again.";
    } else if (migrationQuery === query) {
      m.show(root, query, stale);
      // The answer's sections after the view is drawn; only the latest query's.
      if (!stale) setTimeout(() => migrationQuery === query && takeAnswer(m.answer(query)));
    }
  });
}

/** `take` gets the Markdown answer's migration sections for the page's answer. */
export function wire_migration_view(take) {
  takeAnswer = take;
}
