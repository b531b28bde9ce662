use std::borrow::Cow;

/// Longest piece of someone's text quoted back in a message.
pub const QUOTE_LIMIT: usize = 32;

/// `text` in double quotes, cut to `QUOTE_LIMIT` characters with an
/// ellipsis, its control characters shown by [`printable`]: rejected text is
/// quoted back in messages, and pasted text or a link's value can be huge
/// or hold terminal escapes.
pub fn quote(text: &str) -> String {
    let mut short: String = text.chars().take(QUOTE_LIMIT).collect();
    if text.chars().count() > QUOTE_LIMIT {
        short.push('…');
    }
    format!("\"{}\"", printable(&short))
}

/// Whether `c` would act on a terminal or on the line rather than show:
/// control characters (newline and tab too) and the bidirectional
/// overrides and isolates that reorder what follows.
fn acts(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text from the input with each character that would act rather than show
/// (see `acts`) written as its code, e.g. `\u{1b}`: a file's text cannot
/// colour a terminal, move its cursor or start a line of its own.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if acts(c) {
            shown.extend(c.escape_unicode());
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_as_their_codes() {
        assert_eq!(printable("plain: ü, 2 x 3"), "plain: ü, 2 x 3");
        assert_eq!(
            printable("\u{1b}[31mred\nline\u{202e}"),
            "\\u{1b}[31mred\\u{a}line\\u{202e}"
        );
        assert_eq!(quote("a\rb"), "\"a\\u{d}b\"");
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        assert_eq!(quote("abc"), "\"abc\"");
        let long = "x".repeat(512 * 1024);
        let quoted = quote(&long);
        assert_eq!(quoted.chars().count(), QUOTE_LIMIT + 3);
        assert!(quoted.ends_with("…\""));
        assert_eq!(
            quote(&"é".repeat(QUOTE_LIMIT)).chars().count(),
            QUOTE_LIMIT + 2
        );
    }
}
