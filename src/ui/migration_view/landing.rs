//! The source's guest cells over the target's nodes: one column per cell,
//! the cell above and the node that takes it below; a cell without a node
//! or a node without a cell is marked. The same facts as sentences beside
//! it, for screen readers and for copying.

use crate::domain::Migration;
use crate::i18n::tr;
use crate::trf;
use leptos::prelude::*;

#[component]
pub fn Landings(migration: Migration, page_size: Option<&'static str>) -> impl IntoView {
    let columns = migration
        .landings()
        .into_iter()
        .map(|l| {
            let cell = match l.cell {
                Some((i, c)) => view! {
                    <b>{trf!("Cell {i}", i = i)}</b>
                    <span>{trf!("{n} vCPUs", n = c.vcpus)}</span>
                    <span>
                        {match (c.pages, page_size) {
                            (Some(p), Some(size)) => format!("{p} × {size}"),
                            _ => String::new(),
                        }}
                    </span>
                    <span>{trf!("from node {node}", node = c.node)}</span>
                }
                .into_any(),
                None => view! { <b>{tr("No guest cell")}</b> }.into_any(),
            };
            let node = match l.target {
                Some(t) => view! {
                    <b>{trf!("Node {node}", node = t.node)}</b>
                    <span>{trf!("{n} vCPUs", n = t.vcpus)}</span>
                }
                .into_any(),
                None => view! { <b>{tr("No node of its own")}</b> }.into_any(),
            };
            view! {
                <div
                    class="landing-col"
                    class:lost=l.target.is_none()
                    class:extra=l.cell.is_none()
                >
                    <div class="guest-cell">{cell}</div>
                    <div class="landing-arrow">"↓"</div>
                    <div class="target-node">{node}</div>
                </div>
            }
        })
        .collect_view();
    let lines = migration
        .landing_lines()
        .into_iter()
        .map(|line| view! { <li>{line}</li> })
        .collect_view();
    view! {
        <figure class="landing">
            <div class="landing-picture" aria-hidden="true">
                {columns}
            </div>
            <figcaption>
                <p class="landing-key" data-cells-from=migration.source_cells_from.code()>
                    {trf!(
                        "Guest cells on the source ({from}) above, the target nodes that take them below:",
                        from = migration.source_cells_from.phrase(),
                    )}
                </p>
                <ul class="landing-text">{lines}</ul>
            </figcaption>
        </figure>
    }
}
