//! The Cluster page's work as a Web Worker module (`cluster.html`): the
//! cluster read from the dropped files, each VM's targets, each node's
//! drain and the capacity, off the page's main thread. No wasm-bindgen:
//! `web/cluster-worker.js` moves strings in and out through plain exports,
//! as the importer worker does (`import_worker`), and lends one import,
//! `cluster.progress(stage, done, total)`, which it posts to the page.
//!
//! Requests (tags in `protocol`): the files (`file:NAME, text`, with
//! `skipped, NAME` for those not sent) and `vcpus, N` read a new cluster
//! and answer it whole; `vcpus, N` alone answers the capacity of the
//! cluster last read; `targets, INDEX` one VM's targets with a planner link
//! each. The cluster last read stays here between requests (clusters never
//! leave the browser, nor go into links).

pub mod protocol;

use crate::domain::cluster::Cluster;
use crate::domain::{MigrationVerdict, ScenarioInput};
use crate::import::{import_cluster, ClusterImport};
use protocol::{
    CAPACITY, DRAIN, ERROR, FILE, NODE, NOTE, PAIR, READ, SKIPPED, TARGET, TARGETS, TOTAL,
    UNMATCHED, VCPUS, VM,
};
use std::cell::RefCell;

thread_local! {
    /// The strings of the request being written.
    static REQUEST: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    /// The strings JS reads: the last answer, or the protocol.
    static STRINGS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    /// The buffer JS writes the next request string into.
    static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// The cluster last read, for the requests about it.
    static CLUSTER: RefCell<Option<ClusterImport>> = const { RefCell::new(None) };
}

#[cfg(target_arch = "wasm32")]
#[link(wasm_import_module = "cluster")]
extern "C" {
    /// The worker's JS posts it to the page as a progress message.
    fn progress(stage: u32, done: u32, total: u32);
}

#[cfg(target_arch = "wasm32")]
fn report(stage: usize, done: usize, total: usize) {
    let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
    // SAFETY: a plain function of three numbers that web/cluster-worker.js
    // provides; it touches no memory of this module.
    unsafe { progress(n(stage), n(done), n(total)) }
}

#[cfg(not(target_arch = "wasm32"))]
fn report(_stage: usize, _done: usize, _total: usize) {}

/// A buffer of `len` bytes for the next request string.
#[no_mangle]
pub extern "C" fn cluster_buffer(len: usize) -> *mut u8 {
    BUFFER.with_borrow_mut(|b| {
        *b = vec![0; len];
        b.as_mut_ptr()
    })
}

/// Takes the buffer's UTF-8 (JS's TextEncoder wrote it) as the next string.
#[no_mangle]
pub extern "C" fn cluster_push() {
    let bytes = BUFFER.take();
    let text = String::from_utf8(bytes).unwrap_or_default();
    REQUEST.with_borrow_mut(|s| s.push(text));
}

/// Answers the request pushed so far; returns how many strings the answer
/// has (read with `cluster_string_ptr` and `cluster_string_len`).
#[no_mangle]
pub extern "C" fn cluster_answer() -> usize {
    let request = REQUEST.take();
    let reply = CLUSTER.with_borrow_mut(|kept| respond(&request, kept, &mut report));
    let count = reply.len();
    STRINGS.set(reply);
    count
}

/// Puts the protocol (`protocol::described`) in place of the strings;
/// returns how many strings that is.
#[no_mangle]
pub extern "C" fn cluster_protocol() -> usize {
    let strings = protocol::described();
    let count = strings.len();
    STRINGS.set(strings);
    count
}

#[no_mangle]
pub extern "C" fn cluster_string_ptr(i: usize) -> *const u8 {
    STRINGS.with_borrow(|s| s.get(i).map_or(std::ptr::null(), |t| t.as_ptr()))
}

#[no_mangle]
pub extern "C" fn cluster_string_len(i: usize) -> usize {
    STRINGS.with_borrow(|s| s.get(i).map_or(0, String::len))
}

/// The answer's strings, row by row.
#[derive(Default)]
struct Rows(Vec<String>);

impl Rows {
    fn row<const N: usize>(&mut self, tag: &str, values: [String; N]) {
        debug_assert_eq!(protocol::arity(tag), Some(N), "{tag}");
        self.0.push(tag.to_string());
        self.0.extend(values);
    }
}

/// The answer to a request's `tag, value` strings; `kept` is the cluster
/// last read (replaced when the request has files); `progress(stage, done,
/// total)` is called while it works.
pub fn respond(
    request: &[String],
    kept: &mut Option<ClusterImport>,
    progress: &mut dyn FnMut(usize, usize, usize),
) -> Vec<String> {
    let (mut files, mut skipped) = (Vec::new(), Vec::new());
    let (mut vcpus, mut asked) = (None, None);
    for kv in request.chunks_exact(2) {
        let (tag, value) = (kv[0].as_str(), kv[1].as_str());
        if let Some(name) = tag.strip_prefix(FILE) {
            files.push((name, value));
        } else if tag == SKIPPED {
            skipped.push(value);
        } else if tag == VCPUS {
            vcpus = Some(value);
        } else if tag == TARGETS {
            asked = Some(value);
        }
    }
    let mut rows = Rows::default();
    if !files.is_empty() || !skipped.is_empty() {
        progress(0, 0, files.len());
        let mut read = import_cluster(&files);
        let limit = protocol::MAX_INPUT_BYTES / (1024 * 1024);
        let notes = skipped.iter().map(|name| {
            format!(
                "{}: larger than {limit} MB, the most read from one file; skipped",
                crate::domain::printable(name)
            )
        });
        read.cluster.unmatched.splice(0..0, notes);
        progress(0, files.len(), files.len());
        whole(&read.cluster, &mut rows, progress);
        for line in &read.read {
            rows.row(READ, [line.clone()]);
        }
        *kept = Some(read);
    }
    let Some(read) = kept.as_ref() else {
        return rows.0;
    };
    if let Some(vcpus) = vcpus {
        if !read.cluster.nodes.is_empty() {
            progress(3, 0, 1);
            capacity(&read.cluster, vcpus, &mut rows);
        }
    }
    if let Some(vm) = asked.and_then(|i| i.parse::<usize>().ok()) {
        targets(read, vm, &mut rows);
    }
    rows.0
}

fn csv(values: impl IntoIterator<Item = impl ToString>) -> String {
    values
        .into_iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// The nodes, the VMs with their targets counted per verdict, the drains
/// and what was not matched.
fn whole(cluster: &Cluster, rows: &mut Rows, progress: &mut dyn FnMut(usize, usize, usize)) {
    if cluster.nodes.is_empty() {
        rows.row(
            ERROR,
            [
                "No NodeResourceTopology could be read; the cluster needs one per worker node."
                    .into(),
            ],
        );
    }
    for n in &cluster.nodes {
        let pages = n
            .hugepages
            .iter()
            .map(|(size, pages)| format!("{}: {}", size.code(), csv(pages)))
            .collect::<Vec<_>>()
            .join("; ");
        rows.row(
            NODE,
            [
                n.name.clone(),
                n.policy.code().to_string(),
                n.host.numa_nodes().to_string(),
                csv(n.host.node_cpus()),
                csv(n.free_cpus()),
                pages,
                n.pool_key(),
            ],
        );
    }
    let judge = cluster.judge();
    let total = cluster.vms.len();
    for (i, v) in cluster.vms.iter().enumerate() {
        if i % 100 == 0 {
            progress(1, i, total);
        }
        let mut counts = [0usize; MigrationVerdict::ALL.len()];
        for t in judge.targets(i) {
            counts[t.verdict.index()] += 1;
        }
        let head = [
            i.to_string(),
            v.namespace.clone(),
            v.name.clone(),
            cluster.nodes[v.node].name.clone(),
            v.vm.vcpus().to_string(),
            v.vm.pod_cpus().to_string(),
        ];
        rows.0.push(VM.to_string());
        rows.0.extend(head);
        rows.0.extend(counts.iter().map(usize::to_string));
    }
    let nodes = cluster.nodes.len();
    for n in 0..nodes {
        if n % 10 == 0 {
            progress(2, n, nodes);
        }
        let d = judge.drain(n);
        let placed = d.placed.iter().map(|p| {
            let risk = if p.verdict == MigrationVerdict::Migrates {
                String::new()
            } else {
                format!(" ({})", p.verdict.code())
            };
            format!(
                "{} -> {}{risk}",
                cluster.vms[p.vm].full_name(),
                cluster.nodes[p.node].name
            )
        });
        let unplaced = d.unplaced.iter().map(|&i| cluster.vms[i].full_name());
        rows.row(
            DRAIN,
            [
                cluster.nodes[n].name.clone(),
                d.ok.to_string(),
                placed.collect::<Vec<_>>().join(", "),
                unplaced.collect::<Vec<_>>().join(", "),
            ],
        );
    }
    for line in &cluster.unmatched {
        rows.row(UNMATCHED, [line.clone()]);
    }
}

/// The capacity for a VM of `vcpus` vCPUs (the command's `--capacity-vcpus`).
fn capacity(cluster: &Cluster, vcpus: &str, rows: &mut Rows) {
    let vm = match ScenarioInput::default().with_vcpus(vcpus).parse() {
        Ok(scenario) => scenario.vm,
        Err(errors) => {
            let why: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
            rows.row(NOTE, [why.join("; ")]);
            return;
        }
    };
    let capacity = cluster.capacity(&vm);
    for c in &capacity.per_node {
        rows.row(
            CAPACITY,
            [cluster.nodes[c.node].name.clone(), c.count.to_string()],
        );
    }
    rows.row(
        TOTAL,
        [
            vm.vcpus().to_string(),
            vm.pod_cpus().to_string(),
            capacity.total.to_string(),
        ],
    );
}

/// One VM's targets, each with the planner link's pairs for that move.
fn targets(read: &ClusterImport, vm: usize, rows: &mut Rows) {
    let cluster = &read.cluster;
    for t in cluster.targets_of(vm) {
        let checks: Vec<&str> = t.checks.iter().map(|c| c.code()).collect();
        rows.row(
            TARGET,
            [
                cluster.nodes[t.node].name.clone(),
                t.verdict.code().to_string(),
                checks.join(" "),
            ],
        );
        for (key, value) in read.planner_pairs(vm, t.node).unwrap_or_default() {
            rows.row(PAIR, [key.to_string(), value]);
        }
    }
}
