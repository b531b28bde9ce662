//! The snippet a documentation page pastes to embed the planner.

use super::html::escape_html;

/// The `type` of the message the embedded page posts to its parent.
pub const HEIGHT_MESSAGE: &str = "vnuma-planner:height";

/// An iframe for `link` (an `embed=1` permalink) and the script that sizes
/// it from the planner's height messages.
pub fn embed_snippet(link: &str) -> String {
    format!(
        "<iframe id=\"vnuma-planner\" src=\"{}\" title=\"vNUMA planner\" style=\"width:100%;border:0\" height=\"640\" loading=\"lazy\"></iframe>\n<script>\naddEventListener(\"message\", (e) => {{\n  const frame = document.getElementById(\"vnuma-planner\");\n  if (e.source === frame.contentWindow && e.data && e.data.type === \"{HEIGHT_MESSAGE}\") {{\n    frame.style.height = e.data.height + \"px\";\n  }}\n}});\n</script>",
        escape_html(link)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_cannot_break_out_of_the_attribute() {
        let snippet = embed_snippet("https://x.example/?a=1&b=\"><script>");
        assert!(snippet.starts_with(
            "<iframe id=\"vnuma-planner\" src=\"https://x.example/?a=1&amp;b=&quot;&gt;&lt;script&gt;\""
        ));
        assert!(snippet.contains("e.data.type === \"vnuma-planner:height\""));
        assert_eq!(snippet.matches("<script>").count(), 1);
    }
}
