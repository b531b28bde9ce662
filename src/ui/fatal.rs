//! A panic in wasm stops the page; say so in words instead of leaving it dead.

use crate::trf;
use wasm_bindgen::JsCast;

pub fn install_panic_screen() {
    // The payload and place, not `info.to_string()`: formatting the whole
    // panic report would link kilobytes of formatting into the page.
    std::panic::set_hook(Box::new(|info| {
        let what = info.payload_as_str().unwrap_or("panic");
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        show(&format!("{what}{at}"));
    }));
}

fn show(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(el) = document
        .get_element_by_id("fatal")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        el.set_text_content(Some(&trf!(
            "The planner stopped because of an internal error. Reload the page to start again; your scenario is in the address bar. Detail: {detail}",
            detail = detail
        )));
        el.set_hidden(false);
    }
    web_sys::console::error_1(&detail.into());
}
