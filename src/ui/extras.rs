//! The Markdown answer for the page, made in the page's extras wasm
//! (`src/extras_main.rs`) when a visitor copies or opens it: from the link
//! query, as the command makes it from flags, with the migration sections
//! when a second host is given.

use super::browser::pairs_of;
use crate::domain::Report;
use crate::form::Side;
use crate::share::{answer, from_pairs, migration_answer};

/// The answer for `query`, ending with `link`; empty while the first
/// host's inputs are not valid (the page then keeps its last answer).
pub fn answer_for(query: &str, link: &str) -> String {
    let form = from_pairs(pairs_of(query)).form;
    let report = |side| {
        form.input_on(side)
            .and_then(|i| i.parse_running().ok())
            .map(Report::new)
    };
    let Some(first) = report(Side::Main) else {
        return String::new();
    };
    let second = report(Side::Compare);
    let migration = second.as_ref().map_or_else(String::new, |second| {
        migration_answer(&first, second, form.compare_policy)
    });
    answer(&first, second.as_ref(), &migration, Some(link))
}
