// The Cluster page's Web Worker: reads the dropped files here, off the
// page's main thread, and hands their text to the cluster's wasm
// (src/cluster_worker.rs, built as vnuma-planner-cluster.wasm by a Trunk
// hook; no wasm-bindgen glue), as web/import-worker.js does for the
// importers. The wasm's one import, `cluster.progress`, is posted to the
// page as `{ progress: [stage, done, total] }` while it works. One message
// in (`{ files, vcpus, targets }`), one message out (the answer's strings).
// The protocol's tags, rows and size limit are the wasm's
// (src/cluster_worker/protocol.rs): read from it at start and posted to
// the page as the ready message, `{ protocol }` (or `{ failed }`).
"use strict";

const WASM = "vnuma-planner-cluster.wasm";

const imports = {
  cluster: {
    progress: (stage, done, total) => postMessage({ progress: [stage, done, total] }),
  },
};
const wasm = fetch(WASM)
  .then((response) => response.arrayBuffer())
  .then((bytes) => WebAssembly.instantiate(bytes, imports))
  .then(({ instance }) => instance.exports);
/**
 * The request's tags by name, `rows` (the answer's row tags by name),
 * `arity` (strings per row, by tag), `verdicts`, `stages`, `max_input_bytes`.
 */
let protocol;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function put(exports, text) {
  const bytes = encoder.encode(text);
  const at = exports.cluster_buffer(bytes.length);
  new Uint8Array(exports.memory.buffer, at, bytes.length).set(bytes);
  exports.cluster_push();
}

function take(exports, count) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const at = exports.cluster_string_ptr(i);
    out.push(decoder.decode(new Uint8Array(exports.memory.buffer, at, exports.cluster_string_len(i))));
  }
  return out;
}

/** The protocol as the wasm describes it (`name, value` strings). */
function described(exports) {
  const strings = take(exports, exports.cluster_protocol());
  const out = { rows: {}, arity: {}, stages: [] };
  for (let i = 0; i + 1 < strings.length; i += 2) {
    const [name, value] = [strings[i], strings[i + 1]];
    if (name.startsWith("row:")) out.rows[name.slice(4)] = value;
    else if (name.startsWith("arity:")) out.arity[name.slice(6)] = Number(value);
    else if (name === "stage") out.stages.push(value);
    else out[name] = value;
  }
  out.max_input_bytes = Number(out.max_input_bytes);
  out.verdicts = out.verdicts.split(",");
  return out;
}

/** The request as `tag, value` strings (see src/cluster_worker.rs). */
function strings({ files = [], vcpus, targets }) {
  const p = protocol;
  const out = [];
  for (const file of files) {
    const name = file.webkitRelativePath || file.name;
    if (file.size > p.max_input_bytes) {
      out.push(p.skipped, name);
      continue;
    }
    let text;
    try {
      text = new FileReaderSync().readAsText(file);
    } catch {
      // Read as an empty text: the wasm lists it as not read.
      text = "";
    }
    out.push(p.file + name, text);
  }
  if (vcpus !== undefined) out.push(p.vcpus, String(vcpus));
  if (targets !== undefined) out.push(p.targets, String(targets));
  return out;
}

onmessage = async (event) => {
  const exports = await wasm;
  for (const s of strings(event.data)) put(exports, s);
  postMessage(take(exports, exports.cluster_answer()));
};

wasm.then(
  (exports) => {
    protocol = described(exports);
    postMessage({ protocol });
  },
  () => postMessage({ failed: "The cluster's worker could not be loaded; reload the page to try again." }),
);
