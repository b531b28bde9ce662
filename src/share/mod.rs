//! Sharing a scenario: permalink query strings and the copyable answer.
//! Plain Rust, shared by the page and the command line.

mod answer;
mod url;

pub use answer::answer;
pub use url::{from_pairs, parse_cell, permalink_with, to_pairs, Decoded, Theme, ViewState, KEYS};

#[cfg(not(target_arch = "wasm32"))]
pub use url::{decode, encode, permalink};
