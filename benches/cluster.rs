//! Prints how long a synthetic cluster of 500 nodes and 5,000 VMs takes to
//! read and answer natively (every VM's targets, every node's drain, the
//! capacity for a 16-vCPU VM), and the process's peak memory; figures, not
//! assertions. Run with `cargo bench --bench cluster`.

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use std::hint::black_box;
use std::time::Instant;
use vnuma_planner::domain::ScenarioInput;
use vnuma_planner::import::import_cluster;

/// The process's peak resident memory in MB (Linux), when known.
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let (nodes, vms) = (500, 5_000);
    let files = synthetic::cluster_files(nodes, vms);
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let texts: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let sixteen = ScenarioInput::default()
        .with_vcpus("16")
        .parse()
        .unwrap()
        .vm;

    let start = Instant::now();
    let read = import_cluster(&texts);
    let read_time = start.elapsed();
    let cluster = read.cluster;
    assert_eq!(
        (cluster.nodes.len(), cluster.vms.len()),
        (nodes, vms),
        "{:?}",
        cluster.unmatched.first()
    );

    let answer = Instant::now();
    let judge = cluster.judge();
    let judged = answer.elapsed();
    let mut targets = 0usize;
    for i in 0..cluster.vms.len() {
        targets += black_box(judge.targets(i)).len();
    }
    let all_targets = answer.elapsed();
    let drains = (0..cluster.nodes.len())
        .filter(|&n| black_box(judge.drain(n)).ok)
        .count();
    let all_drains = answer.elapsed();
    let capacity = black_box(cluster.capacity(&sixteen)).total;
    let total = start.elapsed();

    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    println!(
        "synthetic cluster: {nodes} nodes, {vms} VMs, {} files, {:.1} MB",
        files.len(),
        bytes as f64 / 1e6
    );
    for (what, took) in [
        ("read (YAML, nodes, VMs)".to_string(), ms(read_time)),
        ("judgments cached".to_string(), ms(judged)),
        (
            format!("every VM's targets ({targets})"),
            ms(all_targets - judged),
        ),
        (
            format!("every node's drain ({drains} ok)"),
            ms(all_drains - all_targets),
        ),
        (
            format!("capacity for 16 vCPUs ({capacity} more)"),
            ms(total - read_time - all_drains),
        ),
        ("read + answer".to_string(), ms(total)),
    ] {
        println!("  {what:<40} {took:>8.0} ms");
    }
    match peak_mb() {
        Some(mb) => println!("  {:<40} {mb:>8.0} MB", "peak memory (VmHWM)"),
        None => println!("  peak memory: not known on this system"),
    }
    command(&files);
}

/// The command end to end on the same files (a must-gather-like
/// directory, JSON to a pipe that is drained), as a user runs it.
fn command(files: &[(String, String)]) {
    let dir = std::env::temp_dir().join(format!("vnuma-planner-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    for format in ["json", "text"] {
        let start = Instant::now();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_vnuma-planner"))
            .args([
                "cluster",
                "--dir",
                dir.to_str().unwrap(),
                "--capacity-vcpus",
                "16",
                "--format",
                format,
            ])
            .output()
            .unwrap();
        let took = start.elapsed().as_secs_f64() * 1e3;
        assert!(out.status.success());
        let what = format!(
            "command, --format {format} ({:.0} MB out)",
            out.stdout.len() as f64 / 1e6
        );
        println!("  {what:<40} {took:>8.0} ms");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
