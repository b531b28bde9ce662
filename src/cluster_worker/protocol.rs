//! The Cluster page worker's protocol, defined here once. The JS side never
//! spells a tag: `web/cluster-worker.js` reads them from the wasm at start
//! (the `cluster_protocol` export, as `name, value` strings) and posts them
//! to `web/cluster.js` in its ready message.
//!
//! A request is `tag, value` strings. An answer is rows: a tag, then as
//! many strings as that tag's arity (`ROWS`), so a name may hold any text.

use crate::domain::MigrationVerdict;

/// In: a dropped file, `file:NAME, text`.
pub const FILE: &str = "file:";
/// In: a file the page did not send (over the size limit), `skipped, NAME`.
pub const SKIPPED: &str = "skipped";
/// In: the vCPUs of the VM shape to count the capacity for, `vcpus, N`.
pub const VCPUS: &str = "vcpus";
/// In: the VM whose targets to send, by its index in the `vm` rows,
/// `targets, INDEX`.
pub const TARGETS: &str = "targets";

/// Out: why no cluster was read: `message`.
pub const ERROR: &str = "error";
/// Out: a node: `name, policy, NUMA nodes, CPUs per NUMA node (a,b),
/// free CPUs per NUMA node (a,b), free huge pages ("1Gi: 4,4" or empty),
/// pool`.
pub const NODE: &str = "node";
/// Out: a running VM: `index, namespace, name, node, vCPUs, pod CPUs`, then
/// how many of its targets have each verdict, in `VERDICTS`' order.
pub const VM: &str = "vm";
/// Out: a node drained: `node, ok (true|false), placed ("ns/vm -> node",
/// comma-separated), unplaced (comma-separated)`.
pub const DRAIN: &str = "drain";
/// Out: the capacity on one node: `node, count`.
pub const CAPACITY: &str = "capacity";
/// Out: the capacity in all: `vcpus, pod CPUs, total`.
pub const TOTAL: &str = "total";
/// Out: why there is no capacity (the vCPUs given are not a VM): `message`.
pub const NOTE: &str = "note";
/// Out: what was read but is not part of the cluster: `line`.
pub const UNMATCHED: &str = "unmatched";
/// Out: a line saying what was read: `line`.
pub const READ: &str = "read";
/// Out: one target of the VM asked for: `node, verdict, checks (codes,
/// space-separated)`, followed by its planner link's `pair` rows.
pub const TARGET: &str = "target";
/// Out: one of the planner link's pairs for the target before it: `key, value`.
pub const PAIR: &str = "pair";

/// The most bytes read from one file; the worker's JS sends larger files
/// as `skipped`.
pub const MAX_INPUT_BYTES: usize = crate::import::MAX_INPUT_BYTES;

/// What the worker is doing, by the number `progress` reports it with.
pub const STAGES: [&str; 4] = [
    "Reading the files",
    "Judging where each VM can go",
    "Draining each node",
    "Counting the capacity",
];

/// The answer's row tags by the names the JS reads them by, and how many
/// strings follow each.
pub const ROWS: [(&str, &str, usize); 11] = [
    ("error", ERROR, 1),
    ("node", NODE, 7),
    ("vm", VM, 6 + MigrationVerdict::ALL.len()),
    ("drain", DRAIN, 4),
    ("capacity", CAPACITY, 2),
    ("total", TOTAL, 3),
    ("note", NOTE, 1),
    ("unmatched", UNMATCHED, 1),
    ("read", READ, 1),
    ("target", TARGET, 3),
    ("pair", PAIR, 2),
];

/// The request's tags by the names the JS reads them by.
pub const TAGS: [(&str, &str); 4] = [
    ("file", FILE),
    ("skipped", SKIPPED),
    ("vcpus", VCPUS),
    ("targets", TARGETS),
];

/// How many strings follow a row's tag; none for a tag that is not a row.
pub fn arity(tag: &str) -> Option<usize> {
    ROWS.iter().find(|(_, t, _)| *t == tag).map(|&(_, _, n)| n)
}

/// The protocol as flat `name, value` strings: the request's tags by name,
/// each row's as `row:NAME, tag` and `arity:TAG, n`, the verdicts in the `vm` rows' order
/// (comma-separated), the stages (`stage, text`, in order) and
/// `max_input_bytes`.
pub fn described() -> Vec<String> {
    let mut out = Vec::new();
    let mut put = |name: String, value: String| {
        out.push(name);
        out.push(value);
    };
    for (name, tag) in TAGS {
        put(name.to_string(), tag.to_string());
    }
    for (name, tag, n) in ROWS {
        put(format!("row:{name}"), tag.to_string());
        put(format!("arity:{tag}"), n.to_string());
    }
    let verdicts: Vec<&str> = MigrationVerdict::ALL.iter().map(|v| v.code()).collect();
    put("verdicts".into(), verdicts.join(","));
    for stage in STAGES {
        put("stage".into(), stage.to_string());
    }
    put("max_input_bytes".into(), MAX_INPUT_BYTES.to_string());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JS side reads the protocol from the wasm and keeps no copy of it.
    #[test]
    fn the_scripts_spell_no_tag_and_no_limit() {
        for (file, source) in [
            (
                "web/cluster-worker.js",
                include_str!("../../web/cluster-worker.js"),
            ),
            ("web/cluster.js", include_str!("../../web/cluster.js")),
        ] {
            for (_, tag) in TAGS {
                for s in [
                    format!("=== \"{tag}\""),
                    format!("[\"{tag}\""),
                    format!("(\"{tag}\""),
                    format!("\"{tag}\","),
                    format!("\"{tag}:"),
                ] {
                    assert!(!source.contains(s.as_str()), "{file} spells {s}");
                }
            }
            // The page's own words may match a row's tag ("drain" is also
            // a table's name); what may not is comparing with one.
            for (_, tag, _) in ROWS {
                for s in [
                    format!("=== \"{tag}\""),
                    format!("case \"{tag}\""),
                    format!("[\"{tag}\"]"),
                ] {
                    assert!(!source.contains(s.as_str()), "{file} spells {s}");
                }
            }
            for limit in ["2 * 1024", "2097152", "2 MB"] {
                assert!(!source.contains(limit), "{file} spells the limit {limit}");
            }
        }
    }

    #[test]
    fn tags_are_unique_and_every_row_has_an_arity() {
        let all: Vec<&str> = TAGS
            .iter()
            .map(|(_, t)| *t)
            .chain(ROWS.iter().map(|(_, t, _)| *t))
            .collect();
        for (i, t) in all.iter().enumerate() {
            assert!(!all[i + 1..].contains(t), "{t} twice");
        }
        assert_eq!(arity(VM), Some(11));
        assert_eq!(arity("file:"), None);
        let described = described();
        assert_eq!(described.len() % 2, 0);
        assert_eq!(described[described.len() - 1], "2097152");
    }
}
