//! One language's catalogue, read from a gettext PO file.

use crate::domain::Lang;
use std::fmt;

/// The most a catalogue file may hold; ours are a few hundred KB.
const MAX_BYTES: usize = 4 << 20;

/// English text -> translation, sorted by the English text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catalogue {
    lang: Lang,
    entries: Vec<(String, String)>,
}

/// Why a PO file was refused: its line and what was wrong there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogueError {
    pub line: usize,
    pub problem: &'static str,
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)
    }
}

/// Which string a PO line adds to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    None,
    Id,
    Str,
}

impl Catalogue {
    /// Reads the subset of PO the catalogues use: `msgid`/`msgstr` pairs
    /// with continuation lines, comments and the `fuzzy` flag. An entry
    /// with an empty or fuzzy translation is left out (English is shown);
    /// plural forms and contexts are refused, not guessed at.
    pub fn parse(lang: Lang, text: &str) -> Result<Catalogue, CatalogueError> {
        let error = |line, problem| Err(CatalogueError { line, problem });
        if text.len() > MAX_BYTES {
            return error(1, "the file is larger than 4 MiB");
        }
        let mut entries = Vec::new();
        let (mut id, mut translation) = (String::new(), String::new());
        let (mut part, mut fuzzy) = (Part::None, false);
        // Entries come sorted by their English text, so lookups can search
        // without the page sorting them (or carrying a sort) first.
        let mut finish = |id: &mut String, translation: &mut String, fuzzy: &mut bool| {
            let sorted = entries
                .last()
                .is_none_or(|(last, _): &(String, String)| last.as_str() < id.as_str());
            if !id.is_empty() && !sorted {
                return false;
            }
            if !id.is_empty() && !translation.is_empty() && !*fuzzy {
                entries.push((std::mem::take(id), std::mem::take(translation)));
            }
            id.clear();
            translation.clear();
            *fuzzy = false;
            true
        };
        const UNSORTED: &str = "entries must be sorted by their msgid, each once";
        for (index, line) in text.lines().enumerate() {
            let number = index + 1;
            let line = line.trim();
            let (target, quoted) = if let Some(rest) = line.strip_prefix("msgid ") {
                if part == Part::Str && !finish(&mut id, &mut translation, &mut fuzzy) {
                    return error(number, UNSORTED);
                }
                part = Part::Id;
                (&mut id, rest)
            } else if let Some(rest) = line.strip_prefix("msgstr ") {
                if part != Part::Id {
                    return error(number, "msgstr without a msgid before it");
                }
                part = Part::Str;
                (&mut translation, rest)
            } else if line.starts_with('"') {
                match part {
                    Part::Id => (&mut id, line),
                    Part::Str => (&mut translation, line),
                    Part::None => return error(number, "a quoted line outside an entry"),
                }
            } else if line.starts_with("msgctxt") || line.starts_with("msgid_plural") {
                return error(number, "contexts and plural forms are not used");
            } else if line.is_empty() || line.starts_with('#') {
                if line.starts_with("#,") && line.contains("fuzzy") {
                    fuzzy = true;
                }
                if line.is_empty() && part == Part::Str {
                    if !finish(&mut id, &mut translation, &mut fuzzy) {
                        return error(number, UNSORTED);
                    }
                    part = Part::None;
                }
                continue;
            } else {
                return error(number, "not a PO line");
            };
            match unquote(quoted) {
                Some(piece) => target.push_str(&piece),
                None => return error(number, "a string not in double quotes"),
            }
        }
        if part == Part::Str && !finish(&mut id, &mut translation, &mut fuzzy) {
            return error(text.lines().count(), UNSORTED);
        }
        Ok(Catalogue { lang, entries })
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The translation of `english`, if this catalogue has one.
    pub fn get(&self, english: &str) -> Option<&str> {
        self.entries
            .binary_search_by(|(id, _)| id.as_str().cmp(english))
            .ok()
            .map(|i| self.entries[i].1.as_str())
    }

    /// Every English text with its translation, sorted.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.iter().map(|(e, t)| (e.as_str(), t.as_str()))
    }
}

/// The text of one `"..."` with PO's escapes (`\"`, `\\`, `\n`, `\t`) read.
fn unquote(quoted: &str) -> Option<String> {
    let inner = quoted.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '"' {
            return None;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            'n' => '\n',
            't' => '\t',
            c @ ('"' | '\\') => c,
            _ => return None,
        });
    }
    Some(out)
}

/// `text` as a PO string (for writing catalogues).
pub fn quote_po(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries_continuations_and_escapes() {
        let po = concat!(
            "# header\nmsgid \"\"\nmsgstr \"Language: ja\\n\"\n\n",
            "msgid \"Empty\"\nmsgstr \"\"\n\n",
            "msgid \"Host\"\nmsgstr \"ホスト\"\n\n",
            "msgid \"\"\n\"Say \\\"hi\\\"\"\nmsgstr \"\"\n\"「\\\"こんにちは\\\"」\"\n\n",
            "#, fuzzy\nmsgid \"VM\"\nmsgstr \"仮想マシン\"\n",
        );
        let catalogue = Catalogue::parse(Lang::Ja, po).unwrap();
        assert_eq!(catalogue.get("Host"), Some("ホスト"));
        assert_eq!(catalogue.get("Say \"hi\""), Some("「\"こんにちは\"」"));
        assert_eq!(catalogue.get("VM"), None, "fuzzy entries are not used");
        assert_eq!(catalogue.get("Empty"), None);
        assert_eq!(catalogue.entries().count(), 2);
    }

    #[test]
    fn refuses_what_it_does_not_read() {
        let cases = [
            ("msgstr \"x\"\n", 1),
            ("msgid \"a\"\nmsgstr x\n", 2),
            ("msgctxt \"c\"\nmsgid \"a\"\nmsgstr \"b\"\n", 1),
            ("msgid \"a\\q\"\nmsgstr \"b\"\n", 1),
            ("hello\n", 1),
            (
                "msgid \"b\"\nmsgstr \"x\"\n\nmsgid \"a\"\nmsgstr \"y\"\n",
                5,
            ),
            (
                "msgid \"a\"\nmsgstr \"x\"\n\nmsgid \"a\"\nmsgstr \"y\"\n",
                5,
            ),
        ];
        for (po, line) in cases {
            let error = Catalogue::parse(Lang::Ko, po).unwrap_err();
            assert_eq!(error.line, line, "{po:?}: {error}");
        }
    }

    #[test]
    fn quoting_reads_back() {
        let text = "a \"b\" \\ c\nd\te";
        assert_eq!(unquote(&quote_po(text)).as_deref(), Some(text));
    }
}
