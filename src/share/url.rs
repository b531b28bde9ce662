//! The page's state in its query string. The keys are public (links in
//! tickets and documentation depend on them): they match the command's flags.

use crate::domain::{
    format_bytes, parse_count, parse_memory, parse_per_node, quote, Cell, Field, HugepageSize,
    MemoryManager, Policy, Switch, Theme,
};
use crate::form::{FormState, HostForm, Side, VcpuMode};

pub const POLICY: &str = "policy";
pub const HUGEPAGE_SIZE: &str = "hugepage_size";
pub const MEMORY_MANAGER: &str = "memory_manager";
/// What only imported files set (the command has no flags for them): written
/// only when a file changed them, so a link carries an imported VM whole.
pub const DEDICATED_CPUS: &str = "dedicated_cpus";
pub const NUMA_PASSTHROUGH: &str = "numa_passthrough";
pub const NODE_LIMIT: &str = "node_limit";
const CELL: &str = "cell";
const EMBED: &str = "embed";
const THEME: &str = "theme";
const FRAME_ID: &str = "id";

/// A compared host's keys: `HostForm::FIELDS`' keys with `b_` in front.
pub const COMPARE_KEYS: [&str; 8] = [
    "b_numa_nodes",
    "b_cpus_per_node",
    "b_host_sockets",
    "b_cores_per_socket",
    "b_nodes_per_socket",
    "b_threads_per_core",
    "b_reserved_cpus",
    "b_free_hugepages",
];

/// A host field's key on one side.
pub fn side_key(side: Side, field: Field) -> &'static str {
    match (side, HostForm::FIELDS.iter().position(|&f| f == field)) {
        (Side::Compare, Some(i)) => COMPARE_KEYS[i],
        _ => field.key(),
    }
}

/// Every key the planner reads, in the order it writes them: the fields'
/// keys (`Field::key`), the compared host's, the switches' (`Switch::code`),
/// then the view.
pub const KEYS: [&str; 35] = [
    Field::NumaNodes.key(),
    Field::CpusPerNode.key(),
    Field::HostSockets.key(),
    Field::CoresPerSocket.key(),
    Field::NodesPerSocket.key(),
    Field::ThreadsPerCore.key(),
    Field::ReservedCpus.key(),
    Field::FreeHugepages.key(),
    Field::Vcpus.key(),
    Field::Sockets.key(),
    Field::Cores.key(),
    Field::Threads.key(),
    Field::MaxSockets.key(),
    Field::Memory.key(),
    COMPARE_KEYS[0],
    COMPARE_KEYS[1],
    COMPARE_KEYS[2],
    COMPARE_KEYS[3],
    COMPARE_KEYS[4],
    COMPARE_KEYS[5],
    COMPARE_KEYS[6],
    COMPARE_KEYS[7],
    Switch::EmulatorThread.code(),
    Switch::EmulatorParity.code(),
    Switch::FullPcpusOnly.code(),
    HUGEPAGE_SIZE,
    MEMORY_MANAGER,
    DEDICATED_CPUS,
    NUMA_PASSTHROUGH,
    NODE_LIMIT,
    POLICY,
    CELL,
    EMBED,
    THEME,
    FRAME_ID,
];

/// How the page is shown, beside the scenario itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewState {
    pub embed: bool,
    pub theme: Theme,
    /// The grid cell whose explanation is open.
    pub cell: Option<Cell>,
    /// The embedding frame's id, echoed in every message to the parent so
    /// one listener serves several frames.
    pub frame_id: Option<FrameId>,
}

/// An iframe id as a docs page writes it: 1 to 64 letters, digits, `-`, `_`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameId(String);

impl FrameId {
    pub fn parse(text: &str) -> Result<FrameId, &'static str> {
        let ok = (1..=64).contains(&text.len())
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if ok {
            Ok(FrameId(text.to_string()))
        } else {
            Err("use 1 to 64 letters, digits, - or _")
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a query string gave: the form, the view, and a notice for every value
/// that could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub form: FormState,
    pub view: ViewState,
    pub notices: Vec<String>,
}

/// The query's key-value pairs for a form and view, in `KEYS` order;
/// optional values that are not set are left out.
pub fn to_pairs(form: &FormState, view: &ViewState) -> Vec<(&'static str, String)> {
    // A field in the other mode, or optional and empty, is left out.
    let written =
        |f: Field, active: bool, text: &str| active && !(f.is_optional() && text.trim().is_empty());
    let mut q: Vec<(&'static str, String)> = Field::ALL
        .into_iter()
        .filter(|&f| written(f, form.is_active(f), form.text(f)))
        .map(|f| (f.key(), form.text(f).to_string()))
        .collect();
    if let Some(host) = &form.compare {
        for f in HostForm::FIELDS {
            if written(f, host.is_active(f), host.text(f)) {
                q.push((side_key(Side::Compare, f), host.text(f).to_string()));
            }
        }
    }
    for switch in Switch::ALL {
        if form.switch(switch) {
            q.push((switch.code(), "1".to_string()));
        }
    }
    let switches = [
        (HUGEPAGE_SIZE, form.hugepage_size.map(HugepageSize::code)),
        (
            MEMORY_MANAGER,
            (form.memory_manager != MemoryManager::None).then_some(form.memory_manager.code()),
        ),
        (DEDICATED_CPUS, (!form.dedicated_cpus).then_some("0")),
        (NUMA_PASSTHROUGH, (!form.numa_passthrough).then_some("0")),
        (POLICY, form.policy.map(Policy::code)),
        (EMBED, view.embed.then_some("1")),
        (
            THEME,
            (view.theme != Theme::Auto).then_some(view.theme.code()),
        ),
        (FRAME_ID, view.frame_id.as_ref().map(FrameId::as_str)),
    ];
    for (key, value) in switches {
        if key == POLICY {
            if let Some(limit) = form.node_limit {
                q.push((NODE_LIMIT, limit.to_string()));
            }
        }
        if let Some(value) = value {
            q.push((key, value.to_string()));
        }
        if key == POLICY {
            // The cell sits between the policy and the view, as in `KEYS`.
            if let Some(cell) = view.cell {
                q.push((CELL, cell.to_string()));
            }
        }
    }
    q
}

/// The query string (without `?`) for a form and view. The command's; the
/// page lets the browser's URLSearchParams do the percent-encoding.
#[cfg(feature = "cli")]
pub fn encode(form: &FormState, view: &ViewState) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(to_pairs(form, view))
        .finish()
}

/// Reads a query string (with or without `?`); see `from_pairs`.
#[cfg(feature = "cli")]
pub fn decode(query: &str) -> Decoded {
    let query = query.strip_prefix('?').unwrap_or(query);
    from_pairs(form_urlencoded::parse(query.as_bytes()).into_owned())
}

/// `base` with the query for `form` and `view` appended.
#[cfg(feature = "cli")]
pub fn permalink(base: &str, form: &FormState, view: &ViewState) -> String {
    permalink_with(base, &encode(form, view))
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

/// A query's known keys with their first values, and the notices so far.
struct Query {
    values: Vec<(String, String)>,
    notices: Vec<String>,
}

impl Query {
    /// Unknown keys are ignored; a repeated key keeps its first value.
    fn new(pairs: Vec<(String, String)>) -> Query {
        let mut query = Query {
            values: Vec::new(),
            notices: Vec::new(),
        };
        for (key, value) in pairs {
            if !KEYS.contains(&key.as_str()) {
                continue;
            }
            if query.get(&key).is_some() {
                query.notice(format!(
                    "The link gives {key} more than once; the first value is used."
                ));
                continue;
            }
            query.values.push((key, value));
        }
        query
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn notice(&mut self, notice: String) {
        if !self.notices.contains(&notice) {
            self.notices.push(notice);
        }
    }

    /// The value of `key` read by `read`; a notice with what to use
    /// instead when it cannot be read. Empty values count as absent.
    fn read<T, E: std::fmt::Display>(
        &mut self,
        key: &str,
        read: impl Fn(&str) -> Result<T, E>,
    ) -> Option<T> {
        let text = self.get(key).filter(|t| !t.is_empty())?.to_string();
        match read(&text) {
            Ok(value) => Some(value),
            Err(use_instead) => {
                self.notice(format!(
                    "Ignored {key}={} from the link: {use_instead}.",
                    quote(&text)
                ));
                None
            }
        }
    }

    /// A field's value under `key`, as the form keeps it; a notice when it
    /// is unusable (the field keeps its default).
    fn field(&mut self, key: &str, field: Field) -> Option<String> {
        let text = self.get(key)?.to_string();
        if field.is_optional() && text.trim().is_empty() {
            return None;
        }
        let read = if field == Field::Memory {
            parse_memory(&text).map(format_bytes)
        } else if field.is_per_node() {
            parse_per_node(field, &text).map(|list| {
                list.iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(",")
            })
        } else {
            parse_count(field, &text).map(|value| value.to_string())
        };
        match read {
            Ok(value) => Some(value),
            Err(e) => {
                self.ignored(key, field, &text, &e.message);
                None
            }
        }
    }

    fn ignored(&mut self, key: &str, field: Field, text: &str, why: &str) {
        let default = FormState::default();
        let fallback = match default.text(field) {
            "" => "Leaving it unset.".to_string(),
            value => format!("Using {value}."),
        };
        self.notice(format!(
            "Ignored {key}={} from the link: {why}. {fallback}",
            quote(text)
        ));
    }
}

/// Reads a query's decoded key-value pairs. Unknown keys are ignored; a
/// repeated key uses its first value; a value that cannot be used leaves that
/// field at its default and adds a notice, as do values that clash. Never
/// fails.
pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Decoded {
    decode_pairs(pairs.into_iter().collect())
}

/// One copy of the decoding for every caller (the page's wasm counts).
fn decode_pairs(pairs: Vec<(String, String)>) -> Decoded {
    let mut query = Query::new(pairs);
    let form = read_form(&mut query);
    let form = reset_clashing(&mut query, form);
    let view = ViewState {
        embed: query.read(EMBED, switch).unwrap_or(false),
        theme: query.read(THEME, str::parse::<Theme>).unwrap_or_default(),
        cell: query.read(CELL, str::parse::<Cell>),
        frame_id: query.read(FRAME_ID, FrameId::parse),
    };
    Decoded {
        form,
        view,
        notices: query.notices,
    }
}

/// A switch in a link: `1` or `0` (`true` and `false` are read too).
fn switch(text: &str) -> Result<bool, &'static str> {
    match text {
        "1" | "true" => Ok(true),
        "0" | "false" => Ok(false),
        _ => Err("use 1 or 0"),
    }
}

/// One side's host from its keys, read the same way for both sides.
fn read_host(query: &mut Query, side: Side) -> HostForm {
    let mut host = HostForm::default();
    let key = |f: Field| side_key(side, f);
    let as_bought = [
        Field::HostSockets,
        Field::CoresPerSocket,
        Field::NodesPerSocket,
    ]
    .iter()
    .any(|&f| query.get(key(f)).is_some());
    let nodes = [Field::NumaNodes, Field::CpusPerNode]
        .iter()
        .any(|&f| query.get(key(f)).is_some());
    if as_bought && !nodes {
        host.take_as_bought();
    } else if as_bought {
        let (n, c) = (key(Field::NumaNodes), key(Field::CpusPerNode));
        query.notice(format!(
            "The link gives both {n}/{c} and the host as bought; {n} and {c} are used."
        ));
    }
    for field in HostForm::FIELDS {
        if let Some(text) = query.field(key(field), field) {
            host.set_text(field, text);
        }
    }
    host
}

fn read_form(query: &mut Query) -> FormState {
    let mut form = FormState {
        host: read_host(query, Side::Main),
        ..FormState::default()
    };
    if COMPARE_KEYS.iter().any(|k| query.get(k).is_some()) {
        form.compare = Some(read_host(query, Side::Compare));
    }
    let topology = [Field::Sockets, Field::Cores, Field::Threads]
        .iter()
        .any(|f| query.get(f.key()).is_some());
    if topology && query.get(Field::Vcpus.key()).is_none() {
        form.mode = VcpuMode::Topology;
    } else if topology {
        query.notice(
            "The link gives both vcpus and sockets/cores/threads; vcpus is used.".to_string(),
        );
    }
    for field in Field::ALL {
        if HostForm::FIELDS.contains(&field) {
            continue;
        }
        if let Some(text) = query.field(field.key(), field) {
            form.set_text(field, text);
        }
    }
    for s in Switch::ALL {
        if let Some(on) = query.read(s.code(), switch) {
            form.set_switch(s, on);
        }
    }
    form.policy = query.read(POLICY, str::parse::<Policy>);
    form.hugepage_size = query.read(HUGEPAGE_SIZE, str::parse::<HugepageSize>);
    if let Some(policy) = query.read(MEMORY_MANAGER, str::parse::<MemoryManager>) {
        form.memory_manager = policy;
    }
    if let Some(on) = query.read(DEDICATED_CPUS, switch) {
        form.dedicated_cpus = on;
    }
    if let Some(on) = query.read(NUMA_PASSTHROUGH, switch) {
        form.numa_passthrough = on;
    }
    form.node_limit = query.read(NODE_LIMIT, |t| parse_count(Field::NumaNodes, t));
    form
}

/// Values that are fine alone can still clash (threads that do not divide
/// the node, maxSockets below sockets): resets the fields named, on the
/// host first, then on the compared host (whose VM is by then valid).
fn reset_clashing(query: &mut Query, mut form: FormState) -> FormState {
    let defaults = FormState::default();
    for side in [Side::Main, Side::Compare] {
        let Some(Err(errors)) = form.input_on(side).map(|i| i.parse()) else {
            continue;
        };
        for e in errors {
            let text = form.text_on(side, e.field).to_string();
            query.ignored(side_key(side, e.field), e.field, &text, &e.message);
            form.set_text_on(side, e.field, defaults.text(e.field).to_string());
        }
        if form.input_on(side).is_none_or(|i| i.parse().is_ok()) {
            continue;
        }
        match side {
            Side::Main => {
                query
                    .notice("The link's scenario cannot be used; showing the default.".to_string());
                form = FormState {
                    policy: form.policy,
                    ..defaults.clone()
                };
            }
            Side::Compare => {
                query.notice(
                    "The link's second host cannot be used; comparing nothing.".to_string(),
                );
                form.compare = None;
            }
        }
    }
    form
}
