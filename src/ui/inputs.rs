use super::field::{count_field, switch_field};
use super::state::Planner;
use crate::domain::{Field, HugepageSize, MemoryManager, Policy, Switch};
use crate::form::VcpuMode;
use leptos::prelude::*;

/// One radio button of the vCPU mode.
fn mode_choice(
    planner: Planner,
    mode: VcpuMode,
    value: &'static str,
    label: &'static str,
) -> impl IntoView {
    view! {
        <label>
            <input
                type="radio"
                name="vcpu-mode"
                value=value
                prop:checked=move || planner.mode() == mode
                on:change=move |_| planner.set_mode(mode)
            />
            {label}
        </label>
    }
}

#[component]
pub fn Inputs(planner: Planner) -> impl IntoView {
    let is_mode = move |mode: VcpuMode| planner.mode() == mode;
    let vcpu_total = move || {
        (!planner.is_stale())
            .then(|| format!("= {} vCPUs", planner.report(|r| r.scenario.vm.vcpus())))
    };
    view! {
        <form class="inputs" aria-label="Scenario" on:submit=|ev| ev.prevent_default()>
            <fieldset>
                <legend>"Host (one worker node)"</legend>
                {count_field(planner, Field::NumaNodes)}
                {count_field(planner, Field::CpusPerNode)}
                <details class="host-details" open=planner.has_host_details()>
                    <summary>"Host details: SMT, reserved CPUs, kubelet options"</summary>
                    {count_field(planner, Field::ThreadsPerCore)}
                    {count_field(planner, Field::ReservedCpus)}
                    {switch_field(planner, Switch::FullPcpusOnly)}
                    {count_field(planner, Field::FreeHugepages)}
                    <div class="field">
                        <label for="field-memory_manager">"Memory Manager"</label>
                        <select
                            id="field-memory_manager"
                            name="memory_manager"
                            prop:value=move || planner.memory_manager().code()
                            on:change=move |ev| {
                                planner
                                    .set_memory_manager(
                                        MemoryManager::from_code(&event_target_value(&ev))
                                            .unwrap_or_default(),
                                    )
                            }
                        >
                            {MemoryManager::ALL
                                .map(|m| view! { <option value=m.code()>{m.code()}</option> })}
                        </select>
                        <p class="hint">"The kubelet's memoryManagerPolicy."</p>
                    </div>
                </details>
            </fieldset>
            <fieldset>
                <legend>"Virtual machine"</legend>
                <div class="mode" role="radiogroup" aria-label="How the vCPUs are given">
                    {mode_choice(planner, VcpuMode::Count, "count", "vCPU count")}
                    {mode_choice(planner, VcpuMode::Topology, "topology", "Sockets × cores × threads")}
                </div>
                <div hidden=move || !is_mode(VcpuMode::Count)>
                    {count_field(planner, Field::Vcpus)}
                </div>
                <div class="topology" hidden=move || !is_mode(VcpuMode::Topology)>
                    {count_field(planner, Field::Sockets)}
                    {count_field(planner, Field::Cores)}
                    {count_field(planner, Field::Threads)}
                    <p class="product" aria-live="polite">{vcpu_total}</p>
                </div>
                {count_field(planner, Field::MaxSockets)}
                {switch_field(planner, Switch::EmulatorThread)}
            </fieldset>
            <fieldset>
                <legend>"VM memory"</legend>
                {count_field(planner, Field::Memory)}
                <div class="field">
                    <label for="field-hugepage_size">"Huge page size"</label>
                    <select
                        id="field-hugepage_size"
                        name="hugepage_size"
                        prop:value=move || planner.hugepage_size().map_or("", HugepageSize::code)
                        on:change=move |ev| {
                            planner.set_hugepage_size(HugepageSize::from_code(&event_target_value(&ev)))
                        }
                    >
                        <option value="">"Not set"</option>
                        {HugepageSize::ALL
                            .map(|h| view! { <option value=h.code()>{h.code()}</option> })}
                    </select>
                    <p class="hint">"memory.hugepages.pageSize: vNUMA VMs need huge pages."</p>
                </div>
            </fieldset>
            <fieldset>
                <legend>"Cluster"</legend>
                <div class="field">
                    <label for="field-policy">"Topology Manager policy"</label>
                    <select
                        id="field-policy"
                        name="policy"
                        aria-describedby="field-policy-hint"
                        prop:value=move || planner.policy().map_or("", Policy::code)
                        on:change=move |ev| planner.set_policy(Policy::from_code(&event_target_value(&ev)))
                    >
                        <option value="">"Not set: compare all four"</option>
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
                                    "The kubelet's topologyManagerPolicy on the workers.",
                                    Policy::behaviour,
                                )
                        }}
                    </p>
                </div>
                {switch_field(planner, Switch::EmulatorParity)}
            </fieldset>
        </form>
    }
}
