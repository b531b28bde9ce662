//! Filling the planner's form from imported files.

use super::{HostImport, VmImport};
use crate::domain::VcpuSpec;
use crate::form::{FormState, VcpuMode};

impl VmImport {
    /// Puts the VM's vCPUs, maxSockets and emulator thread into the form.
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
    }
}

impl HostImport {
    /// Puts the host's node count, node size, SMT and policy into the form.
    /// Without nodes (kubelet configuration alone) only the policy is put:
    /// the node count, size and SMT stay as they were.
    pub fn apply(&self, form: &mut FormState) {
        if !self.nodes.is_empty() {
            form.numa_nodes = self.numa_nodes().to_string();
            form.cpus_per_node = self.cpus_per_node().to_string();
            form.threads_per_core = self
                .threads_per_core
                .map(|t| t.to_string())
                .unwrap_or_default();
        }
        if self.policy.is_some() {
            form.policy = self.policy;
        }
    }
}
