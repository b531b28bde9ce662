//! Sharing a scenario: permalink query strings, the copyable answer and the
//! embed snippet. Plain Rust, shared by the page and the command line.

mod answer;
mod embed;
mod html;
mod url;

pub use answer::answer;
pub use embed::{embed_snippet, frame_id_for, HEIGHT_MESSAGE, THEME_MESSAGE};
pub use html::escape_html;
pub use url::{
    from_pairs, keys, permalink_with, to_pairs, Decoded, FrameId, ViewState, DEDICATED_CPUS,
    HUGEPAGE_SIZE, MEMORY_MANAGER, NODE_LIMIT, NUMA_PASSTHROUGH, POLICY,
};

#[cfg(feature = "cli")]
pub use url::{decode, encode, permalink};
