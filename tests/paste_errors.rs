//! Error messages pasted with the VM and the host: the worker names each
//! with its check and still fills the inputs from the objects beside them.

use vnuma_planner::import_worker::protocol::{ERROR, FROM, PASTED_ERROR};
use vnuma_planner::import_worker::respond;

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

const EVENTS: &str = "Events:\n  Type     Reason                    Age   From     Message\n  Warning  UnexpectedAdmissionError  12s   kubelet  Allocate failed due to SMT Alignment Error: requested 25 cpus not multiple cpus per core = 2, which is unexpected\n";

fn answer(text: &str) -> Vec<(String, String)> {
    respond(&["file:pasted text".to_string(), text.to_string()])
}

#[test]
fn errors_pasted_with_the_vm_and_host_are_named_and_the_inputs_filled() {
    let text = format!(
        "{}\n---\n{}\n---\n{EVENTS}",
        fixture("vm/vm-numa-topology.yaml"),
        fixture("host/lscpu-2socket-smt.txt")
    );
    let got = answer(&text);
    assert!(!got.iter().any(|(t, _)| t == ERROR), "{got:?}");
    assert!(
        got.iter().any(|(t, _)| t.starts_with(FROM)),
        "nothing filled: {got:?}"
    );
    let errors: Vec<&(String, String)> = got
        .iter()
        .filter(|(t, _)| t.starts_with(PASTED_ERROR))
        .collect();
    assert_eq!(errors.len(), 1, "{got:?}");
    assert_eq!(errors[0].0, format!("{PASTED_ERROR}smt-alignment"));
}

#[test]
fn errors_pasted_alone_fill_nothing_and_are_no_error() {
    let got = answer(EVENTS);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].0.starts_with(PASTED_ERROR));
    assert!(answer("Warning ImagePullBackOff: back-off pulling image")
        .iter()
        .any(|(t, _)| t == ERROR));
}
