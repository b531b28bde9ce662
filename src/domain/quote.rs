/// Longest piece of someone's text quoted back in a message.
pub const QUOTE_LIMIT: usize = 32;

/// `text` in double quotes, cut to `QUOTE_LIMIT` characters with an
/// ellipsis: rejected text is quoted back in messages, and pasted text or a
/// link's value can be huge.
pub fn quote(text: &str) -> String {
    let mut short: String = text.chars().take(QUOTE_LIMIT).collect();
    if text.chars().count() > QUOTE_LIMIT {
        short.push('…');
    }
    format!("\"{short}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

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
