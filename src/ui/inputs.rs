use super::field::{count_field, switch_field};
use super::link_notice::FieldNotices;
use super::state::Planner;
use crate::domain::{Field, HostShape, HugepageSize, MemoryManager, NodeTuning, Policy, Switch};
use crate::domain::{HostMode, Section, VcpuMode};
use crate::form::Side;
use crate::i18n::tr;
use crate::share::NODE_TUNING;
use crate::trf;
use leptos::prelude::*;

/// A choice between the two ways to give the host or the VM's vCPUs.
#[derive(Clone, Copy)]
enum Mode {
    Host(HostMode),
    Vcpus(VcpuMode),
}

impl Mode {
    fn is_chosen(self, planner: Planner) -> bool {
        match self {
            Mode::Host(mode) => planner.host_mode() == mode,
            Mode::Vcpus(mode) => planner.mode() == mode,
        }
    }

    fn choose(self, planner: Planner) {
        match self {
            Mode::Host(mode) => planner.set_host_mode(mode),
            Mode::Vcpus(mode) => planner.set_mode(mode),
        }
    }
}

/// One radio button of a mode; `value` is also the radio's public value.
fn mode_choice(
    planner: Planner,
    mode: Mode,
    value: &'static str,
    label: &'static str,
) -> impl IntoView {
    let name = match mode {
        Mode::Host(_) => format!("{}host-mode", planner.side().prefix()),
        Mode::Vcpus(_) => "vcpu-mode".to_string(),
    };
    view! {
        <label>
            <input
                type="radio"
                name=name
                value=value
                prop:checked=move || mode.is_chosen(planner)
                on:change=move |_| mode.choose(planner)
            />
            {label}
        </label>
    }
}

/// The inputs of one section of the input table, in its order.
fn fields_of(planner: Planner, section: Section) -> impl IntoView {
    Field::in_section(section)
        .map(|field| count_field(planner, field))
        .collect_view()
}

/// One host's fields, for the host the planner is for (the compared host has
/// no kubelet options: they are the cluster's, shared).
fn host_fieldset(planner: Planner) -> AnyView {
    let is_mode = move |mode: Mode| mode.is_chosen(planner);
    let host_working = move || {
        if planner.is_stale() {
            String::new()
        } else {
            planner.report(|r| {
                r.scenario
                    .host
                    .shape()
                    .map(HostShape::working)
                    .unwrap_or_default()
            })
        }
    };
    let main = planner.side() == Side::Main;
    view! {
        <fieldset data-host=if main { "a" } else { "b" }>
            <legend>{if main { tr("Host (one worker node)") } else { tr("Second host: migration target") }}</legend>
            <div
                class="mode"
                role="radiogroup"
                aria-label=if main { tr("How the host is given") } else { tr("How the second host is given") }
            >
                {mode_choice(planner, Mode::Host(HostMode::Nodes), "nodes", tr("NUMA nodes"))}
                {mode_choice(planner, Mode::Host(HostMode::AsBought), "as-bought", tr("As bought: sockets × cores"))}
            </div>
            <div hidden=move || !is_mode(Mode::Host(HostMode::Nodes))>
                {fields_of(planner, Section::HostNodes)}
            </div>
            <div class="topology" hidden=move || !is_mode(Mode::Host(HostMode::AsBought))>
                {fields_of(planner, Section::HostAsBought)}
                <p class="working" data-host-working="" aria-live="polite">{host_working}</p>
            </div>
            {fields_of(planner, Section::HostSmt)}
            <details class="host-details" open=planner.has_host_details()>
                <summary>{if main { tr("Host details: reserved CPUs, kubelet options") } else { tr("Host details: reserved CPUs, free huge pages") }}</summary>
                {fields_of(planner, Section::HostDetails)}
                {main.then(|| switch_field(planner, Switch::FullPcpusOnly))}
                {main.then(|| memory_manager_field(planner))}
            </details>
        </fieldset>
    }
    .into_any()
}

fn memory_manager_field(planner: Planner) -> impl IntoView {
    view! {
        <div class="field">
            <label for="field-memory_manager">{tr("Memory Manager")}</label>
            <select
                id="field-memory_manager"
                name="memory_manager"
                prop:value=move || planner.memory_manager().map_or("", MemoryManager::code).to_string()
                on:change=move |ev| {
                    planner.set_memory_manager(MemoryManager::from_code(&event_target_value(&ev)))
                }
            >
                <option value="">{tr("Not set: as the node tuning implies")}</option>
                {MemoryManager::ALL.map(|m| view! { <option value=m.code()>{m.code()}</option> })}
            </select>
            <p class="hint">{tr("The kubelet's memoryManagerPolicy; given, it wins over the node tuning.")}</p>
        </div>
    }
}

/// How the kubelet's options are set, and what that implies under the
/// policies asked about (`[data-implied]`).
fn node_tuning_field(planner: Planner) -> impl IntoView {
    view! {
        <div class="field">
            <label for="field-node_tuning">{tr("Node tuning")}</label>
            <select
                id="field-node_tuning"
                name="node_tuning"
                aria-describedby="field-node_tuning-hint"
                prop:value=move || planner.node_tuning().code().to_string()
                on:change=move |ev| {
                    planner
                        .set_node_tuning(
                            NodeTuning::from_code(&event_target_value(&ev)).unwrap_or_default(),
                        )
                }
            >
                {NodeTuning::ALL
                    .map(|t| view! { <option value=t.code()>{t.label()}</option> })}
            </select>
            <p class="hint" id="field-node_tuning-hint">
                {tr("A PerformanceProfile turns on full-pcpus-only under single-numa-node and the Memory Manager Static under restricted and single-numa-node; a KubeletConfig only what it sets. Given values win.")}
            </p>
            <p class="implied" data-implied="" aria-live="polite">
                {move || planner.implied_settings()}
            </p>
            {FieldNotices::line(NODE_TUNING)}
        </div>
    }
}

#[component]
pub fn Inputs(planner: Planner) -> impl IntoView {
    let is_mode = move |mode: Mode| mode.is_chosen(planner);
    let comparing = move || planner.is_comparing();
    // Reactive text here is a String, empty when there is nothing to show:
    // each other type a view updates costs the page's wasm about 0.5 KB.
    let vcpu_total = move || {
        if planner.is_stale() {
            String::new()
        } else {
            trf!("= {n} vCPUs", n = planner.report(|r| r.scenario.vm.vcpus()))
        }
    };
    view! {
        <form class="inputs" aria-label=tr("Scenario") on:submit=|ev| ev.prevent_default()>
            {host_fieldset(planner)}
            <div class="field switch compare-switch">
                <label class="check">
                    <input
                        type="checkbox"
                        id="field-compare"
                        data-compare=""
                        aria-describedby="field-compare-hint"
                        prop:checked=move || comparing()
                        on:change=move |ev| planner.set_comparing(event_target_checked(&ev))
                    />
                    <span>{tr("Migrate to another host")}</span>
                </label>
                <p class="hint" id="field-compare-hint">
                    {tr("Whether the VM live-migrates to a second host and back (e.g. NPS1 and NPS4), and that host's own results beside the first's.")}
                </p>
            </div>
            {move || comparing().then(|| host_fieldset(planner.compared()))}
            <fieldset>
                <legend>{tr("Virtual machine")}</legend>
                <div class="mode" role="radiogroup" aria-label=tr("How the vCPUs are given")>
                    {mode_choice(planner, Mode::Vcpus(VcpuMode::Count), "count", tr("vCPU count"))}
                    {mode_choice(planner, Mode::Vcpus(VcpuMode::Topology), "topology", tr("Sockets × cores × threads"))}
                </div>
                <div hidden=move || !is_mode(Mode::Vcpus(VcpuMode::Count))>
                    {fields_of(planner, Section::VcpuCount)}
                </div>
                <div class="topology" hidden=move || !is_mode(Mode::Vcpus(VcpuMode::Topology))>
                    {fields_of(planner, Section::VcpuTopology)}
                    <p class="product" aria-live="polite">{vcpu_total}</p>
                </div>
                {fields_of(planner, Section::Vm)}
                {switch_field(planner, Switch::EmulatorThread)}
            </fieldset>
            <fieldset>
                <legend>{tr("VM memory")}</legend>
                {fields_of(planner, Section::VmMemory)}
                <div class="field">
                    <label for="field-hugepage_size">{tr("Huge page size")}</label>
                    <select
                        id="field-hugepage_size"
                        name="hugepage_size"
                        prop:value=move || planner.hugepage_size().map_or("", HugepageSize::code).to_string()
                        on:change=move |ev| {
                            planner.set_hugepage_size(HugepageSize::from_code(&event_target_value(&ev)))
                        }
                    >
                        <option value="">{tr("Not set")}</option>
                        {HugepageSize::ALL
                            .map(|h| view! { <option value=h.code()>{h.code()}</option> })}
                    </select>
                    <p class="hint">{tr("memory.hugepages.pageSize: vNUMA VMs need huge pages.")}</p>
                </div>
            </fieldset>
            <fieldset>
                <legend>{tr("Cluster")}</legend>
                <div class="field">
                    <label for="field-policy">{tr("Topology Manager policy")}</label>
                    <select
                        id="field-policy"
                        name="policy"
                        aria-describedby="field-policy-hint"
                        prop:value=move || planner.policy().map_or("", Policy::code).to_string()
                        on:change=move |ev| planner.set_policy(Policy::from_code(&event_target_value(&ev)))
                    >
                        <option value="">{tr("Not set: compare all four")}</option>
                        {Policy::ALL
                            .into_iter()
                            .map(|p| view! { <option value=p.code()>{p.code()}</option> })
                            .collect_view()}
                    </select>
                    <p class="hint" id="field-policy-hint">
                        {move || {
                            planner
                                .policy()
                                .map_or(
                                    tr("The kubelet's topologyManagerPolicy on the workers."),
                                    Policy::behaviour,
                                )
                                .to_string()
                        }}
                    </p>
                </div>
                {node_tuning_field(planner)}
                {switch_field(planner, Switch::EmulatorParity)}
            </fieldset>
        </form>
    }
}
