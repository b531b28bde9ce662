//! Properties of classification and input parsing over arbitrary inputs.

use proptest::prelude::*;
use vnuma_planner::domain::{
    parse_count, Field, Report, ScenarioInput, SizeClass, Status, VcpuInput,
};

proptest! {
    #[test]
    fn classification_never_panics_and_matches_the_inequalities(v: u64, c: u64, n: u64) {
        let class = SizeClass::classify(v, c, n);
        let (v, c, t) = (v as u128, c as u128, c as u128 * n as u128);
        let expected = if v > t {
            SizeClass::ExceedsHost
        } else if c < v {
            SizeClass::ExtraLarge
        } else if 2 * v > c {
            SizeClass::Large
        } else if 2 * v == c {
            SizeClass::HalfBoundary
        } else {
            SizeClass::Small
        };
        prop_assert_eq!(class, expected);
    }

    #[test]
    fn more_vcpus_never_make_a_smaller_class(v in 0u64..1_000_000, extra in 0u64..1_000_000, c: u32, n: u32) {
        let a = SizeClass::classify(v, c.into(), n.into());
        let b = SizeClass::classify(v + extra, c.into(), n.into());
        prop_assert!(a <= b, "{:?} then {:?}", a, b);
    }

    #[test]
    fn any_text_parses_or_names_the_field(text in ".{0,40}") {
        for field in Field::ALL {
            match parse_count(field, &text) {
                Ok(value) => {
                    let (min, max) = field.bounds();
                    prop_assert!((min..=max).contains(&value));
                }
                Err(e) => {
                    prop_assert_eq!(e.field, field);
                    prop_assert!(e.message.starts_with(field.label()));
                }
            }
        }
    }

    #[test]
    fn any_scenario_text_gives_a_report_or_errors(
        n in "[0-9]{0,6}", c in "[0-9]{0,6}", v in "-?[0-9]{0,8}", t in "[0-9]{0,2}",
        m in "[0-9]{0,6}", emulator: bool,
    ) {
        let input = ScenarioInput {
            numa_nodes: n, cpus_per_node: c, threads_per_core: t,
            vcpus: VcpuInput::Count(v), max_sockets: m, isolate_emulator_thread: emulator, ..ScenarioInput::default()
        };
        match input.parse() {
            Ok(scenario) => {
                let report = Report::new(scenario);
                let beyond = report.size.class == SizeClass::ExceedsHost;
                for (policy, cell) in report.outcomes.iter() {
                    prop_assert_eq!(cell.policy, policy);
                    prop_assert_eq!(cell.status == Status::Unschedulable, beyond);
                }
            }
            Err(errors) => prop_assert!(!errors.is_empty()),
        }
    }
}
