use super::state::Planner;
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
    let bounds = move || planner.report(|r| r.boundaries);
    let vcpus = move || planner.report(|r| r.scenario.vm.vcpus());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_percentages_with_two_decimals() {
        assert_eq!(percent(1, 3), "33.33%");
        assert_eq!(percent(64, 64), "100.00%");
        assert_eq!(percent(0, 0), "0.00%");
        // 2 x 32: small is 1-15, left edge 0, width 15/64.
        assert_eq!(span(Some((1, 15)), 64), "left:0.00%;width:23.43%");
        assert_eq!(span(Some((17, 32)), 64), "left:25.00%;width:25.00%");
        assert_eq!(span(None, 64), "display:none");
    }
}
