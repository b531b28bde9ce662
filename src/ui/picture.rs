//! The picture of where the VM lands: the host's NUMA nodes as boxes with
//! their CPUs (reserved, the VM's pod, its emulator thread, free) and a huge
//! page bar (the guest cell's pages against the node's free pages). Drawn
//! from the same placement as the text beside it, which says the same.

use super::state::Planner;
use crate::domain::present::placement_text;
use crate::domain::{Policy, Report};
use crate::i18n::tr;
use crate::trf;
use leptos::prelude::*;

/// Boxes drawn before the rest is summarised: enough for any real host's
/// placement, and a 1024-node host stays light.
const MAX_BOXES: usize = 8;
const BOX_W: u32 = 180;
const BOX_H: u32 = 78;
const GAP: u32 = 10;
const BAR: u32 = 164;

/// One node's box, in SVG units.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NodeBox {
    pub node: u32,
    /// "node 2", with its CPUs when the nodes differ: "node 2, 84 CPUs".
    pub name: String,
    pub x: u32,
    pub y: u32,
    /// CPU bar segments: reserved, the VM's vCPUs, the emulator thread,
    /// free; a node smaller than the largest has a shorter bar.
    pub cpus: [u32; 4],
    pub cpu_label: String,
    /// Huge page bar: free pages and the cell's need, on one scale.
    pub pages: Option<(u32, u32, bool)>,
    pub page_label: String,
}

/// The boxes for `policy`: the VM's nodes first, then others up to
/// `MAX_BOXES`, and how many nodes are left out.
pub fn boxes(report: &Report, policy: Policy) -> (Vec<NodeBox>, u32) {
    let (host, vm) = (&report.scenario.host, &report.scenario.vm);
    let placement = report.verdicts[policy].placement.as_ref();
    let shares = placement.map_or(&[][..], |p| &p.nodes[..]);
    // The VM's nodes, and the lowest others up to MAX_BOXES, in id order.
    let used: Vec<u32> = shares.iter().map(|s| s.node).take(MAX_BOXES).collect();
    let mut spare = MAX_BOXES - used.len();
    let mut order = Vec::with_capacity(MAX_BOXES);
    for node in 0..host.numa_nodes() {
        if order.len() == MAX_BOXES {
            break;
        }
        if used.contains(&node) {
            order.push(node);
        } else if spare > 0 {
            spare -= 1;
            order.push(node);
        }
    }
    let c = host.cpus_per_node().max(1);
    let reserved = host.reserved_cpus();
    let free = host.free_hugepages();
    let size = vm.hugepage_size().map_or("", |s| s.code());
    let scale = |n: u32| (u64::from(n) * u64::from(BAR) / u64::from(c)) as u32;
    let list = order
        .iter()
        .enumerate()
        .map(|(i, &node)| {
            let share = shares.iter().position(|s| s.node == node);
            let r = reserved[node as usize];
            let own = host.node_cpus()[node as usize];
            let pod = share.map_or(0, |j| shares[j].cpus);
            let vcpus = share.map_or(0, |j| shares[j].vcpus);
            // The rest of the pod's CPUs hold its emulator and IO threads.
            let emulator = pod - vcpus;
            let segments = [scale(r), scale(vcpus), scale(emulator)];
            let used: u32 = segments.iter().sum();
            let cell = share.map(|j| shares[..j].iter().filter(|s| s.vcpus > 0).count());
            let cpu_label = match (share, cell) {
                (Some(_), Some(j)) if vcpus > 0 => {
                    trf!(
                        "cell {j}: {pod} of {free} CPUs, {r} reserved",
                        j = j,
                        pod = pod,
                        free = own - r,
                        r = r
                    )
                }
                (Some(_), _) => trf!(
                    "no guest cell: {pod} of {free} CPUs for the emulator or IO threads, {r} reserved",
                    pod = pod,
                    free = own - r,
                    r = r
                ),
                _ => trf!("{free} CPUs free, {r} reserved", free = own - r, r = r),
            };
            let need = share.and_then(|j| shares[j].pages);
            let have = free.as_ref().map(|f| f[node as usize]);
            let pages = match (need, have) {
                (None, None) => None,
                (need, have) => {
                    let (need, have) = (need.unwrap_or(0), have.unwrap_or(0));
                    let top = need.max(have).max(1);
                    let w = |n: u64| (n * u64::from(BAR) / top) as u32;
                    Some((w(have), w(need), need > have && free.is_some()))
                }
            };
            let page_label = match (need, have) {
                (Some(n), Some(h)) => trf!("{n} x {size} needed, {h} free", n = n, size = size, h = h),
                (Some(n), None) => trf!("{n} x {size} needed", n = n, size = size),
                (None, Some(h)) => trf!("{h} x {size} free", h = h, size = size),
                (None, None) => String::new(),
            };
            NodeBox {
                node,
                name: if host.is_uneven() {
                    trf!("node {node}, {own} CPUs", node = node, own = own)
                } else {
                    trf!("node {node}", node = node)
                },
                x: (i as u32 % 2) * (BOX_W + GAP),
                y: (i as u32 / 2) * (BOX_H + GAP),
                cpus: [
                    segments[0],
                    segments[1],
                    segments[2],
                    scale(own).saturating_sub(used),
                ],
                cpu_label,
                pages,
                page_label,
            }
        })
        .collect::<Vec<_>>();
    let hidden = host.numa_nodes() - list.len() as u32;
    (list, hidden)
}

/// The drawing's `viewBox` for `drawn` boxes, two to a row.
pub fn view_box(drawn: usize) -> String {
    let rows = drawn.div_ceil(2) as u32;
    format!("0 0 {} {}", 2 * BOX_W + GAP, rows * (BOX_H + GAP))
}

/// The CPU bar's parts, in their order along the bar.
const CPU_PARTS: [&str; 4] = ["reserved", "vm", "emulator", "free"];

/// One node's box: its name, the CPU bar and its label, the huge page bar
/// and its label. Every value is a number or the planner's own label.
fn node_box(b: NodeBox) -> impl IntoView {
    let mut x = 8;
    let bar = b
        .cpus
        .into_iter()
        .zip(CPU_PARTS)
        .map(|(width, part)| {
            let at = x;
            x += width;
            view! { <rect class=part data-part=part x=at y="22" width=width height="12" /> }
        })
        .collect_view();
    let pages = b.pages.map(|(have, need, short)| {
        view! {
            <rect class="pages-free" data-part="pages-free" x="8" y="48" width=have height="8" />
            <rect
                class=if short { "pages-need short" } else { "pages-need" }
                data-part="pages-need"
                x="8"
                y="47"
                width=need
                height="10"
            />
        }
    });
    view! {
        <g data-node=b.node transform=format!("translate({} {})", b.x, b.y)>
            <rect class="node" width=BOX_W height=BOX_H rx="6" />
            <text x="8" y="16" class="node-name">
                {b.name}
            </text>
            {bar}
            <text x="8" y="44" class="label">
                {b.cpu_label}
            </text>
            {pages}
            <text x="8" y="70" class="label">
                {b.page_label}
            </text>
        </g>
    }
}

/// The picture for the chosen policy, or the one picked beside it.
#[component]
pub fn PlacementPicture(planner: Planner) -> impl IntoView {
    let picked = RwSignal::new(Policy::None);
    let shown = move || planner.policy().unwrap_or(picked.get());
    // The boxes and how many nodes are left out; a box that stays the same
    // keeps its shapes.
    let drawn = Memo::new(move |_| planner.report(|r| boxes(r, shown())));
    let hidden = move || drawn.with(|d| d.1);
    let choices = Policy::ALL.map(|p| {
        view! {
            <label>
                <input
                    type="radio"
                    name="picture-policy"
                    value=p.code()
                    prop:checked=move || shown() == p
                    on:change=move |_| picked.set(p)
                />
                {p.code()}
            </label>
        }
    });
    view! {
        <section class="picture" aria-labelledby="picture-title" data-policy=move || shown().code()>
            <h3 id="picture-title">{tr("Where the VM lands")}</h3>
            <div class="picture-policies" role="radiogroup" aria-label=tr("Policy shown") hidden=move || planner.policy().is_some()>
                {choices}
            </div>
            <div class="picture-drawing">
                <svg
                    viewBox=move || drawn.with(|d| view_box(d.0.len()))
                    role="img"
                    aria-labelledby="picture-text"
                    data-nodes-drawn=move || drawn.with(|d| d.0.len())
                >
                    <For each=move || drawn.get().0 key=|b| b.clone() let(b)>
                        {node_box(b)}
                    </For>
                </svg>
            </div>
            <p class="picture-more" hidden=move || hidden() == 0>
                {hidden} {tr(" more NUMA nodes not drawn.")}
            </p>
            <p id="picture-text" class="picture-text">
                {move || planner.report(|r| placement_text(r, shown()))}
            </p>
            <p class="picture-key" aria-hidden="true">
                <span class="key reserved"></span>{tr("reserved ")} <span class="key vm"></span>{tr("the VM's vCPUs ")}
                <span class="key emulator"></span>{tr("emulator thread ")} <span class="key pages-free"></span>
                {tr("free huge pages ")} <span class="key pages-need"></span>{tr("the cell's pages")}
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Field, ScenarioInput};

    fn report(more: impl FnOnce(&mut ScenarioInput)) -> Report {
        let mut input = ScenarioInput::default();
        more(&mut input);
        Report::new(input.parse().unwrap())
    }

    #[test]
    fn the_vms_node_shows_its_cpus_and_its_cells_pages() {
        let r = report(|i| {
            i.set_text(Field::Vcpus, "40".into());
            i.vm.isolate_emulator_thread = true;
            i.set_text(Field::Memory, "9Gi".into());
            i.vm.hugepage_size = Some(crate::domain::HugepageSize::OneGi);
            i.set_text(Field::FreeHugepages, "4,10".into());
        });
        let (list, hidden) = boxes(&r, Policy::BestEffort);
        assert_eq!((list.len(), hidden), (2, 0));
        // The kubelet takes node 1 whole, then 9 of node 0's 31 (P8);
        // KubeVirt pins vCPUs from node 0 up: 9 there, 31 + the emulator
        // thread on node 1.
        assert_eq!(list[0].cpu_label, "cell 0: 9 of 31 CPUs, 1 reserved");
        assert_eq!(list[1].cpu_label, "cell 1: 32 of 32 CPUs, 0 reserved");
        assert!(
            list[1].cpus[2] > 0,
            "the emulator thread is drawn on the last node"
        );
        assert_eq!(list[0].page_label, "5 x 1Gi needed, 4 free");
        assert_eq!(list[0].pages.map(|p| p.2), Some(true), "short of pages");
        assert_eq!(list[1].pages.map(|p| p.2), Some(false));
        for b in &list {
            assert_eq!(b.cpus.iter().sum::<u32>(), BAR, "the bar is full width");
        }
    }

    #[test]
    fn uneven_nodes_each_show_their_own_cpus() {
        let r = report(|i| {
            i.host.set_mode(crate::domain::HostMode::AsBought);
            i.set_text(Field::ThreadsPerCore, "2".into());
            i.set_text(Field::CoresPerSocket, "128".into());
            i.set_text(Field::NodesPerSocket, "3".into());
            i.set_text(Field::Vcpus, "8".into());
        });
        let (list, _) = boxes(&r, Policy::None);
        let names: Vec<&str> = list.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "node 0, 86 CPUs",
                "node 1, 86 CPUs",
                "node 2, 84 CPUs",
                "node 3, 86 CPUs",
                "node 4, 86 CPUs",
                "node 5, 84 CPUs"
            ]
        );
        assert_eq!(list[2].cpu_label, "84 CPUs free, 0 reserved");
        // The smaller node's bar is shorter by its 2 CPUs in 86.
        let width = |b: &NodeBox| b.cpus.iter().sum::<u32>();
        assert_eq!((width(&list[1]), width(&list[2])), (BAR, BAR * 84 / 86));
    }

    #[test]
    fn a_huge_host_is_summarised() {
        let r = report(|i| {
            i.set_text(Field::NumaNodes, "1024".into());
            i.set_text(Field::CpusPerNode, "4".into());
        });
        let (list, hidden) = boxes(&r, Policy::None);
        assert_eq!((list.len(), hidden), (MAX_BOXES, 1024 - MAX_BOXES as u32));
        assert_eq!(view_box(list.len()), "0 0 370 352");
        assert_eq!(view_box(3), "0 0 370 176", "two boxes to a row");
    }
}
