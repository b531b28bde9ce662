//! Every text the planner shows has a translation in every catalogue
//! (`i18n/<lang>.po`), keeping the text's `{placeholders}`, and no catalogue
//! holds a text the planner no longer shows. The texts are found where they
//! are written: each `tr("...")`, `trf!("..."` and `tr_key!("...")` in `src/`, the input
//! table's labels, hints and units, and the document rows' texts.
//!
//! When texts were added or changed, the test writes the catalogue as it
//! should be (sorted, translations kept, new texts with an empty `msgstr`)
//! to `target/i18n/<lang>.po` and names it: translate the empty entries
//! there and copy the file over the catalogue.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use vnuma_planner::domain::{Lang, FIELDS, RULES};
use vnuma_planner::i18n::{autonym, placeholders, quote_po, Catalogue};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The value of the Rust string literal starting at `text` (just after its
/// opening quote), and the rest after its closing quote.
fn literal(text: &str) -> (String, &str) {
    let mut out = String::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return (out, &text[i + 1..]),
            '\\' => match chars.next().map(|(_, c)| c) {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('u') => {
                    let rest = &text[i + 3..];
                    let close = rest.find('}').unwrap();
                    let code = u32::from_str_radix(&rest[..close], 16).unwrap();
                    out.push(char::from_u32(code).unwrap());
                    for _ in 0..close + 2 {
                        chars.next();
                    }
                }
                // A line continuation skips the newline and the indent.
                Some('\n') => {
                    while chars.clone().next().is_some_and(|(_, c)| c.is_whitespace()) {
                        chars.next();
                    }
                }
                Some(c) => out.push(c),
                None => break,
            },
            c => out.push(c),
        }
    }
    panic!("unterminated literal: {text:.40}");
}

/// Every English text the planner can show.
fn english_texts() -> BTreeSet<String> {
    let mut files = Vec::new();
    rust_files(&Path::new(ROOT).join("src"), &mut files);
    let mut texts = BTreeSet::new();
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        // Unit tests' texts are not shown to anyone.
        let tests = ["#[cfg(test)]", "#[cfg(all(test"]
            .iter()
            .filter_map(|t| source.find(t))
            .min()
            .unwrap_or(source.len());
        let source = &source[..tests];
        for call in ["tr(", "trf!(", "tr_key!("] {
            let mut rest = source;
            while let Some(at) = rest.find(call) {
                let before = rest[..at].chars().last();
                rest = &rest[at + call.len()..];
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let trimmed = rest.trim_start();
                if let Some(body) = trimmed.strip_prefix('"') {
                    let (text, after) = literal(body);
                    texts.insert(text);
                    rest = after;
                }
            }
        }
    }
    for spec in FIELDS.iter() {
        texts.extend([spec.label, spec.hint, spec.unit].map(String::from));
    }
    for rule in RULES.iter() {
        texts.extend(rule.english_texts().map(String::from));
    }
    texts.retain(|t| !t.is_empty());
    texts
}

fn catalogue_path(lang: Lang) -> PathBuf {
    Path::new(ROOT)
        .join("i18n")
        .join(format!("{}.po", lang.code()))
}

/// The catalogue as it should be: every text, sorted, with its translation
/// when there is one.
fn catalogue_text(lang: Lang, texts: &BTreeSet<String>, have: &BTreeMap<String, String>) -> String {
    let mut out = format!(
        "# vnuma-planner: {} catalogue. Keyed by the English text; sorted by it.\nmsgid \"\"\nmsgstr \"Language: {}\\nContent-Type: text/plain; charset=UTF-8\\n\"\n",
        lang.code(),
        lang.code()
    );
    for text in texts {
        let translation = have.get(text).map_or("", String::as_str);
        let _ = write!(
            out,
            "\nmsgid {}\nmsgstr {}\n",
            quote_po(text),
            quote_po(translation)
        );
    }
    out
}

#[test]
fn every_catalogue_translates_every_text_the_planner_shows() {
    let texts = english_texts();
    assert!(texts.len() > 300, "only {} texts found", texts.len());
    assert!(texts.contains("Your VM on this host") && texts.contains("Fails to start"));
    let mut problems = Vec::new();
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
        let path = catalogue_path(lang);
        let source = std::fs::read_to_string(&path).unwrap_or_default();
        let catalogue =
            Catalogue::parse(lang, &source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let have: BTreeMap<String, String> = catalogue
            .entries()
            .map(|(e, t)| (e.to_string(), t.to_string()))
            .collect();
        let missing: Vec<&String> = texts.iter().filter(|t| !have.contains_key(*t)).collect();
        let stale = have.keys().filter(|t| !texts.contains(*t)).count();
        let broken = have
            .iter()
            .filter(|(e, t)| texts.contains(*e) && placeholders(e) != placeholders(t))
            .count();
        if missing.is_empty() && stale == 0 && broken == 0 {
            continue;
        }
        let (missing, first) = (missing.len(), missing.first().map(|t| t.to_string()));
        let kept: BTreeMap<String, String> = have
            .into_iter()
            .filter(|(e, t)| placeholders(e) == placeholders(t))
            .collect();
        let out = Path::new(ROOT).join("target").join("i18n");
        std::fs::create_dir_all(&out).unwrap();
        let written = out.join(format!("{}.po", lang.code()));
        std::fs::write(&written, catalogue_text(lang, &texts, &kept)).unwrap();
        problems.push(format!(
            "{}: {} missing, {} no longer shown, {} with other placeholders (first missing: {:?}); the catalogue as it should be, with those to translate empty, is in {}",
            path.display(),
            missing,
            stale,
            broken,
            first,
            written.display()
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_texts_found_are_the_ones_written() {
    let (text, rest) = literal("a \\\"b\\\" \\u{201c}c\\u{201d}\\n\", x");
    assert_eq!(
        (text.as_str(), rest),
        ("a \"b\" \u{201c}c\u{201d}\n", ", x")
    );
    let (text, _) = literal("one \\\n        two\"");
    assert_eq!(text, "one two");
}

/// The page's language menu is static HTML (the page's wasm carries none
/// of it): its options are the languages, each named in itself.
#[test]
fn the_language_menu_offers_every_language_by_its_own_name() {
    let index = std::fs::read_to_string(Path::new(ROOT).join("index.html")).unwrap();
    for lang in Lang::ALL {
        let option = format!(
            "<option value=\"{code}\" lang=\"{code}\">{}</option>",
            autonym(lang),
            code = lang.code()
        );
        assert!(index.contains(&option), "index.html lacks {option}");
    }
    assert_eq!(index.matches("<option ").count(), Lang::ALL.len());
}
