//! The snippet a documentation page pastes to embed the planner.

use super::html::escape_html;
use super::url::FrameId;

/// The `type` of the message the embedded page posts to its parent:
/// `{type, height, id}`.
pub const HEIGHT_MESSAGE: &str = "vnuma-planner:height";

/// The `type` of the one message the embedded page accepts, from its parent
/// only: `{type, theme: "light" | "dark"}`.
pub const THEME_MESSAGE: &str = "vnuma-planner:theme";

/// A frame id of its own for a snippet: the same scenario gives the same
/// id, two scenarios on one page get two (FNV-1a of the embed query).
pub fn frame_id_for(query: &str) -> FrameId {
    let hash = query.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    let id = format!("vnuma-planner-{:06x}", hash & 0xff_ffff);
    FrameId::parse(&id).unwrap_or_else(|_| unreachable!("hex digits are a valid id"))
}

/// An iframe for `link` (an `embed=1` permalink carrying `id`) and the
/// script that sizes every planner frame on the page from its messages.
pub fn embed_snippet(link: &str, id: &FrameId) -> String {
    format!(
        "<iframe id=\"{id}\" src=\"{}\" title=\"vNUMA planner\" style=\"width:100%;border:0\" height=\"640\" loading=\"lazy\"></iframe>\n<script>\naddEventListener(\"message\", (e) => {{\n  const frame = e.data && e.data.type === \"{HEIGHT_MESSAGE}\" && document.getElementById(e.data.id);\n  if (frame && e.source === frame.contentWindow) {{\n    frame.style.height = e.data.height + \"px\";\n  }}\n}});\n</script>",
        escape_html(link),
        id = id.as_str()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_cannot_break_out_of_the_attribute() {
        let id = FrameId::parse("vnuma-planner-1").unwrap();
        let snippet = embed_snippet("https://x.example/?a=1&b=\"><script>", &id);
        assert!(snippet.starts_with(
            "<iframe id=\"vnuma-planner-1\" src=\"https://x.example/?a=1&amp;b=&quot;&gt;&lt;script&gt;\""
        ));
        assert!(snippet.contains(
            "e.data.type === \"vnuma-planner:height\" && document.getElementById(e.data.id)"
        ));
        assert_eq!(snippet.matches("<script>").count(), 1);
    }
}

#[cfg(test)]
mod id_tests {
    use super::*;

    #[test]
    fn each_scenario_gets_its_own_frame_id() {
        let a = frame_id_for("numa_nodes=2&vcpus=24&embed=1");
        let b = frame_id_for("numa_nodes=2&vcpus=40&embed=1");
        assert_ne!(a, b);
        assert_eq!(a, frame_id_for("numa_nodes=2&vcpus=24&embed=1"));
        assert!(a.as_str().starts_with("vnuma-planner-") && a.as_str().len() == 20);
        assert!(FrameId::parse("a b").is_err() && FrameId::parse("").is_err());
        assert!(FrameId::parse(&"x".repeat(65)).is_err());
    }
}
