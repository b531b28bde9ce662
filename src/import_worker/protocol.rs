//! The worker protocol's tags and limit, defined here once. The JS side
//! never spells them: `web/import-worker.js` reads them from the wasm at
//! start (the `protocol` export, as `name, value` strings) and posts them to
//! `web/paste-panel.js` in its ready message.

/// In: one of the page's link pairs, `form:KEY, value`.
pub const FORM: &str = "form:";
/// In: a pasted text or a dropped file, `file:NAME, text`.
pub const FILE: &str = "file:";
/// In: a link pair before the import, `before:KEY, value` (to clear it).
pub const BEFORE: &str = "before:";
/// In: a key still imported, `marked, KEY` (to clear it).
pub const MARKED: &str = "marked";
/// In: the VM to read when the files hold several, `pick, NAME`.
pub const PICK: &str = "pick";
/// Out: why nothing was read, `error, message`.
pub const ERROR: &str = "error";
/// Out: a VM to choose from, `choose, NAME`.
pub const CHOOSE: &str = "choose";
/// Out: where an imported value came from, `from:KEY, where`.
pub const FROM: &str = "from:";
/// Out: a line saying what was read, `read, line`.
pub const READ: &str = "read";
/// Out: an import note, `note, [code] message`.
pub const NOTE: &str = "note";
/// Out: an error message the paste holds (`domain::errors`), with the
/// planner's check it is, `pasted-error:CHECK, what it means` (no check:
/// not a fit rule).
pub const PASTED_ERROR: &str = "pasted-error:";
/// The most bytes read from one text or file; the panel and the worker
/// refuse more before the text reaches the wasm.
pub const MAX_INPUT_BYTES: usize = crate::import::MAX_INPUT_BYTES;

/// The tags by the names the worker's JS reads them by.
pub const TAGS: [(&str, &str); 11] = [
    ("form", FORM),
    ("file", FILE),
    ("before", BEFORE),
    ("marked", MARKED),
    ("pick", PICK),
    ("error", ERROR),
    ("choose", CHOOSE),
    ("from", FROM),
    ("read", READ),
    ("note", NOTE),
    ("pasted_error", PASTED_ERROR),
];

/// The protocol as flat `name, value` strings, as the worker's JS reads it:
/// each tag by its name, then `max_input_bytes`.
pub fn described() -> Vec<String> {
    let mut out = Vec::with_capacity(2 * TAGS.len() + 2);
    for (name, tag) in TAGS {
        out.push(name.to_string());
        out.push(tag.to_string());
    }
    out.push("max_input_bytes".to_string());
    out.push(MAX_INPUT_BYTES.to_string());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JS side reads the protocol from the wasm and keeps no copy of it.
    #[test]
    fn the_scripts_spell_no_tag_and_no_limit() {
        for (file, source) in [
            (
                "web/import-worker.js",
                include_str!("../../web/import-worker.js"),
            ),
            (
                "web/paste-panel.js",
                include_str!("../../web/paste-panel.js"),
            ),
        ] {
            for (_, tag) in TAGS {
                let spelled = if tag.ends_with(':') {
                    vec![format!("\"{tag}"), format!("'{tag}"), format!("`{tag}")]
                } else {
                    vec![
                        format!("=== \"{tag}\""),
                        format!("[\"{tag}\""),
                        format!("(\"{tag}\""),
                        format!("\"{tag}\","),
                    ]
                };
                for s in &spelled {
                    assert!(!source.contains(s.as_str()), "{file} spells {s}");
                }
            }
            assert!(!source.contains("\"ready\""), "{file} spells \"ready\"");
            for limit in ["2 * 1024", "2097152", "2 MB"] {
                assert!(!source.contains(limit), "{file} spells the limit {limit}");
            }
        }
    }

    #[test]
    fn names_and_tags_are_unique() {
        for (i, (name, tag)) in TAGS.iter().enumerate() {
            for (other, other_tag) in &TAGS[i + 1..] {
                assert_ne!(name, other);
                assert_ne!(tag, other_tag);
            }
        }
        let described = described();
        assert_eq!(described.len(), 2 * TAGS.len() + 2);
        assert_eq!(described[described.len() - 1], "2097152");
    }

    /// The worker's JS as it drives the exports: a string into the buffer.
    fn put(text: &str) {
        let at = crate::import_worker::buffer(text.len());
        // SAFETY: `buffer` gave `text.len()` writable bytes at `at`.
        unsafe { std::ptr::copy_nonoverlapping(text.as_ptr(), at, text.len()) };
        crate::import_worker::push();
    }

    fn read(count: usize) -> Vec<String> {
        use crate::import_worker::{string_len, string_ptr};
        (0..count)
            .map(|i| {
                // SAFETY: `string_ptr(i)` points at `string_len(i)` bytes of a
                // live String.
                let bytes = unsafe { std::slice::from_raw_parts(string_ptr(i), string_len(i)) };
                String::from_utf8_lossy(bytes).into_owned()
            })
            .collect()
    }

    /// What JS reads (the protocol, an answer) never becomes part of the
    /// next request.
    #[test]
    fn a_request_starts_clean_after_the_protocol_and_after_an_answer() {
        assert_eq!(read(crate::import_worker::protocol()), described());
        for _ in 0..2 {
            put(&format!("{FILE}pasted text"));
            put("available: 1 nodes (0)\nnode 0 cpus: 0 1 2 3\n");
            let answer = read(crate::import_worker::answer());
            assert!(!answer.iter().any(|s| s == ERROR), "{answer:?}");
            assert!(answer.iter().any(|s| s.starts_with(FROM)), "{answer:?}");
        }
    }
}
