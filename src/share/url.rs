//! The page's state in its query string. The keys are public (links in
//! tickets and documentation depend on them): they match the command's flags.

use crate::domain::{parse_count, quote, Field, Policy, TableSize};
use crate::form::{FormState, VcpuMode};

/// Every key the planner reads, in the order it writes them.
pub const KEYS: [&str; 13] = [
    "numa_nodes",
    "cpus_per_node",
    "threads_per_core",
    "vcpus",
    "sockets",
    "cores",
    "threads",
    "max_sockets",
    "emulator_thread",
    "policy",
    "cell",
    "embed",
    "theme",
];

/// Longest value quoted back in a notice.
const QUOTE_LIMIT: usize = 32;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub const fn code(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_code(code: &str) -> Option<Theme> {
        [Theme::Auto, Theme::Light, Theme::Dark]
            .into_iter()
            .find(|t| t.code() == code)
    }
}

/// How the page is shown, beside the scenario itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ViewState {
    pub embed: bool,
    pub theme: Theme,
    /// The grid cell whose explanation is open.
    pub cell: Option<(TableSize, Policy)>,
}

/// What a query string gave: the form, the view, and a notice for every value
/// that could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub form: FormState,
    pub view: ViewState,
    pub notices: Vec<String>,
}

fn cell_code((size, policy): (TableSize, Policy)) -> String {
    format!("{}.{}", size.code(), policy.code())
}

/// Reads a cell code such as `large.none`.
pub fn parse_cell(text: &str) -> Option<(TableSize, Policy)> {
    let (size, policy) = text.split_once('.')?;
    let size = TableSize::ALL.into_iter().find(|s| s.code() == size)?;
    Some((size, Policy::from_code(policy)?))
}

fn quoted(text: &str) -> String {
    quote(text, QUOTE_LIMIT)
}

/// The query's key-value pairs for a form and view, in `KEYS` order;
/// optional values that are not set are left out.
pub fn to_pairs(form: &FormState, view: &ViewState) -> Vec<(&'static str, String)> {
    let mut q = vec![
        ("numa_nodes", form.numa_nodes.clone()),
        ("cpus_per_node", form.cpus_per_node.clone()),
    ];
    if !form.threads_per_core.trim().is_empty() {
        q.push(("threads_per_core", form.threads_per_core.clone()));
    }
    match form.mode {
        VcpuMode::Count => q.push(("vcpus", form.vcpus.clone())),
        VcpuMode::Topology => {
            q.push(("sockets", form.sockets.clone()));
            q.push(("cores", form.cores.clone()));
            q.push(("threads", form.threads.clone()));
        }
    }
    if !form.max_sockets.trim().is_empty() {
        q.push(("max_sockets", form.max_sockets.clone()));
    }
    if form.isolate_emulator_thread {
        q.push(("emulator_thread", "1".into()));
    }
    if let Some(policy) = form.policy {
        q.push(("policy", policy.code().into()));
    }
    if let Some(cell) = view.cell {
        q.push(("cell", cell_code(cell)));
    }
    if view.embed {
        q.push(("embed", "1".into()));
    }
    if view.theme != Theme::Auto {
        q.push(("theme", view.theme.code().into()));
    }
    q
}

/// The query string (without `?`) for a form and view. Native only: the page
/// lets the browser's URLSearchParams do the percent-encoding.
#[cfg(not(target_arch = "wasm32"))]
pub fn encode(form: &FormState, view: &ViewState) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(to_pairs(form, view))
        .finish()
}

/// Reads a query string (with or without `?`); see `from_pairs`.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode(query: &str) -> Decoded {
    let query = query.strip_prefix('?').unwrap_or(query);
    from_pairs(form_urlencoded::parse(query.as_bytes()).into_owned())
}

/// `base` with the query for `form` and `view` appended.
#[cfg(not(target_arch = "wasm32"))]
pub fn permalink(base: &str, form: &FormState, view: &ViewState) -> String {
    let query = encode(form, view);
    permalink_with(base, &query)
}

/// `base` with an encoded query appended.
pub fn permalink_with(base: &str, query: &str) -> String {
    let separator = if !base.contains('?') {
        "?"
    } else if base.ends_with('?') || base.ends_with('&') {
        ""
    } else {
        "&"
    };
    format!("{base}{separator}{query}")
}

/// Reads a query's decoded key-value pairs. Unknown keys are ignored; a
/// repeated key uses its first value; a value that cannot be used leaves that
/// field at its default and adds a notice. Never fails.
pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Decoded {
    let mut values: Vec<(String, String)> = Vec::new();
    let mut notices = Vec::new();
    for (key, value) in pairs {
        if !KEYS.contains(&key.as_str()) {
            continue;
        }
        if values.iter().any(|(k, _)| *k == key) {
            let notice = format!("The link gives {key} more than once; the first value is used.");
            if !notices.contains(&notice) {
                notices.push(notice);
            }
            continue;
        }
        values.push((key, value));
    }
    let get = |key: &str| {
        values
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };

    let defaults = FormState::default();
    let mut form = FormState::default();
    let topology = [Field::Sockets, Field::Cores, Field::Threads]
        .iter()
        .any(|f| get(f.key()).is_some());
    if topology && get(Field::Vcpus.key()).is_none() {
        form.mode = VcpuMode::Topology;
    } else if topology {
        notices.push(
            "The link gives both vcpus and sockets/cores/threads; vcpus is used.".to_string(),
        );
    }
    for field in Field::ALL {
        let Some(text) = get(field.key()) else {
            continue;
        };
        let optional = matches!(field, Field::ThreadsPerCore | Field::MaxSockets);
        if optional && text.trim().is_empty() {
            continue;
        }
        match parse_count(field, text) {
            Ok(value) => form.set_text(field, value.to_string()),
            Err(e) => notices.push(format!(
                "Ignored {}={} from the link: {}. {}",
                field.key(),
                quoted(text),
                e.message,
                fallback(defaults.text(field)),
            )),
        }
    }
    match get("emulator_thread") {
        None => {}
        Some("1" | "true") => form.isolate_emulator_thread = true,
        Some("0" | "false") => form.isolate_emulator_thread = false,
        Some(other) => notices.push(format!(
            "Ignored emulator_thread={} from the link: use 1 or 0.",
            quoted(other)
        )),
    }
    match get("policy") {
        None | Some("") => {}
        Some(code) => match Policy::from_code(code) {
            Some(p) => form.policy = Some(p),
            None => notices.push(format!(
                "Ignored policy={} from the link: use none, single-numa-node, best-effort or restricted.",
                quoted(code)
            )),
        },
    }

    // Values that are fine alone can still clash (threads that do not divide
    // the node, maxSockets below sockets): reset the fields named.
    if let Err(errors) = form.input().parse() {
        for e in errors {
            notices.push(format!(
                "Ignored {}={} from the link: {}. {}",
                e.field.key(),
                quoted(form.text(e.field)),
                e.message,
                fallback(defaults.text(e.field)),
            ));
            form.set_text(e.field, defaults.text(e.field).to_string());
        }
        if form.input().parse().is_err() {
            notices.push("The link's scenario cannot be used; showing the default.".to_string());
            form = FormState {
                policy: form.policy,
                ..FormState::default()
            };
        }
    }

    let mut view = ViewState::default();
    match get("embed") {
        None | Some("0") => {}
        Some("1") => view.embed = true,
        Some(other) => notices.push(format!(
            "Ignored embed={} from the link: use 1.",
            quoted(other)
        )),
    }
    if let Some(code) = get("theme") {
        match Theme::from_code(code) {
            Some(t) => view.theme = t,
            None => notices.push(format!(
                "Ignored theme={} from the link: use light, dark or auto.",
                quoted(code)
            )),
        }
    }
    match get("cell") {
        None | Some("") => {}
        Some(code) => match parse_cell(code) {
            Some(cell) => view.cell = Some(cell),
            None => notices.push(format!(
                "Ignored cell={} from the link: use size.policy, e.g. large.none.",
                quoted(code)
            )),
        },
    }
    Decoded {
        form,
        view,
        notices,
    }
}

/// What the field falls back to, as the end of a notice.
fn fallback(default: &str) -> String {
    if default.is_empty() {
        "Leaving it unset.".to_string()
    } else {
        format!("Using {default}.")
    }
}
