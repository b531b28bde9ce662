use super::texts::Texts;
use crate::domain::codes::HugepageSize;
use crate::domain::field::{Field, Part};
use crate::domain::manifest::ManifestFacts;

/// How the VM's vCPUs are given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum VcpuMode {
    /// One count.
    #[default]
    Count,
    /// KubeVirt's sockets x cores x threads (an empty part means 1).
    Topology,
}

/// The VM's inputs: its vCPUs (either way) and other text fields, and what
/// only its manifest says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VmInput {
    pub mode: VcpuMode,
    texts: Texts,
    pub hugepage_size: Option<HugepageSize>,
    /// KubeVirt's `isolateEmulatorThread`.
    pub isolate_emulator_thread: bool,
    /// `dedicatedCpuPlacement` and `numa.guestMappingPassthrough`: on unless
    /// an imported VM says otherwise.
    pub dedicated_cpus: bool,
    pub numa_passthrough: bool,
    /// The CPU request and limit, the memory request and the fields set
    /// beside an instance type: unset unless an imported VM gives them.
    pub manifest: ManifestFacts,
}

impl Default for VmInput {
    /// 24 vCPUs (as a topology, the same 24: 2 sockets of 12 cores).
    fn default() -> Self {
        VmInput {
            mode: VcpuMode::Count,
            texts: Texts::defaults(Part::Vm),
            hugepage_size: None,
            isolate_emulator_thread: false,
            dedicated_cpus: true,
            numa_passthrough: true,
            manifest: ManifestFacts::default(),
        }
    }
}

impl VmInput {
    /// A VM field's text; a host field has none here.
    pub fn text(&self, field: Field) -> &str {
        self.texts.get(field)
    }

    /// Sets a VM field's text; a host field is left alone.
    pub fn set_text(&mut self, field: Field, text: String) {
        self.texts.set(field, text);
    }

    /// The same VM with one field's text replaced.
    pub fn with(mut self, field: Field, text: impl Into<String>) -> Self {
        self.set_text(field, text.into());
        self
    }

    /// The same VM with its vCPUs given as a count.
    pub fn with_vcpus(mut self, text: impl Into<String>) -> Self {
        self.mode = VcpuMode::Count;
        self.with(Field::Vcpus, text)
    }

    /// The same VM with its vCPUs given as KubeVirt's topology.
    pub fn with_topology(mut self, sockets: &str, cores: &str, threads: &str) -> Self {
        self.mode = VcpuMode::Topology;
        self.with(Field::Sockets, sockets)
            .with(Field::Cores, cores)
            .with(Field::Threads, threads)
    }

    /// Switches how the vCPUs are given, keeping the VM's vCPU count: a
    /// count becomes KubeVirt's own reading of it (one socket per vCPU) unless
    /// the topology already gives that many; a topology becomes its product.
    /// Text that is not a count is left as it is.
    pub fn set_mode(&mut self, mode: VcpuMode) {
        let count = |field: Field| self.text(field).trim().parse::<u64>().ok();
        let product = [Field::Sockets, Field::Cores, Field::Threads]
            .into_iter()
            .map(count)
            .try_fold(1u64, |p, n| Some(p * n?));
        match (mode, count(Field::Vcpus), product) {
            (VcpuMode::Topology, Some(v), p) if p != Some(v) => {
                self.set_text(Field::Sockets, v.to_string());
                self.set_text(Field::Cores, "1".into());
                self.set_text(Field::Threads, "1".into());
            }
            (VcpuMode::Count, _, Some(p)) if self.mode == VcpuMode::Topology => {
                self.set_text(Field::Vcpus, p.to_string());
            }
            _ => {}
        }
        self.mode = mode;
    }
}
