//! The importer Web Worker, seen from the page: started when the Paste panel
//! opens (its wasm is not fetched before), one request at a time, stopped
//! and replaced when it crashes or takes longer than `TIMEOUT`.

use js_sys::Array;
use leptos::prelude::{set_timeout, set_timeout_with_handle, TimeoutHandle};
use std::cell::RefCell;
use std::time::Duration;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker};

/// Trunk's loader for the worker binary, beside the page in `dist/`.
const SCRIPT: &str = "./vnuma-planner-import_loader.js";
const TIMEOUT: Duration = Duration::from_secs(5);

/// The worker's answer (its flat strings), or why there is none.
pub type Answer = Result<Vec<String>, String>;
type Done = Box<dyn FnOnce(Answer)>;

struct Running {
    worker: Worker,
    /// The worker has started listening (its wasm is loaded).
    ready: bool,
    // Kept with the worker they listen to, dropped with it.
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(JsValue)>,
}

/// The request waiting to be sent or answered.
struct Pending {
    request: Option<Array>,
    done: Done,
    timer: Option<TimeoutHandle>,
}

thread_local! {
    static RUNNING: RefCell<Option<Running>> = const { RefCell::new(None) };
    static PENDING: RefCell<Option<Pending>> = const { RefCell::new(None) };
}

/// Starts the worker, if it is not running: the panel opened.
pub fn prepare() {
    if RUNNING.with_borrow(Option::is_some) {
        return;
    }
    let Ok(worker) = Worker::new(SCRIPT) else {
        return;
    };
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        let data = event.data();
        if data.as_string().as_deref() == Some("ready") {
            RUNNING.with_borrow_mut(|r| {
                if let Some(r) = r {
                    r.ready = true;
                }
            });
            post_pending();
            return;
        }
        let strings = Array::from(&data)
            .iter()
            .map(|v| v.as_string().unwrap_or_default())
            .collect();
        finish(Ok(strings));
    });
    let on_error = Closure::<dyn FnMut(JsValue)>::new(|_| {
        fail("The importer stopped with an error and was restarted; the inputs are unchanged.")
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    RUNNING.set(Some(Running {
        worker,
        ready: false,
        _on_message: on_message,
        _on_error: on_error,
    }));
}

/// Sends one request; `done` gets the answer, or why there is none. A
/// request while another is out is refused (the panel's button is disabled
/// meanwhile).
pub fn send(request: Array, done: impl FnOnce(Answer) + 'static) {
    if PENDING.with_borrow(Option::is_some) {
        return done(Err("The importer is still reading the last paste.".into()));
    }
    prepare();
    let timer = set_timeout_with_handle(
        || fail("Reading took longer than 5 seconds, so the importer was stopped and restarted; the inputs are unchanged."),
        TIMEOUT,
    )
    .ok();
    PENDING.set(Some(Pending {
        request: Some(request),
        done: Box::new(done),
        timer,
    }));
    post_pending();
}

/// Posts the pending request once the worker listens.
fn post_pending() {
    let ready = RUNNING.with_borrow(|r| r.as_ref().is_some_and(|r| r.ready));
    if !ready {
        return;
    }
    let request = PENDING.with_borrow_mut(|p| p.as_mut().and_then(|p| p.request.take()));
    if let Some(request) = request {
        RUNNING.with_borrow(|r| {
            if let Some(r) = r {
                let _ = r.worker.post_message(&request);
            }
        });
    }
}

fn finish(answer: Answer) {
    let Some(pending) = PENDING.take() else {
        return;
    };
    if let Some(timer) = pending.timer {
        timer.clear();
    }
    (pending.done)(answer);
}

/// Stops the worker; a fresh one starts for the pending request's
/// successor. Only a request in flight is answered: a worker that fails to
/// load with nothing asked is simply dropped, not restarted in a loop.
fn fail(why: &str) {
    if let Some(running) = RUNNING.take() {
        running.worker.terminate();
        // This may run inside the worker's own error listener: drop the
        // listeners after it returns, not while it runs.
        set_timeout(move || drop(running), Duration::ZERO);
    }
    if PENDING.with_borrow(Option::is_some) {
        finish(Err(why.to_string()));
        prepare();
    }
}
