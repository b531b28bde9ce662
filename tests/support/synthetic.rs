//! A synthetic cluster as files: NodeResourceTopology objects and running
//! VMIs, of a few node shapes and policies and a few VM shapes, with free
//! CPUs and huge pages per zone from a fixed pseudo-random sequence (the
//! same cluster every run). Shared by the cluster tests and the benchmark.

/// A small deterministic generator (a 64-bit LCG).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

/// At most this many objects per file, so every file stays well under the
/// reader's 2 MB limit.
const PER_FILE: usize = 500;

fn list(items: &[String]) -> String {
    let mut text = String::from("apiVersion: v1\nkind: List\nitems:\n");
    for item in items {
        for (i, line) in item.lines().enumerate() {
            text.push_str(if i == 0 { "- " } else { "  " });
            text.push_str(line);
            text.push('\n');
        }
    }
    text
}

/// The files (name, text) of a cluster of `nodes` workers and `vms`
/// running VMs.
pub fn cluster_files(nodes: usize, vms: usize) -> Vec<(String, String)> {
    let mut rng = Lcg(22);
    // NUMA nodes x CPUs each, reserved CPUs on zone 0.
    let shapes = [(2u64, 32u64), (2, 64), (4, 16), (8, 16)];
    let policies = [
        "SingleNUMANodeContainerLevel",
        "BestEffort",
        "Restricted",
        "None",
    ];
    let mut topologies = Vec::new();
    for n in 0..nodes {
        let (zones, cpus) = shapes[n % shapes.len()];
        let policy = policies[(n / shapes.len()) % policies.len()];
        let mut text = format!(
            "apiVersion: topology.node.k8s.io/v1alpha2\nkind: NodeResourceTopology\nmetadata:\n  name: worker-{n:04}\ntopologyPolicies:\n- {policy}\nzones:\n"
        );
        for z in 0..zones {
            let allocatable = if z == 0 { cpus - 2 } else { cpus };
            let available = rng.below(allocatable + 1);
            let pages = rng.below(17);
            text.push_str(&format!(
                "- name: node-{z}\n  type: Node\n  resources:\n  - name: cpu\n    capacity: \"{cpus}\"\n    allocatable: \"{allocatable}\"\n    available: \"{available}\"\n  - name: hugepages-1Gi\n    capacity: \"17179869184\"\n    allocatable: \"17179869184\"\n    available: \"{}Gi\"\n",
                pages
            ));
        }
        topologies.push(text);
    }
    let vcpus = [2u64, 4, 8, 12, 16, 24, 32];
    let mut instances = Vec::new();
    for v in 0..vms {
        let cores = vcpus[rng.below(vcpus.len() as u64) as usize];
        let node = rng.below(nodes as u64);
        let memory = if v % 2 == 0 {
            format!(
                "    memory:\n      guest: {cores}Gi\n      hugepages:\n        pageSize: 1Gi\n"
            )
        } else {
            String::new()
        };
        instances.push(format!(
            "apiVersion: kubevirt.io/v1\nkind: VirtualMachineInstance\nmetadata:\n  name: vm-{v:05}\n  namespace: ns-{}\nspec:\n  domain:\n    cpu:\n      cores: {cores}\n      dedicatedCpuPlacement: true\n      numa:\n        guestMappingPassthrough: {{}}\n{memory}status:\n  phase: Running\n  nodeName: worker-{node:04}\n",
            v % 20
        ));
    }
    let mut files = Vec::new();
    for (i, chunk) in topologies.chunks(PER_FILE).enumerate() {
        files.push((format!("nrt-{i}.yaml"), list(chunk)));
    }
    for (i, chunk) in instances.chunks(PER_FILE).enumerate() {
        files.push((format!("vmis-{i}.yaml"), list(chunk)));
    }
    files
}
