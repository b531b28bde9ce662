//! Filling the planner's form from imported files.

use super::{HostImport, VmImport};
use crate::domain::VcpuSpec;
use crate::form::{FormState, VcpuMode};

impl VmImport {
    /// Puts the VM's vCPUs, maxSockets, emulator thread, dedicated CPUs and
    /// NUMA passthrough into the form.
    pub fn apply(&self, form: &mut FormState) {
        match self.vcpus {
            VcpuSpec::Count(v) => {
                form.mode = VcpuMode::Count;
                form.vcpus = v.to_string();
            }
            VcpuSpec::Topology {
                sockets,
                cores,
                threads,
            } => {
                form.mode = VcpuMode::Topology;
                form.sockets = sockets.to_string();
                form.cores = cores.to_string();
                form.threads = threads.to_string();
            }
        }
        form.max_sockets = self.max_sockets.map(|m| m.to_string()).unwrap_or_default();
        form.isolate_emulator_thread = self.isolate_emulator_thread;
        form.dedicated_cpus = self.dedicated_cpu_placement;
        form.numa_passthrough = self.guest_mapping_passthrough;
    }
}

impl HostImport {
    /// Puts the host's node count, node size (the largest node's online
    /// CPUs), SMT, reserved CPUs per node and the kubelet settings the texts
    /// gave into the form. Without nodes (kubelet configuration alone) only
    /// the kubelet settings are put: the node count, size, SMT and reserved
    /// CPUs stay as they were.
    pub fn apply(&self, form: &mut FormState) {
        if !self.nodes.is_empty() {
            form.numa_nodes = self.numa_nodes().to_string();
            form.cpus_per_node = self.cpus_per_node().to_string();
            form.threads_per_core = self
                .threads_per_core
                .map(|t| t.to_string())
                .unwrap_or_default();
            let reserved: Vec<String> = self.reserved_cpus().iter().map(u32::to_string).collect();
            form.reserved_cpus = reserved.join(",");
        }
        if self.policy.is_some() {
            form.policy = self.policy;
        }
        if let Some(on) = self.full_pcpus_only {
            form.full_pcpus_only = on;
        }
        if self.node_limit.is_some() {
            form.node_limit = self.node_limit;
        }
    }
}
