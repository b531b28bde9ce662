//! The Cluster page's answers, as its worker gives them: the three-worker
//! example (README "A cluster") dropped on the page, and one VM -> node
//! pair opened in the planner.

use vnuma_planner::cluster_worker::protocol::{
    arity, CAPACITY, DRAIN, ERROR, FILE, NODE, PAIR, SKIPPED, TARGET, TARGETS, TOTAL, UNMATCHED,
    VCPUS, VM,
};
use vnuma_planner::cluster_worker::respond;
use vnuma_planner::domain::{Migration, Policy, Report};
use vnuma_planner::form::Side;
use vnuma_planner::import::ClusterImport;
use vnuma_planner::share::from_pairs;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("tests/fixtures/cluster/three-workers/{name}")).unwrap()
}

/// The answer's rows: each tag with its strings.
fn rows(answer: &[String]) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < answer.len() {
        let tag = answer[i].clone();
        let n = arity(&tag).unwrap_or_else(|| panic!("{tag} is not a row"));
        out.push((tag, answer[i + 1..i + 1 + n].to_vec()));
        i += 1 + n;
    }
    assert_eq!(i, answer.len());
    out
}

fn of<'a>(rows: &'a [(String, Vec<String>)], tag: &str) -> Vec<&'a [String]> {
    rows.iter()
        .filter(|(t, _)| t == tag)
        .map(|(_, v)| v.as_slice())
        .collect()
}

fn ask(kept: &mut Option<ClusterImport>, request: &[&str]) -> Vec<(String, Vec<String>)> {
    let request: Vec<String> = request.iter().map(|s| s.to_string()).collect();
    let mut stages = Vec::new();
    let answer = respond(&request, kept, &mut |stage, _, _| stages.push(stage));
    assert!(stages.windows(2).all(|w| w[0] <= w[1]), "{stages:?}");
    rows(&answer)
}

fn dropped(kept: &mut Option<ClusterImport>) -> Vec<(String, Vec<String>)> {
    let (nrt, vmis) = (fixture("noderesourcetopologies.yaml"), fixture("vmis.yaml"));
    let nrt_tag = format!("{FILE}noderesourcetopologies.yaml");
    let vmis_tag = format!("{FILE}vmis.yaml");
    ask(
        kept,
        &[
            &nrt_tag, &nrt, &vmis_tag, &vmis, VCPUS, "16", SKIPPED, "big.yaml",
        ],
    )
}

#[test]
fn the_three_worker_example_as_the_page_shows_it() {
    let mut kept = None;
    let rows = dropped(&mut kept);
    assert!(of(&rows, ERROR).is_empty());
    let nodes: Vec<(&str, &str)> = of(&rows, NODE)
        .iter()
        .map(|n| (n[0].as_str(), n[4].as_str()))
        .collect();
    assert_eq!(
        nodes,
        [
            ("worker-1", "6,20"),
            ("worker-2", "10,16"),
            ("worker-3", "30,4")
        ]
    );
    // index, namespace, name, node, vCPUs, pod CPUs, then the counts per
    // verdict: not-running, blocked, fails, at-risk, migrates.
    let vms: Vec<Vec<&str>> = of(&rows, VM)
        .iter()
        .map(|v| v.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        vms,
        [
            ["0", "apps", "vm-a", "worker-1", "24", "24", "0", "1", "0", "0", "1"],
            ["1", "apps", "vm-b", "worker-1", "12", "12", "0", "0", "0", "0", "2"],
            ["2", "db", "vm-c", "worker-2", "20", "20", "0", "0", "0", "0", "2"],
            ["3", "db", "vm-d", "worker-2", "16", "16", "0", "0", "0", "0", "2"],
            ["4", "db", "vm-e", "worker-3", "28", "28", "0", "2", "0", "0", "0"],
        ]
    );
    let drains: Vec<Vec<&str>> = of(&rows, DRAIN)
        .iter()
        .map(|d| d.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        drains,
        [
            [
                "worker-1",
                "true",
                "apps/vm-a -> worker-3, apps/vm-b -> worker-2",
                ""
            ],
            [
                "worker-2",
                "true",
                "db/vm-c -> worker-1, db/vm-d -> worker-3",
                ""
            ],
            ["worker-3", "false", "", "db/vm-e"],
        ]
    );
    let capacity: Vec<(&str, &str)> = of(&rows, CAPACITY)
        .iter()
        .map(|c| (c[0].as_str(), c[1].as_str()))
        .collect();
    assert_eq!(
        capacity,
        [("worker-1", "1"), ("worker-2", "1"), ("worker-3", "1")]
    );
    assert_eq!(of(&rows, TOTAL), [["16", "16", "3"]]);
    let unmatched = of(&rows, UNMATCHED);
    assert_eq!(unmatched.len(), 1);
    assert!(unmatched[0][0].starts_with("big.yaml: larger than 2 MB"));

    // Another VM shape: the capacity alone, of the cluster kept.
    let again = ask(&mut kept, &[VCPUS, "17"]);
    assert!(of(&again, NODE).is_empty());
    assert_eq!(of(&again, TOTAL), [["17", "17", "2"]]);
    let bad = ask(&mut kept, &[VCPUS, "many"]);
    assert!(of(&bad, TOTAL).is_empty());
    assert_eq!(bad.len(), 1);
}

/// Each target's planner link opens the planner with both hosts filled
/// in, and the planner judges that move as the cluster does.
#[test]
fn a_pair_opens_in_the_planner_with_the_same_verdict() {
    let mut kept = None;
    dropped(&mut kept);
    for vm in 0..5 {
        let index = vm.to_string();
        let rows = ask(&mut kept, &[TARGETS, &index]);
        let mut seen = 0;
        let mut i = 0;
        while i < rows.len() {
            let (tag, target) = &rows[i];
            assert_eq!(tag, TARGET);
            let pairs: Vec<(String, String)> = rows[i + 1..]
                .iter()
                .take_while(|(t, _)| t == PAIR)
                .map(|(_, p)| (p[0].clone(), p[1].clone()))
                .collect();
            i += 1 + pairs.len();
            seen += 1;
            let keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
            for key in [
                "numa_nodes",
                "cores",
                "b_numa_nodes",
                "b_free_cpus",
                "policy",
            ] {
                assert!(keys.contains(&key), "{key} missing from {keys:?}");
            }
            assert!(!keys.contains(&"free_cpus"), "the source is judged empty");
            let decoded = from_pairs(pairs);
            assert_eq!(decoded.notices, Vec::<String>::new());
            let form = decoded.form;
            let policy = form.cluster.policy.unwrap();
            assert_eq!(policy, Policy::SingleNumaNode);
            let report = |side| Report::new(form.input_on(side).unwrap().parse_running().unwrap());
            let (a, b) = (report(Side::Main), report(Side::Compare));
            let to = form.compare_policy.unwrap_or(policy);
            let m = Migration::new(&a, policy, &b, to);
            assert_eq!(m.verdict.code(), target[1], "vm {vm} -> {}", target[0]);
        }
        assert_eq!(seen, 2);
    }
}
