//! Properties of classification and input parsing over arbitrary inputs.
//! The size classes are checked by what they must be (ordered, one
//! interval each, the boundaries the domain reports), not by a copy of
//! their definition.

use proptest::prelude::*;
use vnuma_planner::domain::{
    parse_count, Field, Report, ScenarioInput, SizeBoundaries, SizeClass, Status, TableSize,
};

/// The class of `v` vCPUs on `n` nodes of `c` CPUs, read from the ranges
/// the domain reports for that host (what the ruler and the text show).
fn class_from_boundaries(b: &SizeBoundaries, v: u32) -> SizeClass {
    let within = |r: Option<(u32, u32)>| r.is_some_and(|(lo, hi)| (lo..=hi).contains(&v));
    if v > b.host_cpus {
        SizeClass::ExceedsHost
    } else if b.half == Some(v) {
        SizeClass::HalfBoundary
    } else if within(b.range_of(TableSize::Small)) {
        SizeClass::Small
    } else if within(b.range_of(TableSize::Large)) {
        SizeClass::Large
    } else if within(b.range_of(TableSize::ExtraLarge)) {
        SizeClass::ExtraLarge
    } else {
        panic!("{v} vCPUs fall in no range of {b:?}")
    }
}

/// Each class's vCPU counts from 1 to one past the host, as (first, last);
/// `None` for a class no count has.
fn intervals(c: u32, n: u32) -> Vec<(SizeClass, Option<(u32, u32)>)> {
    let t = c * n;
    SizeClass::ALL
        .into_iter()
        .map(|class| {
            let counts: Vec<u32> = (1..=t + 1)
                .filter(|&v| SizeClass::classify(v.into(), c.into(), n.into()) == class)
                .collect();
            let span = counts.first().zip(counts.last()).map(|(a, b)| (*a, *b));
            if let Some((first, last)) = span {
                // One interval: as many counts as the span holds.
                assert_eq!(
                    counts.len() as u32,
                    last - first + 1,
                    "{class:?} on {n} x {c}"
                );
            }
            (class, span)
        })
        .collect()
}

proptest! {
    #[test]
    fn classification_never_panics(v: u64, c: u64, n: u64) {
        let class = SizeClass::classify(v, c, n);
        prop_assert!(SizeClass::ALL.contains(&class));
    }

    /// A larger VM never gets a smaller class (the classes are ordered
    /// small, half, large, extra large, beyond the host).
    #[test]
    fn more_vcpus_never_make_a_smaller_class(v in 0u64..1_000_000, extra in 0u64..1_000_000, c: u32, n: u32) {
        let a = SizeClass::classify(v, c.into(), n.into());
        let b = SizeClass::classify(v + extra, c.into(), n.into());
        prop_assert!(a <= b, "{:?} then {:?}", a, b);
    }

    /// Each class is one interval of vCPU counts, the intervals follow each
    /// other in the classes' order without a gap, and they are the ranges
    /// the domain reports for the host.
    #[test]
    fn classes_are_contiguous_and_agree_with_the_boundaries(c in 1u32..=64, n in 1u32..=8) {
        let b = SizeBoundaries::new(c, n);
        let spans = intervals(c, n);
        let mut next = 1;
        for (class, span) in &spans {
            if let Some((first, last)) = span {
                prop_assert_eq!(*first, next, "{:?} on {} x {}", class, n, c);
                next = last + 1;
            }
        }
        prop_assert_eq!(next, c * n + 2);
        let span = |class: SizeClass| spans.iter().find(|(k, _)| *k == class).unwrap().1;
        prop_assert_eq!(span(SizeClass::Small), b.range_of(TableSize::Small));
        prop_assert_eq!(span(SizeClass::HalfBoundary), b.half.map(|h| (h, h)));
        prop_assert_eq!(span(SizeClass::Large), b.range_of(TableSize::Large));
        prop_assert_eq!(span(SizeClass::ExtraLarge), b.range_of(TableSize::ExtraLarge));
        prop_assert_eq!(span(SizeClass::ExceedsHost), Some((c * n + 1, c * n + 1)));
    }

    /// On hosts within the inputs' bounds, any vCPU count's class is the one
    /// the reported boundaries give it.
    #[test]
    fn any_count_on_any_host_agrees_with_the_boundaries(
        c in 1u32..=4096, n in 1u32..=1024, pick in 0.0f64..1.0,
    ) {
        let b = SizeBoundaries::new(c, n);
        let v = 1 + ((f64::from(c * n) * pick) as u32);
        prop_assert_eq!(
            SizeClass::classify(v.into(), c.into(), n.into()),
            class_from_boundaries(&b, v)
        );
    }

    /// Exactly half a node is its own class when the node's CPUs are even,
    /// and no count is when they are odd; one less is small, one more large.
    #[test]
    fn exactly_half_a_node(c in 1u32..=4096, n in 1u32..=1024) {
        let class = |v: u32| SizeClass::classify(v.into(), c.into(), n.into());
        if c.is_multiple_of(2) {
            prop_assert_eq!(class(c / 2), SizeClass::HalfBoundary);
            prop_assert_eq!(class(c / 2 + 1), SizeClass::Large);
            if c > 2 {
                prop_assert_eq!(class(c / 2 - 1), SizeClass::Small);
            }
            prop_assert_eq!(SizeBoundaries::new(c, n).half, Some(c / 2));
        } else {
            prop_assert_eq!(class(c / 2), SizeClass::Small);
            prop_assert_eq!(class(c / 2 + 1), SizeClass::Large);
            prop_assert_eq!(SizeBoundaries::new(c, n).half, None);
        }
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
        let mut input = ScenarioInput::default()
            .with(Field::NumaNodes, n).with(Field::CpusPerNode, c).with(Field::ThreadsPerCore, t)
            .with_vcpus(v).with(Field::MaxSockets, m);
        input.vm.isolate_emulator_thread = emulator;
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
