//! What KubeVirt's API rejects: `cpu-requests-equal-limits`,
//! `dedicated-threads`, `instancetype-conflict` and `hugepage-multiple` with
//! the memory request. A rejected VM is `rejected` under every policy, with
//! a failing check of the rule's code, whatever the document says.

use proptest::prelude::*;
use vnuma_planner::domain::{
    CheckCode, CheckResult, CpuQuantity, Field, HugepageSize, InstancetypeConflicts,
    InstancetypeField, ManifestFacts, Policy, Report, ScenarioInput, Verdict,
};

const GI: u64 = 1 << 30;
const MI: u64 = 1 << 20;

/// The default 2 x 32 host and 24 vCPU VM, with `more` applied.
fn report(more: impl FnOnce(&mut ScenarioInput)) -> Report {
    let mut input = ScenarioInput::default();
    more(&mut input);
    Report::new(input.parse().unwrap())
}

/// The check of `code` under `policy`, when there is one.
fn check(r: &Report, policy: Policy, code: CheckCode) -> Option<(CheckResult, Verdict, String)> {
    r.verdicts[policy]
        .checks
        .iter()
        .find(|c| c.code == code)
        .map(|c| (c.result, c.fails_as, c.message.clone()))
}

/// Every policy's verdict.
fn verdicts(r: &Report) -> Vec<Verdict> {
    Policy::ALL.iter().map(|&p| r.verdicts[p].verdict).collect()
}

fn cpus(text: &str) -> Option<CpuQuantity> {
    Some(CpuQuantity::parse(text).unwrap())
}

/// Request, limit -> does the API reject the VM (with dedicated CPUs)?
#[test]
fn cpu_request_and_limit_must_be_the_same_whole_number() {
    for (request, limit, rejected, says) in [
        (
            "8",
            "12",
            true,
            "requests.cpu is 8 but spec.template.spec.domain.resources.limits.cpu is 12",
        ),
        ("12", "12000m", false, "are both 12, as dedicated CPUs need"),
        ("1500m", "2", true, "is 1500m but"),
        (
            "1500m",
            "1500m",
            true,
            "are 1500m, not a whole number of CPUs",
        ),
        ("4", "2", true, "is 4 but"),
    ] {
        let r = report(|i| {
            i.vm.manifest.cpu_request = cpus(request);
            i.vm.manifest.cpu_limit = cpus(limit);
        });
        for policy in Policy::ALL {
            let (result, fails_as, message) =
                check(&r, policy, CheckCode::CpuRequestsEqualLimits).expect("a check");
            assert_eq!(
                result == CheckResult::Fail,
                rejected,
                "{request}/{limit} under {policy}: {message}"
            );
            assert_eq!(
                fails_as,
                if rejected {
                    Verdict::Rejected
                } else {
                    Verdict::Works
                }
            );
            assert!(message.contains(says), "{message}");
        }
        let expected = if rejected {
            vec![Verdict::Rejected; 4]
        } else {
            verdicts(&report(|_| {}))
        };
        assert_eq!(verdicts(&r), expected, "{request}/{limit}");
    }
}

#[test]
fn cpu_requests_are_judged_only_when_both_are_set_and_only_with_dedicated_cpus() {
    let only_request = report(|i| i.vm.manifest.cpu_request = cpus("8"));
    assert_eq!(
        check(
            &only_request,
            Policy::None,
            CheckCode::CpuRequestsEqualLimits
        ),
        None
    );
    let shared = report(|i| {
        i.vm.dedicated_cpus = false;
        i.vm.numa_passthrough = false;
        i.vm.manifest.cpu_request = cpus("8");
        i.vm.manifest.cpu_limit = cpus("12");
    });
    assert_eq!(
        check(&shared, Policy::None, CheckCode::CpuRequestsEqualLimits),
        None
    );
    assert!(verdicts(&shared).iter().all(|&v| v != Verdict::Rejected));
}

/// Guest threads per core -> the check's result (none for a plain count or
/// one thread).
#[test]
fn more_than_two_guest_threads_with_dedicated_cpus_are_rejected() {
    for (threads, result) in [
        ("1", None),
        ("2", Some(CheckResult::Pass)),
        ("3", Some(CheckResult::Fail)),
        ("4", Some(CheckResult::Fail)),
    ] {
        let r = report(|i| *i = i.clone().with_topology("2", "4", threads));
        let found = check(&r, Policy::BestEffort, CheckCode::DedicatedThreads);
        assert_eq!(found.as_ref().map(|c| c.0), result, "threads {threads}");
        if result == Some(CheckResult::Fail) {
            assert_eq!(verdicts(&r), [Verdict::Rejected; 4], "threads {threads}");
            let message = &found.unwrap().2;
            assert!(
                message.contains(&format!("{threads} threads per core")),
                "{message}"
            );
        }
    }
    let count = report(|i| *i = i.clone().with_vcpus("24"));
    assert_eq!(
        check(&count, Policy::None, CheckCode::DedicatedThreads),
        None
    );
    // Shared CPUs may have more threads.
    let shared = report(|i| {
        *i = i.clone().with_topology("1", "2", "4");
        i.vm.dedicated_cpus = false;
        i.vm.numa_passthrough = false;
    });
    assert_eq!(
        check(&shared, Policy::None, CheckCode::DedicatedThreads),
        None
    );
}

#[test]
fn fields_set_beside_an_instance_type_are_rejected_with_or_without_dedicated_cpus() {
    let conflicts: InstancetypeConflicts =
        [InstancetypeField::Sockets, InstancetypeField::GuestMemory]
            .into_iter()
            .collect();
    for dedicated in [true, false] {
        let r = report(|i| {
            i.vm.dedicated_cpus = dedicated;
            i.vm.numa_passthrough = dedicated;
            i.vm.manifest.instancetype_conflicts = conflicts;
        });
        assert_eq!(verdicts(&r), [Verdict::Rejected; 4]);
        let (result, _, message) =
            check(&r, Policy::SingleNumaNode, CheckCode::InstancetypeConflict).unwrap();
        assert_eq!(result, CheckResult::Fail);
        assert!(
            message.contains("also sets spec.template.spec.domain.cpu.sockets and spec.template.spec.domain.memory.guest,"),
            "{message}"
        );
        assert!(message.contains("Remove them"), "{message}");
    }
    let none = report(|_| {});
    assert_eq!(
        check(&none, Policy::None, CheckCode::InstancetypeConflict),
        None
    );
}

/// Guest memory, memory request, page size -> rejected?
#[test]
fn the_memory_request_must_be_whole_pages_too() {
    for (memory, request, page, rejected, says) in [
        (
            "16Gi",
            None,
            "1Gi",
            false,
            "16Gi of guest memory is 16 pages of 1Gi.",
        ),
        (
            "16Gi",
            Some(16 * GI),
            "1Gi",
            false,
            "the memory request, 16Gi, is 16 pages",
        ),
        (
            "16Gi",
            Some(16 * GI + 512 * MI),
            "1Gi",
            true,
            "resources.requests.memory is 16896Mi, not a whole number of 1Gi pages",
        ),
        (
            "16Gi",
            Some(16 * GI + MI),
            "2Mi",
            true,
            "16385Mi, not a whole number of 2Mi pages",
        ),
        (
            "16896Mi",
            Some(17 * GI),
            "1Gi",
            true,
            "16896Mi of guest memory is not a whole number",
        ),
        (
            "16896Mi",
            Some(16 * GI + 512 * MI),
            "1Gi",
            true,
            "Neither is spec.template.spec.domain.resources.requests.memory, 16896Mi.",
        ),
    ] {
        let r = report(|i| {
            i.set_text(Field::Memory, memory.into());
            i.vm.hugepage_size = page.parse::<HugepageSize>().ok();
            i.vm.manifest.memory_request = request;
        });
        for policy in Policy::ALL {
            let (result, _, message) = check(&r, policy, CheckCode::HugepageMultiple).unwrap();
            assert_eq!(
                result == CheckResult::Fail,
                rejected,
                "{memory}/{request:?}: {message}"
            );
            assert!(message.contains(says), "{message}");
        }
        if rejected {
            assert_eq!(verdicts(&r), [Verdict::Rejected; 4], "{memory}/{request:?}");
        }
    }
}

fn facts() -> impl Strategy<Value = ManifestFacts> {
    let cpu = prop::option::of((1u64..=40_000).prop_map(CpuQuantity::millis));
    (
        cpu.clone(),
        cpu,
        prop::option::of((1u64..=64).prop_map(|n| n * 512 * MI)),
        prop::collection::vec(prop::sample::select(InstancetypeField::ALL.to_vec()), 0..3),
    )
        .prop_map(
            |(cpu_request, cpu_limit, memory_request, fields)| ManifestFacts {
                cpu_request,
                cpu_limit,
                memory_request,
                instancetype_conflicts: fields.into_iter().collect(),
            },
        )
}

proptest! {
    /// The API's checks only ever make a verdict worse: the verdict is never
    /// better than the same VM's without the manifest's facts, nor than the
    /// document's status; it is `rejected` exactly when one of them fails.
    #[test]
    fn api_checks_never_turn_a_verdict_better(
        facts in facts(),
        vcpus in 1u32..=70,
        threads in 1u32..=4,
        dedicated in any::<bool>(),
        memory in prop::option::of(1u64..=40),
    ) {
        let base = |input: &mut ScenarioInput| {
            *input = input.clone().with_topology(&vcpus.to_string(), "1", &threads.to_string());
            input.vm.dedicated_cpus = dedicated;
            input.vm.numa_passthrough = dedicated;
            if let Some(gi) = memory {
                input.set_text(Field::Memory, format!("{gi}Gi"));
                input.vm.hugepage_size = Some(HugepageSize::OneGi);
            }
        };
        let Ok(plain) = ({
            let mut input = ScenarioInput::default();
            base(&mut input);
            input.parse()
        }) else {
            return Ok(());
        };
        let plain = Report::new(plain);
        let with = report(|i| {
            base(i);
            i.vm.manifest = facts;
        });
        for policy in Policy::ALL {
            let v = &with.verdicts[policy];
            prop_assert!(v.verdict <= plain.verdicts[policy].verdict);
            prop_assert!(v.verdict <= Verdict::from(with.outcomes[policy].status));
            let api_fails = v.problems().any(|c| c.fails_as == Verdict::Rejected && c.result == CheckResult::Fail);
            prop_assert_eq!(v.verdict == Verdict::Rejected, api_fails);
        }
    }
}
