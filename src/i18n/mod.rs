//! The planner's words in the reader's language.
//!
//! The planner is written in English. Every text a person reads goes through
//! `tr` (or `trf!` when values go into it), which looks the English text up
//! in the active catalogue and falls back to it. Catalogues are gettext PO
//! files keyed by the English text, one per other language (`i18n/ja.po`,
//! `i18n/zh-cn.po`, `i18n/ko.po`): translators' tools read them, English
//! needs none, and the page fetches only its reader's language, so an
//! English page carries no catalogue at all. The catalogue is chosen once,
//! before anything is drawn or printed (the page reloads to change it), so
//! `tr` can hand out `&'static str` and views keep their static types.

#[cfg(feature = "i18n")]
mod catalogue;
#[cfg(feature = "i18n")]
mod preference;

#[cfg(feature = "i18n")]
pub use catalogue::{quote_po, Catalogue, CatalogueError};
#[cfg(feature = "i18n")]
pub use preference::preferred_lang;

#[cfg(feature = "i18n")]
use crate::domain::Lang;
#[cfg(feature = "i18n")]
use std::cell::Cell;

#[cfg(feature = "i18n")]
thread_local! {
    static ACTIVE: Cell<Option<&'static Catalogue>> = const { Cell::new(None) };
}

#[cfg(feature = "i18n")]
/// Makes `catalogue` the one `tr` reads from now on. Leaked on purpose: a
/// process or page uses one language for its whole life.
pub fn activate(catalogue: Catalogue) {
    let catalogue: &'static Catalogue = Box::leak(Box::new(catalogue));
    ACTIVE.with(|active| active.set(Some(catalogue)));
}

#[cfg(feature = "i18n")]
/// Back to English (the command's default, and tests').
pub fn activate_english() {
    ACTIVE.with(|active| active.set(None));
}

#[cfg(feature = "i18n")]
/// The language texts come out in.
pub fn active_lang() -> Lang {
    ACTIVE.with(|active| active.get().map_or(Lang::En, Catalogue::lang))
}

#[cfg(feature = "i18n")]
/// A language's name in that language, as a language menu shows it.
pub fn autonym(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Ja => "日本語",
        Lang::ZhCn => "简体中文",
        Lang::Ko => "한국어",
    }
}

/// `english` in the active language; English when the catalogue lacks it.
#[cfg(feature = "i18n")]
pub fn tr(english: &'static str) -> &'static str {
    ACTIVE
        .with(|active| active.get())
        .and_then(|catalogue| catalogue.get(english))
        .unwrap_or(english)
}

/// Without languages (the page's workers): the English text.
#[cfg(not(feature = "i18n"))]
#[inline(always)]
pub const fn tr(english: &'static str) -> &'static str {
    english
}

#[cfg(feature = "i18n")]
/// The separator between the values `trf!` formats in one go: a control
/// character, which user text never carries into a message (`quote` shows
/// control characters as their codes).
pub const SEPARATOR: char = '\u{1f}';

#[cfg(feature = "i18n")]
/// `english` in the active language with its `{name}`s filled from
/// `values`, `name=value` pairs each ended by `SEPARATOR` (what `trf!`
/// formats). A name the translation lacks is left out; other braces stay.
pub fn fill(english: &'static str, values: std::fmt::Arguments<'_>) -> String {
    let values = &values.to_string();
    let template = tr(english);
    let mut out = String::with_capacity(template.len() + values.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .split_terminator(SEPARATOR)
                .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
                .map(|value| (close, value))
        });
        match value {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `trf!("{p} CPUs on node {node}", p = count, node = i)`: the text in the
/// active language with its named values filled in. Translations may move
/// the names; every translation keeps the same names (a test checks). The
/// values are formatted by one `format!` of `name=value` pairs, which costs
/// the page's wasm little more than the English `format!` did: a slice of
/// `&dyn Display` per call cost it about 5 KB gzip over all the calls.
#[cfg(feature = "i18n")]
#[macro_export]
macro_rules! trf {
    ($english:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::fill(
            $english,
            format_args!(
                concat!($(stringify!($name), "={", stringify!($name), "}\u{1f}"),*),
                $($name = $value),*
            ),
        )
    };
}

/// Without languages (the page's workers): `format!` of the English text.
#[cfg(not(feature = "i18n"))]
#[macro_export]
macro_rules! trf {
    ($english:literal $(, $name:ident = $value:expr)* $(,)?) => {
        format!($english, $($name = $value),*)
    };
}

/// A text to translate where it is shown, written where `tr` cannot run
/// (a constant's table): `tr` it when read. Marks it for the catalogues.
#[macro_export]
macro_rules! tr_key {
    ($english:literal) => {
        $english
    };
}

/// The `{name}`s of a text, in order: a translation must keep them all.
#[cfg(feature = "i18n")]
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(close) = rest.find('}') {
            let name = &rest[..close];
            if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                names.push(name);
                rest = &rest[close + 1..];
            }
        }
    }
    names.sort_unstable();
    names
}

#[cfg(all(test, feature = "i18n"))]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_names_and_keeps_other_braces() {
        let n = "1";
        let text = trf!("{p} CPUs on node {n} {x} {", p = 4, n = n);
        assert_eq!(text, "4 CPUs on node 1 {x} {");
        let text = trf!("{pod} of {p}", p = "a=b", pod = 7);
        assert_eq!(
            text, "7 of a=b",
            "a name that starts another is not taken for it"
        );
    }

    #[test]
    fn a_text_missing_from_the_catalogue_stays_english() {
        let po = "msgid \"Host\"\nmsgstr \"ホスト\"\n";
        activate(Catalogue::parse(Lang::Ja, po).unwrap());
        assert_eq!((tr("Host"), tr("VM")), ("ホスト", "VM"));
        assert_eq!(active_lang(), Lang::Ja);
        activate_english();
        assert_eq!(tr("Host"), "Host");
    }
}
