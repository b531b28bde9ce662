use super::app::Planner;
use super::field::CountField;
use crate::domain::{Field, Policy};
use crate::form::VcpuMode;
use leptos::prelude::*;

#[component]
pub fn Inputs(planner: Planner) -> impl IntoView {
    let form = planner.form;
    let is_mode = move |mode: VcpuMode| form.with(|f| f.mode == mode);
    let set_mode = move |mode: VcpuMode| form.update(|f| f.mode = mode);
    let vcpu_total = move || {
        planner
            .report
            .with(|r| r.as_ref().map(|r| r.scenario.vm.vcpus()))
            .filter(|_| !planner.is_stale())
            .map(|v| format!("= {v} vCPUs"))
    };
    view! {
        <form class="inputs" aria-label="Scenario" on:submit=|ev| ev.prevent_default()>
            <fieldset>
                <legend>"Host (one worker node)"</legend>
                <CountField
                    planner=planner
                    field=Field::NumaNodes
                    label="NUMA nodes"
                    hint="NUMA nodes the node reports (lscpu, numactl -H)."
                />
                <CountField
                    planner=planner
                    field=Field::CpusPerNode
                    label="CPUs per NUMA node"
                    hint="Logical CPUs (hardware threads) in one NUMA node."
                />
                <CountField
                    planner=planner
                    field=Field::ThreadsPerCore
                    label="Threads per core"
                    hint="Optional. 2 with SMT / Hyper-Threading; only used to warn when counting physical cores would change the class."
                />
            </fieldset>
            <fieldset>
                <legend>"Virtual machine"</legend>
                <div class="mode" role="radiogroup" aria-label="How the vCPUs are given">
                    <label>
                        <input
                            type="radio"
                            name="vcpu-mode"
                            value="count"
                            prop:checked=move || is_mode(VcpuMode::Count)
                            on:change=move |_| set_mode(VcpuMode::Count)
                        />
                        "vCPU count"
                    </label>
                    <label>
                        <input
                            type="radio"
                            name="vcpu-mode"
                            value="topology"
                            prop:checked=move || is_mode(VcpuMode::Topology)
                            on:change=move |_| set_mode(VcpuMode::Topology)
                        />
                        "Sockets × cores × threads"
                    </label>
                </div>
                <Show
                    when=move || is_mode(VcpuMode::Topology)
                    fallback=move || {
                        view! {
                            <CountField
                                planner=planner
                                field=Field::Vcpus
                                label="vCPUs"
                                hint="The VM's vCPUs, or its whole-number CPU request."
                            />
                        }
                    }
                >
                    <div class="topology">
                        <CountField
                            planner=planner
                            field=Field::Sockets
                            label="Sockets"
                            hint="spec.domain.cpu.sockets."
                        />
                        <CountField
                            planner=planner
                            field=Field::Cores
                            label="Cores"
                            hint="spec.domain.cpu.cores, per socket."
                        />
                        <CountField
                            planner=planner
                            field=Field::Threads
                            label="Threads"
                            hint="spec.domain.cpu.threads, per core."
                        />
                        <p class="product" aria-live="polite">{vcpu_total}</p>
                    </div>
                </Show>
                <CountField
                    planner=planner
                    field=Field::MaxSockets
                    label="Max sockets"
                    hint="Optional: spec.domain.cpu.maxSockets for CPU hot plug; empty means KubeVirt's default, 4 × sockets."
                />
                <label class="check">
                    <input
                        type="checkbox"
                        id="field-emulator_thread"
                        prop:checked=move || form.with(|f| f.isolate_emulator_thread)
                        on:change=move |ev| {
                            form.update(|f| f.isolate_emulator_thread = event_target_checked(&ev))
                        }
                    />
                    "Isolate emulator thread "
                    <span class="unit">"(the pod asks for vCPUs + 1)"</span>
                </label>
            </fieldset>
            <fieldset>
                <legend>"Cluster"</legend>
                <div class="field">
                    <label for="field-policy">"Topology Manager policy"</label>
                    <select
                        id="field-policy"
                        name="policy"
                        aria-describedby="field-policy-hint"
                        prop:value=move || form.with(|f| f.policy.map_or("", Policy::code).to_string())
                        on:change=move |ev| {
                            form.update(|f| f.policy = Policy::from_code(&event_target_value(&ev)))
                        }
                    >
                        <option value="">"Not set: compare all four"</option>
                        {Policy::ALL
                            .into_iter()
                            .map(|p| view! { <option value=p.code()>{p.code()}</option> })
                            .collect_view()}
                    </select>
                    <p class="hint" id="field-policy-hint">
                        {move || {
                            form.with(|f| f.policy)
                                .map_or(
                                    "The kubelet's topologyManagerPolicy on the workers.",
                                    Policy::behaviour,
                                )
                        }}
                    </p>
                </div>
            </fieldset>
        </form>
    }
}
