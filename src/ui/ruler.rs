use super::app::Planner;
use crate::domain::SizeBoundaries;
use leptos::prelude::*;

/// `part / whole` as a CSS percentage with two decimals. Integer arithmetic:
/// float formatting would add kilobytes to the wasm.
fn percent(part: u64, whole: u32) -> String {
    let hundredths = part * 10_000 / u64::from(whole.max(1));
    format!("{}.{:02}%", hundredths / 100, hundredths % 100)
}

/// Left edge and width, as CSS, of vCPU counts `lo..=hi` on the host's bar.
fn span(b: &SizeBoundaries, lo: u32, hi: u32) -> String {
    let left = percent(lo.saturating_sub(1).into(), b.host_cpus);
    let width = percent(u64::from(hi.saturating_sub(lo)) + 1, b.host_cpus);
    format!("left:{left};width:{width}")
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
                    // The marker sits in the middle of the VM's vCPU slot.
                    let marker = if beyond {
                        "left:100%".to_string()
                    } else {
                        format!("left:{}", percent(u64::from(v) * 2 - 1, b.host_cpus * 2))
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
