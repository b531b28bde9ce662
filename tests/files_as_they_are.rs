//! Files as customers send them: wrapped by mail clients, without NUMA
//! lines, with offline CPUs, objects beside the host's, outputs pasted one
//! after the other, bare command lines, old API versions, and kubelet
//! defaults. Nothing read is dropped silently.

use vnuma_planner::import::{import_host, HostImport};

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn host(texts: &[&str]) -> HostImport {
    import_host(texts).unwrap_or_else(|e| panic!("{texts:?}: {e}"))
}

fn refused(texts: &[&str]) -> String {
    match import_host(texts) {
        Ok(h) => panic!("{texts:?} read: {:?}", h.read),
        Err(e) => e.to_string(),
    }
}

fn sizes(h: &HostImport) -> Vec<(u32, u32, u32)> {
    h.nodes
        .iter()
        .map(|n| (n.id, n.capacity, n.allocatable))
        .collect()
}

#[test]
fn numactl_wrapped_by_a_mail_client_reads_whole_nodes() {
    let text = fixture("host/numactl-wrapped-mail.txt");
    let h = host(&[&text]);
    assert_eq!(sizes(&h), [(0, 64, 64), (1, 64, 64)]);
    assert_eq!(
        h.read[0],
        "NUMA nodes 2 and CPUs per node from numactl --hardware: node 0 = 64 CPUs (0-31,64-95); node 1 = 64 CPUs (32-63,96-127)"
    );
    assert!(
        h.read.iter().any(|l| l.contains("lines 2, 7 were wrapped")),
        "{:?}",
        h.read
    );
    // A wrapped line cut off from its node by a blank line is refused.
    let cut = text.replacen("\n26 27", "\n\n26 27", 1);
    let e = refused(&[&cut]);
    assert!(e.starts_with("numactl line 4: \"26 27 28"), "{e}");
}
