// The Paste panel's body and the importer worker, fetched only when a
// visitor opens the panel or drops a file on it: most visitors never paste,
// so none of this is in the page's own wasm or its first load.
//
// The page (src/ui/paste.rs) passes one Rust callback, `take(pairs)`, that
// reads link pairs into the inputs as a link is read. The worker
// (import-worker.js and src/import_worker.rs) gets the page's inputs as the address bar has them
// and answers with the new pairs and where each imported value came from;
// this file marks those fields, takes the marks off fields edited by hand,
// and asks the worker to put the old values back on "Clear imported values".
// It never parses pasted text: it checks sizes, hands text and files over,
// and shows what comes back as text, never as HTML. The answer's tags and
// the size limit come from the worker's ready message, `{ protocol }`, read
// from its wasm (src/import_worker/protocol.rs).

const WORKER = "import-worker.js";
const TIMEOUT_MS = 5000;
const PASTED = "pasted text";

const HINT =
  "VMs, VMIs and instance types (oc get -o yaml or json, one or a List); " +
  "lscpu (plain, -e, -p, -J), numactl -H, the performance profile creator's info --json, " +
  "NodeResourceTopology, KubeletConfig, PerformanceProfile, sysfs huge pages, cpu_manager_state, virsh dumpxml; " +
  "the error messages a customer quotes (events, oc describe, launcher logs). " +
  "Several at once, in any order, separated by ---, or drop files here. " +
  "Read in your browser: nothing is sent anywhere, and links never carry it.";

// The panel's own styles, in before its body is built (no unstyled flash);
// a missing sheet leaves the panel plain but working.
await new Promise((done) => {
  const sheet = document.createElement("link");
  sheet.rel = "stylesheet";
  sheet.href = new URL("paste-panel.css", import.meta.url).href;
  sheet.onload = sheet.onerror = done;
  document.head.append(sheet);
});

/**
 * One request at a time to a worker that is replaced when it fails. A
 * request is built when the worker is ready, from its protocol (the build
 * may refuse: the text is too large).
 */
class Importer {
  constructor() {
    this.worker = null;
    this.pending = null;
  }

  start() {
    if (this.worker) return;
    const worker = new Worker(new URL(WORKER, document.baseURI));
    worker.protocol = null;
    worker.onmessage = ({ data }) => {
      if (Array.isArray(data)) {
        this.finish(null, data, worker.protocol);
      } else if (data && data.protocol) {
        worker.protocol = data.protocol;
        this.post();
      } else {
        this.fail((data && data.failed) || "The importer could not be loaded; reload the page to try again.");
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.fail("The importer stopped with an error and was restarted; the inputs are unchanged.");
    };
    this.worker = worker;
  }

  /** `build(protocol)` gives the request or throws why there is none. */
  send(build) {
    return new Promise((resolve) => {
      this.start();
      const timer = setTimeout(
        () =>
          this.fail(
            "Reading took longer than 5 seconds, so the importer was stopped and restarted; the inputs are unchanged.",
          ),
        TIMEOUT_MS,
      );
      this.pending = { build, resolve, timer, sent: false };
      this.post();
    });
  }

  post() {
    const p = this.pending;
    const protocol = this.worker && this.worker.protocol;
    if (!p || p.sent || !protocol) return;
    p.sent = true;
    let request;
    try {
      request = p.build(protocol);
    } catch (refused) {
      this.finish(refused.message, null);
      return;
    }
    this.worker.postMessage(request);
  }

  finish(error, answer, protocol = null) {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    clearTimeout(p.timer);
    p.resolve({ error, answer, protocol });
  }

  // The next request starts a fresh worker, so one that fails to load is
  // not restarted in a loop.
  fail(why) {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.finish(why, null);
  }
}

function element(tag, attributes = {}, text = "") {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) e.setAttribute(name, value);
  e.textContent = text;
  return e;
}

function kilobytes(bytes) {
  return Math.floor(bytes / 1024);
}

function tooLarge(name, bytes, limit) {
  const most = limit / (1024 * 1024);
  return `${name} is ${kilobytes(bytes)} KB; the planner reads at most ${most} MB at a time. Paste the objects one by one.`;
}

/** The worker's flat `tag, value` strings, sorted into what the panel shows. */
function readAnswer(answer, p) {
  const out = { error: "", choices: [], read: [], notes: [], origins: [], errors: [] };
  for (let i = 0; i + 1 < answer.length; i += 2) {
    const [tag, value] = [answer[i], answer[i + 1]];
    if (tag === p.error) out.error = value;
    else if (tag === p.choose) out.choices.push(value);
    else if (tag === p.read) out.read.push(value);
    else if (tag === p.note) out.notes.push(value);
    else if (tag.startsWith(p.from)) out.origins.push([tag.slice(p.from.length), value]);
    else if (tag.startsWith(p.pasted_error)) out.errors.push([tag.slice(p.pasted_error.length), value]);
  }
  return out;
}

function fillList(list, lines) {
  list.replaceChildren(...lines.map((line) => element("li", {}, line)));
  list.hidden = lines.length === 0;
}

/** The input, checkbox or select of a link key. */
function control(key) {
  return document.querySelector(`[data-field="${key}"], [data-switch="${key}"], select[name="${key}"]`);
}

/** "from <file>: <where>" under each field the last imports set. */
class Marks {
  constructor() {
    this.origins = new Map();
    this.before = null;
    // A hand edit takes its field's mark off: the value is the user's now.
    const edited = (event) => {
      if (!event.isTrusted) return;
      const key = event.target.dataset.field || event.target.dataset.switch || event.target.name;
      if (this.origins.delete(key)) this.show();
    };
    document.addEventListener("input", edited, true);
    document.addEventListener("change", edited, true);
  }

  add(before, origins) {
    if (this.origins.size === 0) this.before = before;
    for (const [key, from] of origins) this.origins.set(key, from);
    this.show();
  }

  clear() {
    this.origins.clear();
    this.before = null;
    this.show();
  }

  show() {
    for (const old of document.querySelectorAll("p.from[data-from-for]")) old.remove();
    for (const [key, from] of this.origins) {
      const field = control(key);
      const place = field && (field.closest(".field") || field.parentElement);
      if (!place) continue;
      place.append(element("p", { class: "from", "data-from-for": key }, `from ${from}`));
    }
  }
}

/**
 * Builds the panel in `body`; `currentPairs()` gives the page's inputs as
 * flat link pairs (web/page.js).
 */
export function mount(body, take, currentPairs) {
  const importer = new Importer();
  importer.start();
  const hint = element("p", { class: "hint", id: "paste-hint" }, HINT);
  const textLabel = element("label", { for: "paste-text" }, "Text");
  const text = element("textarea", {
    id: "paste-text",
    "data-paste": "",
    rows: "6",
    spellcheck: "false",
    autocomplete: "off",
    "aria-describedby": "paste-hint",
  });
  const filesLabel = element("label", { for: "paste-files" }, "Files");
  const input = element("input", { id: "paste-files", type: "file", multiple: "", "data-paste-files": "" });
  const read = element("button", { type: "button", "data-action": "read" }, "Read into the inputs");
  const clear = element(
    "button",
    { type: "button", "data-action": "clear-imported" },
    "Clear imported values",
  );
  clear.hidden = true;
  const actions = element("div", { class: "paste-actions" });
  actions.append(read, clear);
  const marks = new Marks();
  const status = element("p", { class: "paste-status", role: "status", "data-paste-status": "" });
  const error = element("p", { class: "paste-error", role: "alert", "data-paste-error": "" });
  const choiceField = element("div", { class: "field" });
  const choiceLabel = element("label", { for: "paste-choice" }, "Which VM");
  const choice = element("select", { id: "paste-choice", "data-paste-choice": "" });
  choiceField.append(choiceLabel, choice);
  choiceField.hidden = true;
  const readList = element("ul", { class: "paste-read", "aria-label": "What was read" });
  const notes = element("ul", { class: "paste-notes", "aria-label": "Import notes" });
  // Error messages found in the paste, each with the planner's check.
  const errors = element("ul", { class: "paste-errors", "aria-label": "Error messages in the paste" });
  readList.hidden = notes.hidden = errors.hidden = true;
  body.replaceChildren(hint, textLabel, text, filesLabel, input, actions, status, error, choiceField, errors, readList, notes);

  /** The request, built when the worker is ready (its protocol has the limit). */
  function request(pick, protocol) {
    const limit = protocol.max_input_bytes;
    const parts = [];
    if (text.value.trim() !== "") {
      const bytes = new TextEncoder().encode(text.value).length;
      if (bytes > limit) throw new Error(tooLarge("The pasted text", bytes, limit));
      parts.push(PASTED, text.value);
    }
    for (const file of input.files) {
      if (file.size > limit) throw new Error(tooLarge(file.name, file.size, limit));
      parts.push(file.name, file);
    }
    return { form: currentPairs(), files: parts, pick, before: [], marked: [] };
  }

  /** Puts the answer's pairs into the inputs; says what could not be used. */
  function apply(pairs) {
    error.textContent = take(pairs).join(" ");
  }

  async function readAll(pick) {
    if (text.value.trim() === "" && input.files.length === 0) {
      status.textContent = "";
      error.textContent = "Nothing to read: paste text or choose files first.";
      return;
    }
    read.disabled = true;
    error.textContent = "";
    status.textContent = "Reading…";
    let before;
    const {
      error: failed,
      answer,
      protocol,
    } = await importer.send((protocol) => {
      const message = request(pick, protocol);
      before = message.form;
      return message;
    });
    read.disabled = false;
    if (failed) {
      status.textContent = "";
      error.textContent = failed;
      return;
    }
    const got = readAnswer(answer, protocol);
    choice.replaceChildren(
      element("option", { value: "" }, "Choose a VM"),
      ...got.choices.map((name) => element("option", {}, name)),
    );
    choiceField.hidden = got.choices.length === 0;
    errors.replaceChildren(
      ...got.errors.map(([check, means]) =>
        element("li", { "data-check": check }, check ? `${check}: ${means}` : `Not a NUMA fit rule: ${means}`),
      ),
    );
    errors.hidden = got.errors.length === 0;
    if (got.error) {
      status.textContent = "";
      error.textContent = got.error;
      return;
    }
    if (got.origins.length === 0 && got.errors.length > 0) {
      // Error messages alone: nothing to fill; the page's own verdicts say
      // which check fails once the VM and host are given.
      status.textContent = `Found ${got.errors.length} error message(s); paste the VM and host with them to see the check fail in the verdicts.`;
      return;
    }
    apply(answer);
    marks.add(before, got.origins);
    clear.hidden = false;
    status.textContent = `Filled ${got.origins.length} inputs; each is marked with where its value came from.`;
    fillList(readList, got.read);
    fillList(notes, got.notes);
  }

  async function clearImported() {
    const marked = [...marks.origins.keys()];
    const request = { form: currentPairs(), files: [], before: marks.before || [], marked };
    const { error: failed, answer } = await importer.send(() => request);
    if (failed) {
      error.textContent = failed;
      return;
    }
    apply(answer);
    marks.clear();
    clear.hidden = true;
    status.textContent = "Imported values cleared: the fields hold what they held before.";
  }

  read.addEventListener("click", () => readAll(undefined));
  clear.addEventListener("click", clearImported);
  choice.addEventListener("change", () => choice.value && readAll(choice.value));
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      readAll(undefined);
    }
  });
  return {
    drop(dropped) {
      input.files = dropped;
      readAll(undefined);
    },
  };
}
