//! The page's state in its query string. The keys are public (links in
//! tickets and documentation depend on them): they match the command's flags.

use crate::domain::{
    format_bytes, is_active, parse_count, parse_memory, quote, Cell, CpuQuantity, Field, HostInput,
    HugepageSize, InstancetypeConflicts, Lang, MemoryManager, NodeTuning, Part, Policy, Switch,
    Theme, VcpuMode, Way,
};
use crate::form::{FormState, Side};
use crate::i18n::tr;
use crate::trf;

pub const POLICY: &str = "policy";
/// The second host's own policy, while a second host is compared.
pub const B_POLICY: &str = "b_policy";
pub const HUGEPAGE_SIZE: &str = "hugepage_size";
pub const MEMORY_MANAGER: &str = "memory_manager";
/// `performance-profile` (the default, not written) or `kubelet-config`.
pub const NODE_TUNING: &str = "node_tuning";
/// What only imported files set (the command has no flags for them): written
/// only when a file changed them, so a link carries an imported VM whole.
pub const DEDICATED_CPUS: &str = "dedicated_cpus";
pub const NUMA_PASSTHROUGH: &str = "numa_passthrough";
pub const NODE_LIMIT: &str = "node_limit";
/// What KubeVirt's API judges in an imported VM: its CPU request and limit
/// and its memory request as written, and the fields it sets beside its
/// instance type (`cpu.sockets,memory.guest`).
pub const CPU_REQUEST: &str = "cpu_request";
pub const CPU_LIMIT: &str = "cpu_limit";
pub const MEMORY_REQUEST: &str = "memory_request";
pub const INSTANCETYPE_CONFLICT: &str = "instancetype_conflict";
const CELL: &str = "cell";
const EMBED: &str = "embed";
const THEME: &str = "theme";
const FRAME_ID: &str = "id";
/// The page's language; absent: the browser's.
pub const LANG: &str = "lang";

/// The view's keys, after the scenario's.
const VIEW_KEYS: [&str; 5] = [CELL, EMBED, THEME, FRAME_ID, LANG];

/// Every key the planner reads, in the order it writes them: the input
/// table's keys (`FIELDS`), the compared host's (`b_` keys), the switches'
/// (`Switch::code`), the choices and what only files set, then the view.
pub fn keys() -> impl Iterator<Item = &'static str> {
    let fields = Side::BOTH
        .into_iter()
        .flat_map(|side| side.fields().map(move |f| side.key(f)));
    let settings = [
        HUGEPAGE_SIZE,
        MEMORY_MANAGER,
        NODE_TUNING,
        DEDICATED_CPUS,
        NUMA_PASSTHROUGH,
        CPU_REQUEST,
        CPU_LIMIT,
        MEMORY_REQUEST,
        INSTANCETYPE_CONFLICT,
        NODE_LIMIT,
        POLICY,
        B_POLICY,
    ];
    fields
        .chain(Switch::ALL.map(Switch::code))
        .chain(settings)
        .chain(VIEW_KEYS)
}

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
    /// The language asked for by the link; `None`: the browser's.
    pub lang: Option<Lang>,
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
    /// The notices about one key's value, by that key (also in `notices`):
    /// the page shows each at its field.
    pub at_keys: Vec<(String, String)>,
}

/// The query's key-value pairs for a form and view, in `keys()` order;
/// optional values that are not set are left out.
pub fn to_pairs(form: &FormState, view: &ViewState) -> Vec<(&'static str, String)> {
    let mut q: Vec<(&'static str, String)> = Vec::new();
    for side in Side::BOTH {
        let Some(host) = form.host_on(side) else {
            continue;
        };
        for field in side.fields() {
            // A field of the way not chosen, or optional and empty, is left out.
            let text = form.text_on(side, field);
            let written = is_active(host, &form.vm, field)
                && !(field.is_optional() && text.trim().is_empty());
            if written {
                q.push((side.key(field), text.to_string()));
            }
        }
    }
    // A switch given off is written only when it overrides the node tuning.
    for switch in Switch::ALL {
        if let Some(on) = form.switch_given(switch) {
            q.push((switch.code(), if on { "1" } else { "0" }.to_string()));
        }
    }
    let (vm, cluster) = (&form.vm, &form.cluster);
    let settings = [
        (HUGEPAGE_SIZE, vm.hugepage_size.map(HugepageSize::code)),
        (
            MEMORY_MANAGER,
            cluster.memory_manager.map(MemoryManager::code),
        ),
        (
            NODE_TUNING,
            (cluster.node_tuning != NodeTuning::default()).then_some(cluster.node_tuning.code()),
        ),
        (DEDICATED_CPUS, (!vm.dedicated_cpus).then_some("0")),
        (NUMA_PASSTHROUGH, (!vm.numa_passthrough).then_some("0")),
    ];
    for (key, value) in settings {
        if let Some(value) = value {
            q.push((key, value.to_string()));
        }
    }
    let manifest = &vm.manifest;
    let conflicts = manifest.instancetype_conflicts;
    let facts = [
        (CPU_REQUEST, manifest.cpu_request.map(|q| q.to_string())),
        (CPU_LIMIT, manifest.cpu_limit.map(|q| q.to_string())),
        (MEMORY_REQUEST, manifest.memory_request.map(format_bytes)),
        (
            INSTANCETYPE_CONFLICT,
            (!conflicts.is_empty()).then(|| conflicts.to_string()),
        ),
    ];
    for (key, value) in facts {
        if let Some(value) = value {
            q.push((key, value));
        }
    }
    if let Some(limit) = cluster.node_limit {
        q.push((NODE_LIMIT, limit.to_string()));
    }
    if let Some(policy) = cluster.policy {
        q.push((POLICY, policy.code().to_string()));
    }
    if let (Some(_), Some(policy)) = (&form.compare, form.compare_policy) {
        q.push((B_POLICY, policy.code().to_string()));
    }
    if let Some(cell) = view.cell {
        q.push((CELL, cell.to_string()));
    }
    if view.embed {
        q.push((EMBED, "1".to_string()));
    }
    if view.theme != Theme::Auto {
        q.push((THEME, view.theme.code().to_string()));
    }
    if let Some(id) = &view.frame_id {
        q.push((FRAME_ID, id.as_str().to_string()));
    }
    if let Some(lang) = view.lang {
        q.push((LANG, lang.code().to_string()));
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
    at_keys: Vec<(String, String)>,
}

impl Query {
    /// Unknown keys are ignored; a repeated key keeps its first value.
    fn new(pairs: Vec<(String, String)>) -> Query {
        let mut query = Query {
            values: Vec::new(),
            notices: Vec::new(),
            at_keys: Vec::new(),
        };
        for (key, value) in pairs {
            if !keys().any(|k| k == key) {
                continue;
            }
            if query.get(&key).is_some() {
                query.notice(trf!(
                    "The link gives {key} more than once; the first value is used.",
                    key = key
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

    /// A notice about the value of `key` alone.
    fn notice_at(&mut self, key: &str, notice: String) {
        if !self.at_keys.iter().any(|(k, _)| k == key) {
            self.at_keys.push((key.to_string(), notice.clone()));
        }
        self.notice(notice);
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
                let notice = trf!(
                    "Ignored {key}={value} from the link: {use_instead}.",
                    key = key,
                    value = quote(&text),
                    use_instead = use_instead
                );
                self.notice_at(key, notice);
                None
            }
        }
    }

    /// A field's value under `key`, as the form keeps it (read by the
    /// field's rule); a notice when it is unusable (the field keeps its
    /// default).
    fn field(&mut self, key: &str, field: Field) -> Option<String> {
        let text = self.get(key)?.to_string();
        if field.is_optional() && text.trim().is_empty() {
            return None;
        }
        match field.normalize(&text) {
            Ok(value) => Some(value),
            Err(e) => {
                self.ignored(key, field, &text, &e.message);
                None
            }
        }
    }

    fn ignored(&mut self, key: &str, field: Field, text: &str, why: &str) {
        let fallback = match field.spec().default {
            "" => tr("Leaving it unset.").to_string(),
            value => trf!("Using {value}.", value = value),
        };
        let notice = trf!(
            "Ignored {key}={value} from the link: {why}. {fallback}",
            key = key,
            value = quote(text),
            why = why,
            fallback = fallback
        );
        self.notice_at(key, notice);
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
        lang: query.read(LANG, str::parse::<Lang>),
    };
    Decoded {
        form,
        view,
        notices: query.notices,
        at_keys: query.at_keys,
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

/// Whether the query gives any field of one way on one side.
fn gives(query: &Query, side: Side, way: Way) -> bool {
    Field::ALL
        .into_iter()
        .filter(|f| f.way() == way)
        .any(|f| query.get(side.key(f)).is_some())
}

/// One side's host from its keys, read the same way for both sides.
fn read_host(query: &mut Query, side: Side) -> HostInput {
    let mut host = HostInput::default();
    let as_bought = gives(query, side, Way::AsBought);
    if as_bought && !gives(query, side, Way::Nodes) {
        host.take_as_bought();
    } else if as_bought {
        let [n, c] = [Field::NumaNodes, Field::CpusPerNode].map(|f| side.key(f));
        query.notice(trf!(
            "The link gives both {n}/{c} and the host as bought; {n} and {c} are used.",
            n = n,
            c = c
        ));
    }
    for field in Field::in_part(Part::Host) {
        if let Some(text) = query.field(side.key(field), field) {
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
    let compared = Side::Compare
        .fields()
        .any(|f| query.get(Side::Compare.key(f)).is_some());
    if compared {
        form.compare = Some(read_host(query, Side::Compare));
    }
    let topology = gives(query, Side::Main, Way::Topology);
    if topology && !gives(query, Side::Main, Way::Count) {
        form.vm.mode = VcpuMode::Topology;
    } else if topology {
        query.notice(
            tr("The link gives both vcpus and sockets/cores/threads; vcpus is used.").to_string(),
        );
    }
    for field in Field::in_part(Part::Vm) {
        if let Some(text) = query.field(field.key(), field) {
            form.vm.set_text(field, text);
        }
    }
    for s in Switch::ALL {
        if let Some(on) = query.read(s.code(), switch) {
            form.set_switch(s, on);
        }
    }
    let cluster = &mut form.cluster;
    cluster.policy = query.read(POLICY, str::parse::<Policy>);
    form.compare_policy = query.read(B_POLICY, str::parse::<Policy>);
    form.vm.hugepage_size = query.read(HUGEPAGE_SIZE, str::parse::<HugepageSize>);
    if let Some(policy) = query.read(MEMORY_MANAGER, str::parse::<MemoryManager>) {
        cluster.memory_manager = Some(policy);
    }
    if let Some(tuning) = query.read(NODE_TUNING, str::parse::<NodeTuning>) {
        cluster.node_tuning = tuning;
    }
    if let Some(on) = query.read(DEDICATED_CPUS, switch) {
        form.vm.dedicated_cpus = on;
    }
    if let Some(on) = query.read(NUMA_PASSTHROUGH, switch) {
        form.vm.numa_passthrough = on;
    }
    let manifest = &mut form.vm.manifest;
    manifest.cpu_request = query.read(CPU_REQUEST, CpuQuantity::parse);
    manifest.cpu_limit = query.read(CPU_LIMIT, CpuQuantity::parse);
    manifest.memory_request = query.read(MEMORY_REQUEST, |t| {
        parse_memory(t).map_err(|_| "use a memory quantity such as 16Gi or 2048Mi")
    });
    if let Some(set) = query.read(INSTANCETYPE_CONFLICT, InstancetypeConflicts::parse) {
        manifest.instancetype_conflicts = set;
    }
    form.cluster.node_limit = query.read(NODE_LIMIT, |t| parse_count(Field::NumaNodes, t));
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
            query.ignored(side.key(e.field), e.field, &text, &e.message);
            form.set_text_on(side, e.field, e.field.spec().default.to_string());
        }
        if form.input_on(side).is_none_or(|i| i.parse().is_ok()) {
            continue;
        }
        match side {
            Side::Main => {
                query.notice(
                    tr("The link's scenario cannot be used; showing the default.").to_string(),
                );
                let policy = form.cluster.policy;
                form = defaults.clone();
                form.cluster.policy = policy;
            }
            Side::Compare => {
                query.notice(
                    tr("The link's second host cannot be used; comparing nothing.").to_string(),
                );
                form.compare = None;
            }
        }
    }
    form
}
