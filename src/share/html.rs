//! Text made safe for HTML: the embed snippet's attribute and the command's
//! HTML table. (The page's views escape their text by construction.)

/// Escapes text for HTML element content and double- or single-quoted
/// attributes.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape_html;

    #[test]
    fn markup_characters_become_entities() {
        assert_eq!(
            escape_html("<img src=x onerror='a'>&\"b\""),
            "&lt;img src=x onerror=&#39;a&#39;&gt;&amp;&quot;b&quot;"
        );
        assert_eq!(escape_html("1290 free, enough"), "1290 free, enough");
    }
}
