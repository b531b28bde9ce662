use super::state::Planner;
use crate::domain::{SizeBoundaries, TableSize};
use crate::i18n::tr;
use crate::trf;
use leptos::prelude::*;

/// `part / whole` as a CSS percentage with two decimals. Integer arithmetic:
/// float formatting would add kilobytes to the wasm.
fn percent(part: u64, whole: u32) -> String {
    let hundredths = part * 10_000 / u64::from(whole.max(1));
    format!("{}.{:02}%", hundredths / 100, hundredths % 100)
}

/// Left edge and width, as CSS percentages, of vCPU counts `lo..=hi` on a
/// host of `total` CPUs; `None` when the range is empty on this host.
fn span(range: Option<(u32, u32)>, total: u32) -> Option<(String, String)> {
    range.map(|(lo, hi)| {
        (
            percent(lo.saturating_sub(1).into(), total),
            percent(u64::from(hi.saturating_sub(lo)) + 1, total),
        )
    })
}

/// One band of the ruler. Positions go through the CSSOM (`style:` in
/// Leptos), never a `style` attribute, so a strict CSP allows them.
fn band(
    planner: Planner,
    class: &'static str,
    label: &'static str,
    range: fn(&SizeBoundaries) -> Option<(u32, u32)>,
) -> impl IntoView {
    let at = move || planner.report(|r| span(range(&r.boundaries), r.boundaries.host_cpus));
    view! {
        <span
            class=class
            hidden=move || at().is_none()
            style:left=move || at().map(|a| a.0).unwrap_or_default()
            style:width=move || at().map(|a| a.1).unwrap_or_default()
        >
            <span class="seg-label">{label}</span>
        </span>
    }
}

/// A bar from 1 to the host's CPUs: the class ranges, the half point and a
/// marker at the VM. Static markup; only positions and labels react.
#[component]
pub fn Ruler(planner: Planner) -> impl IntoView {
    let bounds = move || planner.report(|r| r.boundaries);
    let vcpus = move || planner.report(|r| r.scenario.vm.vcpus());
    let beyond = move || vcpus() > bounds().host_cpus;
    // The marker sits in the middle of the VM's vCPU slot.
    let marker = move || {
        if beyond() {
            "100%".to_string()
        } else {
            percent(u64::from(vcpus()) * 2 - 1, bounds().host_cpus * 2)
        }
    };
    // The node label starts at the node's boundary, unless it would run into
    // the labels at the ends: "1" (a host of very many nodes) or the host's
    // CPUs (a host of one node; with two or more the boundary is at most
    // half way).
    let node_at = move || {
        let b = bounds();
        let at = u64::from(b.large.1) * 100 / u64::from(b.host_cpus.max(1));
        (4..=50)
            .contains(&at)
            .then(|| percent(b.large.1.into(), b.host_cpus))
    };
    let label = move || {
        trf!(
            "Size ranges on this host: {ranges}. This VM: {n} vCPUs.",
            ranges = bounds().describe(),
            n = vcpus()
        )
    };
    view! {
        <div class="ruler" role="img" aria-label=move || label()>
            <div class="ruler-bar">
                {band(planner, "seg seg-small", tr("small"), |b| b.range_of(TableSize::Small))}
                {band(planner, "seg seg-half", "", |b| b.half.map(|h| (h, h)))}
                {band(planner, "seg seg-large", tr("large"), |b| b.range_of(TableSize::Large))}
                {band(planner, "seg seg-xl", tr("extra large"), |b| b.range_of(TableSize::ExtraLarge))}
                <span class="marker" class:beyond=move || beyond() style:left=move || marker() data-vcpus=move || vcpus()></span>
            </div>
            <div class="ruler-scale" aria-hidden="true">
                <span>"1"</span>
                <span
                    class="node-label"
                    hidden=move || node_at().is_none()
                    style:left=move || node_at().unwrap_or_default()
                >
                    {move || trf!("node: {n}", n = bounds().large.1)}
                </span>
                <span>{move || trf!("host: {n}", n = bounds().host_cpus)}</span>
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
        let pair = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(span(Some((1, 15)), 64), pair("0.00%", "23.43%"));
        assert_eq!(span(Some((17, 32)), 64), pair("25.00%", "25.00%"));
        assert_eq!(span(None, 64), None);
    }
}
