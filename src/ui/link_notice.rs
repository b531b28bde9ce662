//! The link's notices about one key's value, shown at that key's field as
//! the page opens (the list above the results holds them all).

use leptos::prelude::*;
use std::sync::Arc;

/// The notices by link key, shared through the page's context.
#[derive(Clone)]
pub struct FieldNotices(Arc<[(String, String)]>);

impl FieldNotices {
    pub fn provide(at_keys: Vec<(String, String)>) {
        provide_context(FieldNotices(at_keys.into()));
    }

    /// The line under `key`'s field when the link gave it a bad value.
    pub fn line(key: &'static str) -> Option<impl IntoView> {
        let notices = use_context::<FieldNotices>()?;
        let (_, text) = notices.0.iter().find(|(k, _)| k == key)?;
        let text = text.clone();
        Some(view! { <p class="link-notice" data-notice-for=key role="status">{text}</p> })
    }
}
