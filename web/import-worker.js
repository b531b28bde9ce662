// The importer Web Worker: reads dropped files here, off the page's main
// thread, and hands every string to the importers' wasm
// (src/import_worker.rs, built as vnuma-planner-import.wasm by a Trunk hook),
// which needs no imports and no wasm-bindgen glue. One message in (the
// panel's request), one message out (the answer's strings). The protocol's
// tags and size limit are the wasm's (src/import_worker/protocol.rs): read
// from it at start, and posted to the panel as the ready message,
// `{ protocol }` (or `{ failed }` when the wasm cannot be loaded).
"use strict";

const WASM = "vnuma-planner-import.wasm";

const wasm = fetch(WASM)
  .then((response) => response.arrayBuffer())
  .then((bytes) => WebAssembly.instantiate(bytes, {}))
  .then(({ instance }) => instance.exports);
/** The tags by name, and `max_input_bytes` (a number). */
let protocol;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function put(exports, text) {
  const bytes = encoder.encode(text);
  const at = exports.buffer(bytes.length);
  new Uint8Array(exports.memory.buffer, at, bytes.length).set(bytes);
  exports.push();
}

function take(exports, count) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const at = exports.string_ptr(i);
    out.push(decoder.decode(new Uint8Array(exports.memory.buffer, at, exports.string_len(i))));
  }
  return out;
}

/** The protocol as the wasm describes it (`name, value` strings). */
function described(exports) {
  const strings = take(exports, exports.protocol());
  const out = {};
  for (let i = 0; i + 1 < strings.length; i += 2) out[strings[i]] = strings[i + 1];
  out.max_input_bytes = Number(out.max_input_bytes);
  return out;
}

/** A pasted text as it is; a dropped file read as text, here. */
function text(name, value) {
  if (typeof value === "string") return value;
  const limit = protocol.max_input_bytes;
  if (value.size > limit) {
    throw new Error(`${name}: the file is larger than ${limit / (1024 * 1024)} MB, the most the planner reads.`);
  }
  try {
    return new FileReaderSync().readAsText(value);
  } catch {
    throw new Error(`${name}: the file cannot be read as text.`);
  }
}

/** The request as `tag, value` strings (see src/import_worker.rs). */
function strings({ form, files, pick, before, marked }) {
  const p = protocol;
  const out = [];
  for (let i = 0; i + 1 < form.length; i += 2) out.push(p.form + form[i], form[i + 1]);
  for (let i = 0; i + 1 < files.length; i += 2) out.push(p.file + files[i], text(files[i], files[i + 1]));
  if (pick) out.push(p.pick, pick);
  for (let i = 0; i + 1 < before.length; i += 2) out.push(p.before + before[i], before[i + 1]);
  for (const key of marked) out.push(p.marked, key);
  return out;
}

onmessage = async (event) => {
  const exports = await wasm;
  let request;
  try {
    request = strings(event.data);
  } catch (refused) {
    postMessage([protocol.error, refused.message]);
    return;
  }
  for (const s of request) put(exports, s);
  postMessage(take(exports, exports.answer()));
};

wasm.then(
  (exports) => {
    protocol = described(exports);
    postMessage({ protocol });
  },
  () => postMessage({ failed: "The importer could not be loaded; reload the page to try again." }),
);
