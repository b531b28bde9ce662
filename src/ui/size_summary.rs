use super::browser::{refresh_fixes, show_fixes};
use super::checks::check_items;
use super::ruler::Ruler;
use super::state::Planner;
use crate::domain::present::origin;
use crate::domain::{Policy, Report, SizeClass, Verdict};
use crate::form::Side;
use crate::i18n::tr;
use crate::share::ViewState;
use crate::trf;
use leptos::prelude::*;

/// The VM's verdict under one policy with the document's cell beside it,
/// the vCPU counts that work and the checks that fail; the cluster's
/// policy, when chosen, is marked.
fn verdict(planner: Planner, policy: Policy) -> impl IntoView {
    let status = move || planner.report(|r| r.outcomes[policy].status);
    let verdict = move || planner.report(|r| r.verdicts[policy].verdict);
    let is_chosen = move || planner.policy() == Some(policy);
    let none_fail = move || planner.report(|r| r.verdicts[policy].problems().next().is_none());
    let applies = move || planner.report(Report::applies);
    view! {
        <li
            data-policy=policy.code()
            data-applies=move || if applies() { "true" } else { "false" }
            data-status=move || status().code()
            data-verdict=move || verdict().code()
            class:chosen=move || is_chosen()
            aria-current=move || is_chosen().then_some("true")
        >
            <span class="policy">{policy.code()}</span>
            <span class="verdict">
                <span aria-hidden="true">{move || verdict().icon()}</span>
                " "
                {move || verdict().label()}
            </span>
            <span class="document" hidden=move || !applies()>
                {tr("Red Hat's table: ")} <span class="status">{move || status().label()}</span> ", "
                <span class="rows">{move || planner.report(|r| r.outcomes[policy].rows_text())}</span>
            </span>
            <span class="document" hidden=move || applies()>
                {tr("Red Hat's table does not apply: shared CPUs")}
            </span>
            <span class="works-for" data-works-for="">
                {tr("vCPU counts that work: ")}
                {move || planner.report(|r| r.works_for_text(policy))}
            </span>
            <ul class="checks" hidden=move || none_fail()>
                {check_items(planner, policy)}
            </ul>
            // The checked fixes come from the page's extras, on demand: for
            // a verdict that fails, or one at risk under the chosen policy.
            {(planner.side() == Side::Main)
                .then(|| {
                    let offered = move || {
                        !none_fail() && !planner.is_stale()
                            && (verdict() < Verdict::AtRisk || is_chosen())
                    };
                    view! {
                        <div class="fixes" data-fixes=policy.code() hidden=move || !offered()>
                            <button
                                type="button"
                                aria-label=trf!("Show the checked fixes under {policy}", policy = policy)
                                on:click=move |_| show_fixes(&planner.query(&ViewState::default()), policy.code())
                            >
                                {tr("Fixes")}
                            </button>
                            <div class="fix-list"></div>
                        </div>
                    }
                })}
        </li>
    }
}

/// For a VM on shared CPUs, why the table and the checks do not apply and
/// what does, with the source of that statement beyond the document.
fn shared_note(planner: Planner) -> impl IntoView {
    let shared = Memo::new(move |_| planner.report(|r| !r.applies()));
    move || {
        shared.get().then(|| {
            let cell = planner.report(|r| r.outcomes[Policy::None].clone());
            let source = cell.decision.source().map(|s| {
                view! {
                    " " {origin(s)} ": "
                    <a href=s.url rel="noopener noreferrer">{s.title}</a>
                }
            });
            view! {
                <p class="note" data-applies-note="">
                    {cell.reason()}
                    {source}
                </p>
            }
        })
    }
}

/// The class, large, with the arithmetic and this host's ranges; the ruler;
/// then the VM's own outcome under each policy.
#[component]
pub fn SizeSummary(planner: Planner) -> impl IntoView {
    let size = move || planner.report(|r| r.size.class);
    if planner.side() == Side::Main {
        // Fixes shown follow the inputs.
        Effect::new(move |_| {
            if !planner.is_stale() {
                refresh_fixes(&planner.query(&ViewState::default()));
            }
        });
    }
    view! {
        <div class="summary">
            <p class="badge" data-size=move || size().code()>
                <span class="badge-label">{move || size().label()}</span>
            </p>
            <p class="arithmetic">
                {tr("Decided by ")} <code>{move || planner.report(|r| r.size.arithmetic())}</code> " ("
                {move || planner.report(|r| r.size.measure())} ")"
            </p>
            <p class="ranges">
                {tr("On this host: ")} {move || planner.report(|r| r.boundaries.describe())} "."
            </p>
            <Ruler planner=planner />
            {move || {
                // On shared CPUs the table's "cannot run" is not said either.
                (size() == SizeClass::ExceedsHost && planner.report(Report::applies))
                    .then(|| {
                        view! {
                            <p class="beyond" role="note">
                                {tr("This VM has more vCPUs than the whole host. No policy can place it; the document does not cover this case.")}
                            </p>
                        }
                    })
            }}
            <h3 class="verdicts-title">{tr("Your VM on this host")}</h3>
            <p class="hint">
                {tr("vCPU counts that work: the same VM with another vCPU count, everything else held.")}
            </p>
            <ul class="verdicts">{Policy::ALL.map(|p| verdict(planner, p))}</ul>
            {shared_note(planner)}
        </div>
    }
}
