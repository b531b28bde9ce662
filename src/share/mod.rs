//! Sharing a scenario: permalink query strings, the copyable answer and the
//! embed snippet. Plain Rust, shared by the page and the command line.

mod answer;
mod embed;
mod html;
mod migration_answer;
mod url;

pub use answer::{answer, fix_markdown, markdown_text};
pub use embed::{embed_snippet, frame_id_for, HEIGHT_MESSAGE, THEME_MESSAGE};
pub use html::escape_html;
pub use migration_answer::migration_answer;
pub use url::{
    from_pairs, keys, permalink_with, to_pairs, Decoded, FrameId, ViewState, CPU_LIMIT,
    CPU_REQUEST, DEDICATED_CPUS, HUGEPAGE_SIZE, INSTANCETYPE_CONFLICT, LANG, MEMORY_MANAGER,
    MEMORY_REQUEST, NODE_LIMIT, NODE_TUNING, NUMA_PASSTHROUGH, POLICY,
};

#[cfg(feature = "cli")]
pub use url::{decode, encode, permalink};
