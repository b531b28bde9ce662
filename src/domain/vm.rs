use super::codes::HugepageSize;
use super::field::{Field, FieldError};
use super::manifest::ManifestFacts;
use crate::trf;

/// How many vCPUs the VM has, as the user wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VcpuSpec {
    /// A plain count, like a CPU request without `spec.domain.cpu` topology.
    Count(u32),
    /// KubeVirt's `spec.domain.cpu` sockets, cores (per socket) and threads (per core).
    Topology {
        sockets: u32,
        cores: u32,
        threads: u32,
    },
}

/// KubeVirt's default for `maxHotplugRatio`: room for this many times the sockets.
const DEFAULT_HOTPLUG_RATIO: u32 = 4;

/// KubeVirt caps the ceiling it derives from the ratio at this many vCPUs.
pub const HOTPLUG_VCPU_CAP: u64 = 512;

/// A VM's CPU shape and placement settings, validated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Vm {
    spec: VcpuSpec,
    isolate_emulator_thread: bool,
    max_sockets: Option<u32>,
    emulator_parity: bool,
    /// KubeVirt's supplemental IO thread pool: one dedicated CPU each.
    io_threads: u32,
    dedicated_cpus: bool,
    numa_passthrough: bool,
    memory_bytes: Option<u64>,
    /// Guest memory per vCPU, when the memory is given that way: it then
    /// follows the vCPU count.
    memory_per_vcpu: Option<u64>,
    hugepage_size: Option<HugepageSize>,
    /// What only the manifest says, for the checks of KubeVirt's API.
    manifest: ManifestFacts,
}

impl Default for Vm {
    /// The planner's opening VM: 24 vCPUs, no emulator thread, no maxSockets.
    fn default() -> Self {
        Vm {
            spec: VcpuSpec::Count(24),
            isolate_emulator_thread: false,
            max_sockets: None,
            emulator_parity: false,
            io_threads: 0,
            dedicated_cpus: true,
            numa_passthrough: true,
            memory_bytes: None,
            memory_per_vcpu: None,
            hugepage_size: None,
            manifest: ManifestFacts::default(),
        }
    }
}

impl Vm {
    pub fn new(
        spec: VcpuSpec,
        isolate_emulator_thread: bool,
        max_sockets: Option<u32>,
    ) -> Result<Vm, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut check = |field: Field, value: u32| {
            if let Err(e) = field.check(value.into()) {
                errors.push(e);
            }
        };
        match spec {
            VcpuSpec::Count(v) => check(Field::Vcpus, v),
            VcpuSpec::Topology {
                sockets,
                cores,
                threads,
            } => {
                check(Field::Sockets, sockets);
                check(Field::Cores, cores);
                check(Field::Threads, threads);
            }
        }
        if let Some(m) = max_sockets {
            check(Field::MaxSockets, m);
        }
        if errors.is_empty() {
            if let VcpuSpec::Topology {
                sockets,
                cores,
                threads,
            } = spec
            {
                let product = u64::from(sockets) * u64::from(cores) * u64::from(threads);
                let (_, max) = Field::Vcpus.bounds();
                if product > u64::from(max) {
                    errors.push(FieldError::new(
                        Field::Vcpus,
                        trf!(
                            "vCPUs = sockets x cores x threads = {sockets} x {cores} x {threads} = {product}, more than the {max} allowed",
                            sockets = sockets,
                            cores = cores,
                            threads = threads,
                            product = product,
                            max = max
                        ),
                    ));
                }
            }
        }
        let vm = Vm {
            spec,
            isolate_emulator_thread,
            max_sockets,
            ..Vm::default()
        };
        if let (true, Some(m)) = (errors.is_empty(), max_sockets) {
            if m < vm.sockets() {
                errors.push(FieldError::new(
                    Field::MaxSockets,
                    trf!(
                        "{field} must be at least the VM's {sockets} sockets; got {max_sockets}",
                        field = Field::MaxSockets,
                        sockets = vm.sockets(),
                        max_sockets = m
                    ),
                ));
            }
        }
        if errors.is_empty() {
            Ok(vm)
        } else {
            Err(errors)
        }
    }

    /// The same VM with `vcpus` and no hot-plug ceiling, its guest threads
    /// per core held (as sockets of one core each): for asking which sizes
    /// would work with the same settings. `None` when `vcpus` is not a whole
    /// number of its cores.
    pub fn with_vcpus(mut self, vcpus: u32) -> Option<Vm> {
        self.spec = match self.spec {
            VcpuSpec::Topology { threads, .. } if threads > 1 => {
                if !vcpus.is_multiple_of(threads) {
                    return None;
                }
                VcpuSpec::Topology {
                    sockets: vcpus / threads,
                    cores: 1,
                    threads,
                }
            }
            _ => VcpuSpec::Count(vcpus),
        };
        self.max_sockets = None;
        if let Some(per) = self.memory_per_vcpu {
            self.memory_bytes = Some(per * u64::from(vcpus));
        }
        Some(self)
    }

    /// The same VM with another CPU topology (its bounds checked by the
    /// caller), for a fix that changes the guest's threads.
    pub fn with_spec(mut self, spec: VcpuSpec) -> Vm {
        self.spec = spec;
        self
    }

    /// KubeVirt's even-parity emulator thread (`alignCPUs`): with an
    /// isolated emulator thread, the pod's CPU count is made even.
    pub fn with_emulator_parity(mut self, on: bool) -> Vm {
        self.emulator_parity = on;
        self
    }

    /// KubeVirt's `ioThreadsPolicy: supplementalPool` with this many pool
    /// threads: each is one more dedicated CPU of the pod (KubeVirt 1.6+).
    pub fn with_io_threads(mut self, threads: u32) -> Vm {
        self.io_threads = threads;
        self
    }

    pub fn io_threads(&self) -> u32 {
        self.io_threads
    }

    /// Whether the VM asks for dedicated CPUs (`dedicatedCpuPlacement`) and
    /// a guest NUMA topology (`numa.guestMappingPassthrough`); both are what
    /// the planner's question is about, and both are on unless a file says not.
    pub fn with_placement(mut self, dedicated_cpus: bool, numa_passthrough: bool) -> Vm {
        self.dedicated_cpus = dedicated_cpus;
        self.numa_passthrough = numa_passthrough;
        self
    }

    /// Guest memory in bytes and the huge page size backing it, when known.
    pub fn with_memory(mut self, bytes: Option<u64>, page: Option<HugepageSize>) -> Vm {
        self.memory_bytes = bytes;
        self.hugepage_size = page;
        self
    }

    /// Guest memory as so much per vCPU (at most 64 TiB x 16384 vCPUs, so
    /// no overflow): the memory is that times the vCPUs, now and for any
    /// other count (`with_vcpus`).
    pub fn with_memory_per_vcpu(mut self, per: u64) -> Vm {
        self.memory_per_vcpu = Some(per);
        self.memory_bytes = Some(per * u64::from(self.vcpus()));
        self
    }

    pub fn memory_per_vcpu(&self) -> Option<u64> {
        self.memory_per_vcpu
    }

    /// What only the VM's manifest says (requests, limits, fields beside
    /// an instance type): KubeVirt's API judges it.
    pub fn with_manifest(mut self, manifest: ManifestFacts) -> Vm {
        self.manifest = manifest;
        self
    }

    pub fn manifest(&self) -> &ManifestFacts {
        &self.manifest
    }

    pub fn memory_bytes(&self) -> Option<u64> {
        self.memory_bytes
    }

    pub fn hugepage_size(&self) -> Option<HugepageSize> {
        self.hugepage_size
    }

    /// Huge pages the guest needs: memory / page size, rounded up.
    pub fn hugepages(&self) -> Option<u64> {
        let (m, s) = (self.memory_bytes?, self.hugepage_size?.bytes());
        Some(m.div_ceil(s))
    }

    pub fn emulator_parity(&self) -> bool {
        self.emulator_parity
    }

    pub fn dedicated_cpus(&self) -> bool {
        self.dedicated_cpus
    }

    pub fn numa_passthrough(&self) -> bool {
        self.numa_passthrough
    }

    /// CPUs the emulator thread takes: none, one, or two when the parity
    /// option evens out an even count of vCPUs and IO threads (KubeVirt
    /// counts both before it adds the emulator's).
    pub fn emulator_cpus(&self) -> u32 {
        match (self.isolate_emulator_thread, self.emulator_parity) {
            (false, _) => 0,
            (true, true) if (self.vcpus() + self.io_threads).is_multiple_of(2) => 2,
            (true, _) => 1,
        }
    }

    pub fn spec(&self) -> VcpuSpec {
        self.spec
    }

    pub fn isolate_emulator_thread(&self) -> bool {
        self.isolate_emulator_thread
    }

    pub fn max_sockets(&self) -> Option<u32> {
        self.max_sockets
    }

    /// vCPUs the guest sees (at most 16384 once validated).
    pub fn vcpus(&self) -> u32 {
        match self.spec {
            VcpuSpec::Count(v) => v,
            VcpuSpec::Topology {
                sockets,
                cores,
                threads,
            } => sockets * cores * threads,
        }
    }

    /// CPUs the virt-launcher pod requests: the vCPUs and the emulator
    /// thread's (dedicated ones unless the VM runs on shared CPUs).
    pub fn pod_cpus(&self) -> u32 {
        self.vcpus() + self.io_threads + self.emulator_cpus()
    }

    /// Sockets of the guest. A plain count is read as one socket per vCPU,
    /// KubeVirt's default topology when only a CPU count is given.
    pub fn sockets(&self) -> u32 {
        match self.spec {
            VcpuSpec::Count(v) => v,
            VcpuSpec::Topology { sockets, .. } => sockets,
        }
    }

    /// vCPUs per socket (cores x threads).
    pub fn vcpus_per_socket(&self) -> u32 {
        match self.spec {
            VcpuSpec::Count(_) => 1,
            VcpuSpec::Topology { cores, threads, .. } => cores * threads,
        }
    }

    /// Sockets QEMU is started with room for: `maxSockets`, or KubeVirt's
    /// default of sockets x 4, capped so the ceiling stays at 512 vCPUs
    /// (never below the VM's own sockets).
    pub fn hotplug_sockets(&self) -> u64 {
        let sockets = u64::from(self.sockets());
        self.max_sockets.map_or_else(
            || {
                let cap = (HOTPLUG_VCPU_CAP / u64::from(self.vcpus_per_socket())).max(sockets);
                (sockets * u64::from(DEFAULT_HOTPLUG_RATIO)).min(cap)
            },
            u64::from,
        )
    }

    /// The most vCPUs hot plug could bring the VM to.
    pub fn hotplug_max_vcpus(&self) -> u64 {
        self.hotplug_sockets() * u64::from(self.vcpus_per_socket())
    }
}
