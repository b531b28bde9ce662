use super::app::Planner;
use crate::domain::SizeBoundaries;
use leptos::prelude::*;

/// Left edge and width, in percent of the host, of vCPU counts `lo..=hi`.
fn span(b: &SizeBoundaries, lo: u32, hi: u32) -> String {
    let total = f64::from(b.host_cpus.max(1));
    let left = f64::from(lo.saturating_sub(1)) / total * 100.0;
    let width = f64::from(hi.saturating_sub(lo) + 1) / total * 100.0;
    format!("left:{left:.4}%;width:{width:.4}%")
}

/// A bar from 1 to the host's CPUs: the class ranges, the half point and a
/// marker at the VM.
#[component]
pub fn Ruler(planner: Planner) -> impl IntoView {
    view! {
        {move || {
            planner
                .report
                .get()
                .map(|r| {
                    let b = r.boundaries;
                    let v = r.scenario.vm.vcpus();
                    let beyond = v > b.host_cpus;
                    let marker = if beyond {
                        "left:100%".to_string()
                    } else {
                        let total = f64::from(b.host_cpus.max(1));
                        format!("left:{:.4}%", (f64::from(v) - 0.5) / total * 100.0)
                    };
                    let label = format!(
                        "Size ranges on this host: {}. This VM: {v} vCPUs.",
                        b.describe(),
                    );
                    view! {
                        <div class="ruler" role="img" aria-label=label>
                            <div class="ruler-bar">
                                {b.small_max
                                    .map(|m| {
                                        view! {
                                            <span class="seg seg-small" style=span(&b, 1, m)>
                                                "small"
                                            </span>
                                        }
                                    })}
                                {b.half
                                    .map(|h| {
                                        view! {
                                            <span
                                                class="seg seg-half"
                                                style=span(&b, h, h)
                                                title="exactly half: undefined"
                                            ></span>
                                        }
                                    })}
                                <span class="seg seg-large" style=span(&b, b.large.0, b.large.1)>
                                    "large"
                                </span>
                                {b.extra_large
                                    .map(|(lo, hi)| {
                                        view! {
                                            <span class="seg seg-xl" style=span(&b, lo, hi)>
                                                "extra large"
                                            </span>
                                        }
                                    })}
                                <span
                                    class="marker"
                                    class:beyond=beyond
                                    style=marker
                                    data-vcpus=v
                                ></span>
                            </div>
                            <div class="ruler-scale" aria-hidden="true">
                                <span>"1"</span>
                                <span>{format!("node: {}", b.large.1)}</span>
                                <span>{format!("host: {}", b.host_cpus)}</span>
                            </div>
                        </div>
                    }
                })
        }}
    }
}
