//! One direction under one policy in detail: the verdict, why in one
//! sentence, what to do, the vCPU counts that would migrate, where the
//! guest's cells land and every check with its source.

use super::landing::Landings;
use super::table::direction_code;
use super::HostPair;
use crate::domain::present::{host_line, origin};
use crate::domain::{ranges_text, Direction, Policy, MOST_COUNTS};
use crate::i18n::tr;
use crate::trf;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn MigrationCard(pair: Arc<HostPair>, policy: Policy, a_to_b: bool) -> impl IntoView {
    let [there, back] = Direction::both(&pair.a, &pair.b, policy, pair.b_policy);
    let way = if a_to_b { there } else { back };
    let m = way.migration();
    let title = if a_to_b {
        tr("First host → second host")
    } else {
        tr("Second host → first host")
    };
    let under = if way.from_policy == way.to_policy {
        trf!("under {policy}", policy = way.from_policy)
    } else {
        trf!(
            "from {from} to {to}",
            from = way.from_policy,
            to = way.to_policy
        )
    };
    let hosts = format!(
        "{} → {}",
        host_line(&way.from.scenario.host),
        host_line(&way.to.scenario.host)
    );
    let counts = way.migrates_for_vcpus().map_or_else(
        || {
            trf!(
                "not counted on hosts of more than {n} CPUs",
                n = MOST_COUNTS
            )
        },
        |r| ranges_text(&r),
    );
    let todo = m.what_to_do(way.to_policy);
    let page_size = way.from.scenario.vm.hugepage_size().map(|s| s.code());
    let checks = m
        .checks
        .iter()
        .map(|c| {
            view! {
                <li data-check=c.code.code() data-result=c.result.code()>
                    <span class="result">{c.result.code()}</span>
                    " "
                    {c.message.clone()}
                    " ("
                    <a href=c.source.url rel="noopener noreferrer">
                        {origin(c.source)}
                    </a>
                    ")"
                </li>
            }
        })
        .collect_view();
    view! {
        <article
            class="migration-card"
            data-migration=direction_code(a_to_b)
            data-policy=policy.code()
            data-verdict=m.verdict.code()
            data-detail=""
        >
            <h3>{title} " " <span class="under">{under}</span></h3>
            <p class="hosts">{hosts}</p>
            <p class="migration-verdict">
                <span class="badge" data-verdict=m.verdict.code()>
                    {m.verdict.label()}
                </span>
                " "
                {m.reason()}
            </p>
            {todo.map(|t| view! { <p class="todo"><strong>{tr("What to do: ")}</strong>{t}</p> })}
            <p class="migrates-for" data-migrates-for="">
                {tr("vCPU counts that migrate this way: ")}
                {counts}
            </p>
            {(!m.source_cells.is_empty())
                .then(|| view! { <Landings migration=m.clone() page_size=page_size /> })}
            <ul class="migration-checks">{checks}</ul>
        </article>
    }
}
