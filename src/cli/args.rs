use crate::domain::{ScenarioInput, VcpuInput};
use crate::form::{FormState, VcpuMode};
use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "vnuma-planner",
    version,
    about = "Will this KubeVirt VM start and live-migrate on this NUMA host under each Topology Manager policy?",
    long_about = "Will this KubeVirt VM start and live-migrate on this NUMA host under each Topology Manager policy?\n\nClassifies the VM against one host NUMA node (small, exactly half, large, extra large, larger than the host) and reads the outcome for each policy from the OpenShift Virtualization table \"Live migration outcomes using vNUMA\" (4.20-4.22). Sizes count logical CPUs (hardware threads), as the kubelet's CPU manager does.\n\nBad input exits with status 2 and one line on stderr."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Classify one VM on one host and show the outcome under every policy.
    Classify(Box<ClassifyArgs>),
    /// Print the planner's permalink for a scenario (same flags as classify).
    Link(Box<LinkArgs>),
    /// Print the document's table resolved to a 3 x 4 grid, with the row behind each cell.
    Table(TableArgs),
}

#[derive(Args)]
pub struct ClassifyArgs {
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// Print JSON instead of a readable report.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct LinkArgs {
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// Where the planner is served, e.g. https://example.org/vnuma-planner/ (the query is appended).
    #[arg(long, value_name = "URL")]
    pub base_url: String,
    /// The cluster's Topology Manager policy, highlighted on the page.
    #[arg(long, value_parser = ["none", "single-numa-node", "best-effort", "restricted"])]
    pub policy: Option<String>,
    /// Open this cell's explanation, as size.policy (e.g. large.none).
    #[arg(long, value_name = "SIZE.POLICY")]
    pub cell: Option<String>,
    /// Link to the compact embedded view (for an iframe).
    #[arg(long)]
    pub embed: bool,
    /// Colour theme of the page.
    #[arg(long, value_parser = ["auto", "light", "dark"])]
    pub theme: Option<String>,
}

#[derive(Args)]
pub struct TableArgs {
    /// Print JSON instead of a text grid.
    #[arg(long)]
    pub json: bool,
}

/// Numbers are taken as text and checked by the planner itself, so the
/// command and the page reject the same inputs with the same messages.
#[derive(Args)]
pub struct ScenarioArgs {
    /// Host: NUMA nodes per worker (1-1024).
    #[arg(long, value_name = "NODES", allow_hyphen_values = true)]
    pub numa_nodes: String,
    /// Host: logical CPUs (hardware threads) in each NUMA node (1-4096).
    #[arg(long, value_name = "CPUS", allow_hyphen_values = true)]
    pub cpus_per_node: String,
    /// Host: hardware threads per physical core, e.g. 2 with SMT/Hyper-Threading (1-8, must divide CPUs per node). Only used to warn when counting physical cores would change the size class.
    #[arg(long, value_name = "THREADS", allow_hyphen_values = true)]
    pub threads_per_core: Option<String>,
    /// VM: vCPU count (1-16384), when the VM has no sockets/cores/threads topology.
    #[arg(long, value_name = "VCPUS", allow_hyphen_values = true, conflicts_with_all = ["sockets", "cores", "threads"], required_unless_present_any = ["sockets", "cores", "threads"])]
    pub vcpus: Option<String>,
    /// VM: spec.domain.cpu.sockets (default 1 when --cores or --threads is given). vCPUs = sockets x cores x threads, at most 16384.
    #[arg(long, value_name = "SOCKETS", allow_hyphen_values = true)]
    pub sockets: Option<String>,
    /// VM: spec.domain.cpu.cores, cores per socket (default 1).
    #[arg(long, value_name = "CORES", allow_hyphen_values = true)]
    pub cores: Option<String>,
    /// VM: spec.domain.cpu.threads, threads per core (default 1).
    #[arg(long, value_name = "THREADS", allow_hyphen_values = true)]
    pub threads: Option<String>,
    /// VM: spec.domain.cpu.maxSockets, the socket ceiling for CPU hot plug (at least the VM's sockets). Unset means KubeVirt's default of 4 x sockets.
    #[arg(long, value_name = "SOCKETS", allow_hyphen_values = true)]
    pub max_sockets: Option<String>,
    /// VM: spec.domain.cpu.isolateEmulatorThread is true, so the pod asks for one more dedicated CPU than the VM has vCPUs.
    #[arg(long)]
    pub isolate_emulator_thread: bool,
}

impl ScenarioArgs {
    /// The same scenario as the page's form holds it.
    pub fn form(&self) -> FormState {
        let defaults = FormState::default();
        let or_default = |v: &Option<String>, d: &String| v.clone().unwrap_or_else(|| d.clone());
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        FormState {
            numa_nodes: self.numa_nodes.clone(),
            cpus_per_node: self.cpus_per_node.clone(),
            threads_per_core: text(&self.threads_per_core),
            mode: if self.vcpus.is_some() {
                VcpuMode::Count
            } else {
                VcpuMode::Topology
            },
            vcpus: or_default(&self.vcpus, &defaults.vcpus),
            sockets: or_default(&self.sockets, &"1".to_string()),
            cores: or_default(&self.cores, &"1".to_string()),
            threads: or_default(&self.threads, &"1".to_string()),
            max_sockets: text(&self.max_sockets),
            isolate_emulator_thread: self.isolate_emulator_thread,
            policy: None,
        }
    }

    pub fn input(&self) -> ScenarioInput {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        ScenarioInput {
            numa_nodes: self.numa_nodes.clone(),
            cpus_per_node: self.cpus_per_node.clone(),
            threads_per_core: text(&self.threads_per_core),
            vcpus: match &self.vcpus {
                Some(v) => VcpuInput::Count(v.clone()),
                None => VcpuInput::Topology {
                    sockets: text(&self.sockets),
                    cores: text(&self.cores),
                    threads: text(&self.threads),
                },
            },
            max_sockets: text(&self.max_sockets),
            isolate_emulator_thread: self.isolate_emulator_thread,
        }
    }
}
