//! Prints how fast the planner's native paths are; numbers, not assertions.
//! Run with `bash scripts/bench.sh` (or `cargo bench --bench planner`).

fn main() {
    use std::hint::black_box;
    use std::time::Instant;
    use vnuma_planner::domain::{
        works_for_vcpus, Field, HugepageSize, Policy, Report, ScenarioInput,
    };
    use vnuma_planner::form::FormState;
    use vnuma_planner::import::{import_host, import_vm};
    use vnuma_planner::share::{decode, encode, ViewState};

    fn per_op(name: &str, runs: u32, mut f: impl FnMut(u32)) {
        let start = Instant::now();
        for i in 0..runs {
            f(i);
        }
        let ns = start.elapsed().as_nanos() as f64 / f64::from(runs);
        println!("{name:<44} {ns:>12.0} ns/op  ({runs} runs)");
    }

    per_op("classify + outcomes + advisories", 200_000, |i| {
        let input = ScenarioInput::default().with_vcpus((1 + i % 80).to_string());
        black_box(Report::new(black_box(input.parse().unwrap())));
    });
    let huge = {
        let mut input = ScenarioInput::default()
            .with(Field::NumaNodes, "1024")
            .with(Field::CpusPerNode, "64")
            .with(Field::Memory, "16Gi")
            .with(Field::FreeHugepages, vec!["16"; 1024].join(","));
        input.vm.hugepage_size = Some(HugepageSize::OneGi);
        input
    };
    per_op("report on a 1024-node host with huge pages", 2_000, |i| {
        let input = huge.clone().with_vcpus((1 + i % 4000).to_string());
        black_box(Report::new(black_box(input.parse().unwrap())));
    });
    let wide = huge
        .clone()
        .with(Field::NumaNodes, "1024")
        .with(Field::CpusPerNode, "16");
    for (name, input, runs) in [
        (
            "vCPU counts that work, 4 policies, 2 x 32",
            ScenarioInput::default(),
            20_000,
        ),
        ("vCPU counts that work, 4 policies, 1024 x 16", wide, 500),
    ] {
        let scenario = input.parse().unwrap();
        per_op(name, runs, |_| {
            for p in Policy::ALL {
                black_box(works_for_vcpus(black_box(&scenario), p));
            }
        });
    }
    let form = FormState::default();
    let query = encode(&form, &ViewState::default());
    per_op("permalink encode + decode", 200_000, |_| {
        black_box(decode(&encode(black_box(&form), &ViewState::default())));
    });
    per_op("permalink decode", 200_000, |_| {
        black_box(decode(black_box(&query)));
    });
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    let read = |p: &str| std::fs::read_to_string(format!("{dir}{p}")).unwrap();
    let vm = read("vm/vm-numa-topology.yaml");
    let lscpu = read("host/lscpu-2socket-smt.txt");
    let nrt = read("host/noderesourcetopology.yaml");
    per_op("import VirtualMachine YAML", 20_000, |_| {
        black_box(import_vm(black_box(&vm), None).unwrap());
    });
    per_op("import lscpu", 20_000, |_| {
        black_box(import_host(&[black_box(&lscpu)]).unwrap());
    });
    per_op("import NodeResourceTopology YAML", 20_000, |_| {
        black_box(import_host(&[black_box(&nrt)]).unwrap());
    });
    // Lines that would each rescan a growing part if splitting were not linear.
    let rescans = format!("x: 1\n{}", "kind: x\n".repeat(1 << 14));
    per_op(
        "import host, 2^14 lines that could each start a part",
        5,
        |_| {
            let _ = black_box(import_host(&[black_box(&rescans)]));
        },
    );
}
