//! The link's notices about one key's value, shown at that key's field
//! until the field is edited (the list above the results keeps them all).

use leptos::prelude::*;

/// The notices by link key, shared through the page's context.
#[derive(Clone, Copy)]
pub struct FieldNotices(RwSignal<Vec<(String, String)>>);

impl FieldNotices {
    pub fn provide(at_keys: Vec<(String, String)>) {
        provide_context(FieldNotices(RwSignal::new(at_keys)));
    }

    /// The page's notices; none in views built without them (the tests').
    pub fn get() -> Option<FieldNotices> {
        use_context::<FieldNotices>()
    }

    /// The notice at `key`'s field: a line under it while it has one.
    pub fn line(self, key: &'static str) -> impl IntoView {
        let text = move || {
            self.0
                .with(|n| n.iter().find(|(k, _)| k == key).map(|(_, t)| t.clone()))
        };
        move || {
            text()
                .map(|t| view! { <p class="link-notice" data-notice-for=key role="status">{t}</p> })
        }
    }

    /// The user edited `key`'s field: its notice no longer applies.
    pub fn clear(self, key: &str) {
        if self.0.with_untracked(|n| n.iter().any(|(k, _)| k == key)) {
            self.0.update(|n| n.retain(|(k, _)| k != key));
        }
    }
}
