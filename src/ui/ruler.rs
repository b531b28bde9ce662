use super::app::Planner;
use crate::domain::TableSize;
use leptos::prelude::*;

/// `part / whole` as a CSS percentage with two decimals. Integer arithmetic:
/// float formatting would add kilobytes to the wasm.
fn percent(part: u64, whole: u32) -> String {
    let hundredths = part * 10_000 / u64::from(whole.max(1));
    format!("{}.{:02}%", hundredths / 100, hundredths % 100)
}

/// Left edge and width, as CSS, of vCPU counts `lo..=hi` on a host of `total`
/// CPUs; hidden (`display:none`) when the range is empty on this host.
fn span(range: Option<(u32, u32)>, total: u32) -> String {
    match range {
        Some((lo, hi)) => format!(
            "left:{};width:{}",
            percent(lo.saturating_sub(1).into(), total),
            percent(u64::from(hi.saturating_sub(lo)) + 1, total)
        ),
        None => "display:none".to_string(),
    }
}

/// A bar from 1 to the host's CPUs: the class ranges, the half point and a
/// marker at the VM. Static markup; only positions and labels react.
#[component]
pub fn Ruler(planner: Planner) -> impl IntoView {
    let bounds = move || planner.report.with(|r| r.boundaries);
    let vcpus = move || planner.report.with(|r| r.scenario.vm.vcpus());
    let segment = move |size: TableSize| {
        move || {
            let b = bounds();
            span(b.range_of(size), b.host_cpus)
        }
    };
    let beyond = move || vcpus() > bounds().host_cpus;
    // The marker sits in the middle of the VM's vCPU slot.
    let marker = move || {
        if beyond() {
            "left:100%".to_string()
        } else {
            format!(
                "left:{}",
                percent(u64::from(vcpus()) * 2 - 1, bounds().host_cpus * 2)
            )
        }
    };
    let label = move || {
        format!(
            "Size ranges on this host: {}. This VM: {} vCPUs.",
            bounds().describe(),
            vcpus()
        )
    };
    view! {
        <div class="ruler" role="img" aria-label=label>
            <div class="ruler-bar">
                <span class="seg seg-small" style=segment(TableSize::Small)>
                    "small"
                </span>
                <span
                    class="seg seg-half"
                    style=move || {
                        let b = bounds();
                        span(b.half.map(|h| (h, h)), b.host_cpus)
                    }
                    title="exactly half: undefined"
                ></span>
                <span class="seg seg-large" style=segment(TableSize::Large)>
                    "large"
                </span>
                <span class="seg seg-xl" style=segment(TableSize::ExtraLarge)>
                    "extra large"
                </span>
                <span class="marker" class:beyond=beyond style=marker data-vcpus=vcpus></span>
            </div>
            <div class="ruler-scale" aria-hidden="true">
                <span>"1"</span>
                <span>{move || format!("node: {}", bounds().large.1)}</span>
                <span>{move || format!("host: {}", bounds().host_cpus)}</span>
            </div>
        </div>
    }
}
