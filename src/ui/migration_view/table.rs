//! Every policy's verdict both ways, in one table; each verdict is a
//! button that shows its details below.

use super::HostPair;
use crate::domain::{Direction, Policy};
use crate::i18n::tr;
use crate::trf;
use leptos::prelude::*;
use std::sync::Arc;

/// `data-migration`'s value for one direction.
pub fn direction_code(a_to_b: bool) -> &'static str {
    if a_to_b {
        "a-to-b"
    } else {
        "b-to-a"
    }
}

#[component]
pub fn MigrationTable(
    pair: Arc<HostPair>,
    /// The policy shown in detail.
    detail: Policy,
    picked: RwSignal<Option<Policy>>,
) -> impl IntoView {
    let chosen = pair.a.scenario.policy;
    let caption = match pair.b_policy {
        Some(b) => trf!("Live migration by the first host's Topology Manager policy (the second host under {b})", b = b),
        None => tr("Live migration by Topology Manager policy (both hosts under the same one)").to_string(),
    };
    let row = move |a_to_b: bool| {
        let name = if a_to_b {
            tr("First → second")
        } else {
            tr("Second → first")
        };
        let cells = Policy::ALL.map(|policy| {
            let [there, back] = Direction::both(&pair.a, &pair.b, policy, pair.b_policy);
            let verdict = if a_to_b { there } else { back }.migration().verdict;
            view! {
                <td class:chosen=chosen == Some(policy) class:detail=policy == detail>
                    <button
                        type="button"
                        data-migration=direction_code(a_to_b)
                        data-policy=policy.code()
                        data-verdict=verdict.code()
                        aria-pressed=if policy == detail { "true" } else { "false" }
                        aria-label=trf!(
                            "{direction} under {policy}: {verdict}",
                            direction = name,
                            policy = policy,
                            verdict = verdict.label()
                        )
                        on:click=move |_| picked.set(Some(policy))
                    >
                        {verdict.label()}
                    </button>
                </td>
            }
        });
        view! {
            <tr>
                <th scope="row">{name}</th>
                {cells}
            </tr>
        }
    };
    view! {
        <div class="migration-table-wrap">
            <table class="migration-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr("Direction")}</th>
                        {Policy::ALL
                            .map(|p| {
                                view! {
                                    <th scope="col" class:chosen=chosen == Some(p)>
                                        {p.code()}
                                    </th>
                                }
                            })}
                    </tr>
                </thead>
                <tbody>{row(true)} {row(false)}</tbody>
            </table>
        </div>
    }
}
