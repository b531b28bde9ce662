//! What KubeVirt's API refuses before any pod exists: a VM it rejects never
//! reaches the scheduler or the kubelet, so each of these checks fails as
//! `rejected`. Explained with their sources in `docs/rules.md` ("What
//! KubeVirt's API rejects").

use super::admission::Check;
use super::codes::{CheckCode, CheckResult, HugepageSize, Verdict};
use super::memory::format_bytes;
use super::source::Source;
use super::vm::{VcpuSpec, Vm};
use crate::trf;

/// Where a VM keeps its domain; the API's messages name fields below it.
const DOMAIN: &str = "spec.template.spec.domain";

/// The most guest threads per core KubeVirt accepts with dedicated CPUs
/// (on x86; arm64 accepts 1).
const MAX_DEDICATED_THREADS: u32 = 2;

/// The API's checks of the VM that do not depend on the host or the policy:
/// fields set beside an instance type, and with dedicated CPUs the CPU
/// request against the limit and the guest threads per core. The huge page
/// multiple (`hugepage_multiple`) runs with the memory checks.
pub(super) fn api_checks(vm: &Vm) -> Vec<Check> {
    let mut out: Vec<Check> = instancetype_conflict(vm).into_iter().collect();
    if vm.dedicated_cpus() {
        out.extend(cpu_requests_equal_limits(vm));
        out.extend(dedicated_threads(vm));
    }
    out
}

fn check(code: CheckCode, fails: bool, message: String, source: &'static Source) -> Check {
    Check {
        code,
        result: if fails {
            CheckResult::Fail
        } else {
            CheckResult::Pass
        },
        fails_as: if fails {
            Verdict::Rejected
        } else {
            Verdict::Works
        },
        message,
        source,
    }
}

/// A VM that names an instance type may not set what the instance type
/// decides; only a failure is reported (a VM without one has nothing to check).
fn instancetype_conflict(vm: &Vm) -> Option<Check> {
    let conflicts = vm.manifest().instancetype_conflicts;
    if conflicts.is_empty() {
        return None;
    }
    let fields: Vec<String> = conflicts
        .fields()
        .map(|f| format!("{DOMAIN}.{}", f.code()))
        .collect();
    let message = if fields.len() == 1 {
        trf!(
            "The VM names an instance type and also sets {field}, which the instance type decides: KubeVirt's API refuses to create the VM (\"conflicts with selected instance type\"). Remove it from the VM, or choose another instance type.",
            field = fields[0]
        )
    } else {
        trf!(
            "The VM names an instance type and also sets {fields}, which the instance type decides: KubeVirt's API refuses to create the VM (\"conflicts with selected instance type\"). Remove them from the VM, or choose another instance type.",
            fields = join_and(&fields)
        )
    };
    Some(check(
        CheckCode::InstancetypeConflict,
        true,
        message,
        &Source::KUBEVIRT_INSTANCETYPE_CONFLICTS,
    ))
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => trf!("{items} and {last}", items = rest.join(", "), last = last),
    }
}

/// With dedicated CPUs the API compares the CPU request with the limit when
/// both are set (as whole CPUs, rounded up) and wants whole CPUs.
fn cpu_requests_equal_limits(vm: &Vm) -> Option<Check> {
    let manifest = vm.manifest();
    let (request, limit) = (manifest.cpu_request?, manifest.cpu_limit?);
    if request.as_millis() == 0 || limit.as_millis() == 0 {
        return None;
    }
    let whole = request.is_whole() && limit.is_whole();
    let fails = request.value() != limit.value() || !whole;
    let (r, l) = (
        format!("{DOMAIN}.resources.requests.cpu"),
        format!("{DOMAIN}.resources.limits.cpu"),
    );
    let message = if !fails {
        trf!(
            "{request_field} and {limit_field} are both {request}, as dedicated CPUs need.",
            request_field = r,
            limit_field = l,
            request = request
        )
    } else if request != limit {
        if whole {
            trf!(
                "{request_field} is {request} but {limit_field} is {limit}: with dedicatedCpuPlacement KubeVirt's API accepts them only when they are equal, so it refuses to create the VM. Give both the same whole number of CPUs.",
                request_field = r,
                request = request,
                limit_field = l,
                limit = limit
            )
        } else {
            trf!(
                "{request_field} is {request} but {limit_field} is {limit}: with dedicatedCpuPlacement KubeVirt's API accepts them only when they are equal whole numbers, so it refuses to create the VM. Give both the same whole number of CPUs.",
                request_field = r,
                request = request,
                limit_field = l,
                limit = limit
            )
        }
    } else {
        trf!(
            "{request_field} and {limit_field} are {request}, not a whole number of CPUs: with dedicatedCpuPlacement KubeVirt's API refuses to create the VM. Give both the same whole number of CPUs.",
            request_field = r,
            limit_field = l,
            request = request
        )
    };
    Some(check(
        CheckCode::CpuRequestsEqualLimits,
        fails,
        message,
        &Source::KUBEVIRT_DEDICATED_CPU_ADMITTER,
    ))
}

/// With dedicated CPUs the API accepts at most 2 guest threads per core;
/// said only for a topology with more than one thread.
fn dedicated_threads(vm: &Vm) -> Option<Check> {
    let VcpuSpec::Topology { threads, .. } = vm.spec() else {
        return None;
    };
    if threads < 2 {
        return None;
    }
    let fails = threads > MAX_DEDICATED_THREADS;
    let message = if fails {
        trf!(
            "The guest has {threads} threads per core ({domain}.cpu.threads): with dedicatedCpuPlacement KubeVirt's API accepts at most {most} (1 on arm64), so it refuses to create the VM. Give the guest 1 or 2 threads per core and more cores instead.",
            threads = threads,
            domain = DOMAIN,
            most = MAX_DEDICATED_THREADS
        )
    } else {
        trf!(
            "{threads} guest threads per core: within the {most} KubeVirt's API accepts with dedicated CPUs (on arm64 it accepts 1).",
            threads = threads,
            most = MAX_DEDICATED_THREADS
        )
    };
    Some(check(
        CheckCode::DedicatedThreads,
        fails,
        message,
        &Source::KUBEVIRT_DEDICATED_CPU_ADMITTER,
    ))
}

/// M1: the guest memory is at least one page and a whole number of pages,
/// and so is the memory request when the manifest gives it beside the
/// guest memory (the API reads the request, the launcher the guest memory).
pub(super) fn hugepage_multiple(vm: &Vm, memory: u64, size: HugepageSize) -> Check {
    let page = size.bytes();
    let whole = |bytes: u64| bytes >= page && bytes.is_multiple_of(page);
    let request = vm.manifest().memory_request;
    let request_whole = request.is_none_or(whole);
    let request_field = format!("{DOMAIN}.resources.requests.memory");
    let (fails, message) = match (whole(memory), request) {
        (true, None) => (
            false,
            trf!(
                "{memory} of guest memory is {pages} pages of {size}.",
                memory = format_bytes(memory),
                pages = memory / page,
                size = size
            ),
        ),
        (true, Some(r)) if request_whole => (
            false,
            trf!(
                "{memory} of guest memory is {pages} pages of {size}, and the memory request, {request}, is {request_pages} pages.",
                memory = format_bytes(memory),
                pages = memory / page,
                size = size,
                request = format_bytes(r),
                request_pages = r / page
            ),
        ),
        (true, Some(r)) => (
            true,
            trf!(
                "{request_field} is {request}, not a whole number of {size} pages (at least one): KubeVirt's API checks the request and rejects the VM, although the guest memory, {memory}, is {pages} pages.",
                request_field = request_field,
                request = format_bytes(r),
                size = size,
                memory = format_bytes(memory),
                pages = memory / page
            ),
        ),
        (false, request) => (
            true,
            match request {
                Some(r) if !request_whole => trf!(
                    "{memory} of guest memory is not a whole number of {size} pages (at least one): KubeVirt's API rejects the VM. Neither is {request_field}, {request}.",
                    memory = format_bytes(memory),
                    size = size,
                    request_field = request_field,
                    request = format_bytes(r)
                ),
                _ => trf!(
                    "{memory} of guest memory is not a whole number of {size} pages (at least one): KubeVirt's API rejects the VM.",
                    memory = format_bytes(memory),
                    size = size
                ),
            },
        ),
    };
    check(
        CheckCode::HugepageMultiple,
        fails,
        message,
        &Source::KUBEVIRT_VMI_ADMITTER,
    )
}
