//! The snippet a documentation page pastes to embed the planner.

use super::html::escape_html;
use super::url::FrameId;

/// The `type` of the message the embedded page posts to its parent:
/// `{type, height, id}`.
pub const HEIGHT_MESSAGE: &str = "vnuma-planner:height";

/// The `type` of the one message the embedded page accepts, from its parent
/// only: `{type, theme: "light" | "dark"}`.
pub const THEME_MESSAGE: &str = "vnuma-planner:theme";

/// A frame id of its own for a snippet: the scenario's hash (FNV-1a of the
/// embed query) and `nonce`, so two snippets of one scenario differ too.
pub fn frame_id_for(query: &str, nonce: u32) -> FrameId {
    let hash = query.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    let id = format!(
        "vnuma-planner-{:06x}-{:04x}",
        hash & 0xff_ffff,
        nonce & 0xffff
    );
    FrameId::parse(&id).unwrap_or_else(|_| unreachable!("hex digits are a valid id"))
}

/// The snippet's script: one listener for every planner frame on the page
/// (a second copy of the snippet adds none). It matches a message to its
/// frame by the window that sent it, so two frames with the same id still
/// size apart; it sizes the frame, and it tells frames marked `follow` the
/// docs page's theme, from the page's background (or `color-scheme`), when
/// they first report and whenever the page's root or body changes.
const SCRIPT: &str = r#"<script>
(() => {
  if (window.vnumaPlannerEmbeds) return;
  window.vnumaPlannerEmbeds = true;
  const frames = () => document.querySelectorAll("iframe[data-vnuma-planner]");
  const dark = () => {
    for (const el of [document.body, document.documentElement]) {
      const c = getComputedStyle(el).backgroundColor.match(/[\d.]+/g);
      if (c && (c.length < 4 || +c[3] > 0)) return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2] < 128;
    }
    return getComputedStyle(document.documentElement).colorScheme === "dark";
  };
  const tell = (frame) => {
    if (frame.dataset.vnumaPlanner === "follow" && frame.contentWindow) {
      frame.contentWindow.postMessage({ type: "THEME", theme: dark() ? "dark" : "light" }, "*");
    }
  };
  addEventListener("message", (e) => {
    if (!e.data || e.data.type !== "HEIGHT") return;
    for (const frame of frames()) {
      if (e.source !== frame.contentWindow) continue;
      frame.style.height = e.data.height + "px";
      if (!frame.vnumaPlannerTold) tell(frame);
      frame.vnumaPlannerTold = true;
    }
  });
  const retell = () => frames().forEach(tell);
  const watch = new MutationObserver(retell);
  for (const el of [document.documentElement, document.body]) watch.observe(el, { attributes: true });
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", retell);
})();
</script>"#;

/// An iframe for `link` (an `embed=1` permalink carrying `id`) and the
/// script that sizes every planner frame on the page from its messages;
/// with `follow`, the frame takes the docs page's theme from the script.
pub fn embed_snippet(link: &str, id: &FrameId, follow: bool) -> String {
    let script = SCRIPT
        .replace("HEIGHT", HEIGHT_MESSAGE)
        .replace("THEME", THEME_MESSAGE);
    format!(
        "<iframe id=\"{id}\" src=\"{}\" title=\"vNUMA planner\" style=\"width:100%;border:0\" height=\"640\" loading=\"lazy\" allow=\"clipboard-write\" data-vnuma-planner=\"{}\"></iframe>\n{script}",
        escape_html(link),
        if follow { "follow" } else { "" },
        id = id.as_str()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_cannot_break_out_of_the_attribute() {
        let id = FrameId::parse("vnuma-planner-1").unwrap();
        let snippet = embed_snippet("https://x.example/?a=1&b=\"><script>", &id, true);
        assert!(snippet.starts_with(
            "<iframe id=\"vnuma-planner-1\" src=\"https://x.example/?a=1&amp;b=&quot;&gt;&lt;script&gt;\""
        ));
        assert!(snippet.contains("allow=\"clipboard-write\" data-vnuma-planner=\"follow\""));
        assert!(snippet.contains("e.data.type !== \"vnuma-planner:height\""));
        assert!(snippet.contains("{ type: \"vnuma-planner:theme\", theme:"));
        assert_eq!(snippet.matches("<script>").count(), 1);
        let fixed = embed_snippet("https://x.example/", &id, false);
        assert!(fixed.contains("data-vnuma-planner=\"\""));
    }
}

#[cfg(test)]
mod id_tests {
    use super::*;

    #[test]
    fn each_scenario_gets_its_own_frame_id() {
        let a = frame_id_for("numa_nodes=2&vcpus=24&embed=1", 1);
        let b = frame_id_for("numa_nodes=2&vcpus=40&embed=1", 1);
        assert_ne!(a, b);
        assert_eq!(a, frame_id_for("numa_nodes=2&vcpus=24&embed=1", 1));
        assert_ne!(
            a,
            frame_id_for("numa_nodes=2&vcpus=24&embed=1", 2),
            "two snippets of one scenario"
        );
        assert!(a.as_str().starts_with("vnuma-planner-") && a.as_str().len() == 25);
        assert!(FrameId::parse("a b").is_err() && FrameId::parse("").is_err());
        assert!(FrameId::parse(&"x".repeat(65)).is_err());
    }
}
