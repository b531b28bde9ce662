// The importer Web Worker: reads dropped files here, off the page's main
// thread, and hands every string to the importers' wasm
// (src/import_worker.rs, built as vnuma-planner-import.wasm by a Trunk hook),
// which needs no imports and no wasm-bindgen glue. One message in (the
// panel's request), one message out (the answer's strings).
"use strict";

const WASM = "vnuma-planner-import.wasm";
const MAX_BYTES = 2 * 1024 * 1024; // src/import/mod.rs MAX_INPUT_BYTES

const wasm = fetch(WASM)
  .then((response) => response.arrayBuffer())
  .then((bytes) => WebAssembly.instantiate(bytes, {}))
  .then(({ instance }) => instance.exports);

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

/** A pasted text as it is; a dropped file read as text, here. */
function text(name, value) {
  if (typeof value === "string") return value;
  if (value.size > MAX_BYTES) throw new Error(`${name}: the file is larger than 2 MB, the most the planner reads.`);
  try {
    return new FileReaderSync().readAsText(value);
  } catch {
    throw new Error(`${name}: the file cannot be read as text.`);
  }
}

/** The request as `tag, value` strings (see src/import_worker.rs). */
function strings({ form, files, pick, before, marked }) {
  const out = [];
  for (let i = 0; i + 1 < form.length; i += 2) out.push(`form:${form[i]}`, form[i + 1]);
  for (let i = 0; i + 1 < files.length; i += 2) out.push(`file:${files[i]}`, text(files[i], files[i + 1]));
  if (pick) out.push("pick", pick);
  for (let i = 0; i + 1 < before.length; i += 2) out.push(`before:${before[i]}`, before[i + 1]);
  for (const key of marked) out.push("marked", key);
  return out;
}

onmessage = async (event) => {
  const exports = await wasm;
  let request;
  try {
    request = strings(event.data);
  } catch (refused) {
    postMessage(["error", refused.message]);
    return;
  }
  for (const s of request) put(exports, s);
  postMessage(take(exports, exports.answer()));
};

wasm.then(
  () => postMessage("ready"),
  () => postMessage(["error", "The importer could not be loaded; reload the page to try again."]),
);
