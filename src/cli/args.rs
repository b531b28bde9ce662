use super::error::CliError;
use super::field_flags::FieldFlags;
use crate::domain::{
    flag_of, parse_per_node, BadCell, Cell, Field, HostInput, HugepageSize, Lang, MemoryManager,
    NodeTuning, Part, Policy, Section, Switch, Theme, VcpuMode, Way,
};
use crate::form::{FormState, Side};
use crate::import::{import_host_in, import_vm_in, HostImport, Imported, Origins};
use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::Read;

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
    /// Language of the text, Markdown, AsciiDoc and DITA outputs and of links (the JSON's keys and codes stay as they are); default English.
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<Lang>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Classify one VM on one host and show the outcome under every policy.
    Classify(Box<ClassifyArgs>),
    /// Print the planner's permalink for a scenario (same flags as classify).
    Link(Box<LinkArgs>),
    /// Print the document's table resolved to a 3 x 4 grid, with the row behind each cell.
    Table(TableArgs),
    /// A cluster in use, from its files: where each VM can live-migrate now, which nodes can be drained, how many more VMs of a shape fit.
    Cluster(ClusterArgs),
    /// Read the errors in a pasted text (describe output, events, a launcher log, a line): the planner's check for each, its numbers, what it means and what fixes it. With the VM and host given too (classify's flags), each is confirmed against the planner's verdict. Exits 1 when no known error is found.
    Explain(Box<ExplainArgs>),
}

#[derive(Args)]
pub struct ExplainArgs {
    /// The pasted text: a file, or - (the default) for stdin; at most 2 MB.
    #[arg(value_name = "FILE")]
    pub file: Option<String>,
    /// Output format: a readable answer, JSON (errors[]), or Markdown for a ticket.
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<ExplainFormat>,
    /// Print JSON: the same as --format json.
    #[arg(long)]
    pub json: bool,
    /// The VM and host, as classify takes them (optional): the error's check is then judged by the planner.
    #[command(flatten)]
    pub scenario: OptionalScenario,
}

/// classify's flags with none required: `explain` reads a paste alone too.
pub struct OptionalScenario(pub ScenarioArgs);

impl Args for OptionalScenario {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        ScenarioArgs::augment_args(cmd)
            .mut_args(|a| a.required_unless_present(clap::builder::Resettable::<clap::Id>::Reset))
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

impl clap::FromArgMatches for OptionalScenario {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        ScenarioArgs::from_arg_matches(matches).map(OptionalScenario)
    }

    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }
}

/// What `explain` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// The readable answer (the default).
    #[default]
    Text,
    /// errors[] with text, check, means, numbers, needs and fixes, for scripts.
    Json,
    /// The answer for a ticket.
    Markdown,
}

impl ExplainArgs {
    pub fn format(&self) -> Result<ExplainFormat, CliError> {
        chosen(self.format, self.json, ExplainFormat::Json)
    }
}

#[derive(Args)]
pub struct ClusterArgs {
    /// A file of the cluster (repeatable; - reads stdin): NodeResourceTopology objects (one per worker, or a List), Nodes (oc get nodes -o yaml: their labels), KubeletConfigs, PerformanceProfiles and MachineConfigPools (matched to nodes by labels), VirtualMachineInstances (oc get vmi -A -o yaml), VirtualMachines and instance types; found by kind. Other kinds are named and skipped.
    #[arg(long, value_name = "FILE")]
    pub file: Vec<String>,
    /// A must-gather directory (repeatable): every .yaml, .yml and .json file below it is read as --file, found by kind, not path; a file over 2 MB is skipped with a note.
    #[arg(long, value_name = "DIR")]
    pub dir: Vec<String>,
    /// Count how many more VMs of this many vCPUs (dedicated CPUs, guest NUMA passthrough) each node admits now.
    #[arg(long, value_name = "N", conflicts_with = "capacity_vm_file")]
    pub capacity_vcpus: Option<String>,
    /// Count how many more VMs of this shape each node admits now: a VirtualMachine, VirtualMachineInstance or instance type file, read as --vm-file.
    #[arg(long, value_name = "FILE")]
    pub capacity_vm_file: Option<String>,
    /// Instance types to count per node pool (repeatable): VirtualMachineClusterInstancetype or VirtualMachineInstancetype objects, e.g. the common-instancetypes bundle.
    #[arg(long, value_name = "FILE")]
    pub instancetypes_file: Vec<String>,
    /// Output format: a readable report, JSON, Markdown tables for a ticket, or CSV (one row per VM and target node).
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<ClusterFormat>,
}

/// What `cluster` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ClusterFormat {
    /// The readable report (the default).
    #[default]
    Text,
    /// Nodes, VMs with their targets, drains, capacity and what was not matched, for scripts.
    Json,
    /// Markdown tables, for a ticket.
    Markdown,
    /// One row per VM and target node, for a spreadsheet.
    Csv,
}

#[derive(Args)]
pub struct ClassifyArgs {
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// Output format: a readable report, JSON, or the copyable Markdown answer for a ticket.
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<ClassifyFormat>,
    /// Print JSON: the same as --format json.
    #[arg(long)]
    pub json: bool,
}

/// What `classify` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ClassifyFormat {
    /// The readable report (the default).
    #[default]
    Text,
    /// The report as JSON, for scripts.
    Json,
    /// The copyable answer, as the page's Copy answer gives it.
    Markdown,
}

impl ClassifyArgs {
    pub fn format(&self) -> Result<ClassifyFormat, CliError> {
        chosen(self.format, self.json, ClassifyFormat::Json)
    }
}

#[derive(Args)]
pub struct LinkArgs {
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// Where the planner is served, e.g. https://example.org/vnuma-planner/ (the query is appended).
    #[arg(long, value_name = "URL")]
    pub base_url: String,
    /// Open this cell's explanation, as size.policy (e.g. large.none).
    #[arg(long, value_name = "SIZE.POLICY", value_parser = parse_cell)]
    pub cell: Option<Cell>,
    /// Link to the compact embedded view (for an iframe).
    #[arg(long)]
    pub embed: bool,
    /// Colour theme of the page.
    #[arg(long)]
    pub theme: Option<Theme>,
}

fn parse_cell(text: &str) -> Result<Cell, String> {
    text.parse().map_err(|e: BadCell| e.to_string())
}

/// clap reads the domain's code enums by their public codes.
macro_rules! value_enum {
    ($($name:ty),+) => {$(
        impl ValueEnum for $name {
            fn value_variants<'a>() -> &'a [Self] {
                &<$name>::ALL
            }
            fn to_possible_value(&self) -> Option<PossibleValue> {
                Some(PossibleValue::new(self.code()))
            }
        }
    )+};
}

value_enum!(Policy, Theme, HugepageSize, MemoryManager, NodeTuning, Lang);

#[derive(Args)]
pub struct TableArgs {
    /// Output format: the text grid, JSON, or a table to paste into a documentation page (Markdown, AsciiDoc, HTML).
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<TableFormat>,
    /// Print JSON: the same as --format json.
    #[arg(long)]
    pub json: bool,
}

/// What `table` prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// The text grid for a terminal (the default).
    #[default]
    Text,
    /// Every cell with its rows and explanations, for scripts.
    Json,
    /// A GitHub-flavoured pipe table.
    Markdown,
    /// An AsciiDoc table (as in the OpenShift documentation).
    Asciidoc,
    /// A self-contained HTML table.
    Html,
    /// A DITA 1.3 table (with its short description, note and source as
    /// paragraphs) for DITA documentation.
    Dita,
}

impl TableArgs {
    pub fn format(&self) -> Result<TableFormat, CliError> {
        chosen(self.format, self.json, TableFormat::Json)
    }
}

/// `--json` is `--format json`: alone or with `--format json` it chooses
/// JSON; with any other format it is bad input.
fn chosen<F: ValueEnum + Copy + PartialEq + Default>(
    format: Option<F>,
    json: bool,
    as_json: F,
) -> Result<F, CliError> {
    match (format, json) {
        (Some(f), true) if f != as_json => {
            let name = f
                .to_possible_value()
                .map(|v| v.get_name().to_string())
                .unwrap_or_default();
            Err(CliError::Usage(format!(
                "the argument '--json' (--format json) cannot be used with '--format {name}' (see --help)"
            )))
        }
        (_, true) => Ok(as_json),
        (f, false) => Ok(f.unwrap_or_default()),
    }
}

/// Numbers are taken as text and checked by the planner itself, so the
/// command and the page reject the same inputs with the same messages.
/// Files fill in what the flags leave out; a flag wins over a file.
#[derive(Args)]
pub struct ScenarioArgs {
    /// VM from a file: a KubeVirt VirtualMachine, VirtualMachineInstance or (Cluster)Instancetype as YAML or JSON (oc get -o yaml|json); - reads stdin.
    #[arg(long, value_name = "FILE")]
    pub vm_file: Option<String>,
    /// The VM, VMI or instance type to read from a --vm-file that holds several (its metadata.name).
    #[arg(long, value_name = "NAME", requires = "vm_file")]
    pub vm_name: Option<String>,
    /// Host from a file: lscpu (plain, -e, -p or -J), numactl --hardware, performance profile creator info --json, a NodeResourceTopology or a running VM's virsh dumpxml (its guest cells, and its vCPUs and memory without --vm-file); repeat it to add a KubeletConfig, KubeletConfiguration or PerformanceProfile for reserved CPUs and the policy, or the kubelet's cpu_manager_state for the free CPUs; - reads stdin.
    #[arg(long, value_name = "FILE")]
    pub host_file: Vec<String>,
    /// The inputs' text flags, from the input table.
    #[command(flatten)]
    pub fields: FieldFlags,
    /// VM: spec.domain.cpu.isolateEmulatorThread is true, so the pod asks for one more dedicated CPU than the VM has vCPUs.
    #[arg(long, overrides_with = "no_isolate_emulator_thread")]
    pub isolate_emulator_thread: bool,
    /// VM: isolateEmulatorThread is false, whatever the --vm-file says.
    #[arg(long, overrides_with = "isolate_emulator_thread")]
    pub no_isolate_emulator_thread: bool,
    /// Cluster: KubeVirt's alignCPUs (even-parity emulator thread): with an isolated emulator thread the pod's CPU count is made even (24 vCPUs -> 26 CPUs, 23 -> 24).
    #[arg(long, overrides_with = "no_emulator_thread_parity")]
    pub emulator_thread_parity: bool,
    /// Cluster: no even-parity emulator thread.
    #[arg(long, overrides_with = "emulator_thread_parity")]
    pub no_emulator_thread_parity: bool,
    /// VM: memory.hugepages.pageSize, the huge page size backing the guest.
    #[arg(long, value_name = "SIZE")]
    pub hugepage_size: Option<HugepageSize>,
    /// Host: the kubelet's Memory Manager policy; wins over what --node-tuning implies.
    #[arg(long, value_name = "POLICY")]
    pub memory_manager: Option<MemoryManager>,
    /// Cluster: how the kubelet is configured. performance-profile (the default) implies, where not given, full-pcpus-only under single-numa-node and the Memory Manager static under restricted and single-numa-node; kubelet-config implies nothing.
    #[arg(long, value_name = "TUNING")]
    pub node_tuning: Option<NodeTuning>,
    /// Host: the kubelet's CPU manager policy option full-pcpus-only (needs --threads-per-core for its check); wins over what --node-tuning implies.
    #[arg(long, overrides_with = "no_full_pcpus_only")]
    pub full_pcpus_only: bool,
    /// Host: no full-pcpus-only, whatever the --host-file says.
    #[arg(long, overrides_with = "full_pcpus_only")]
    pub no_full_pcpus_only: bool,
    /// The cluster's Topology Manager policy: marked in the report, highlighted on the page.
    #[arg(long)]
    pub policy: Option<Policy>,
    #[command(flatten)]
    pub compare: CompareArgs,
}

/// A second host for the same VM, e.g. NPS1 against NPS4: its flags are the
/// host's with `b-` in front, as its link keys have `b_`.
#[derive(Args)]
#[command(
    next_help_heading = "Compare with a second host (the same VM, kubelet options and policy)"
)]
pub struct CompareArgs {
    /// The second host's own Topology Manager policy (nodes of another pool); without it the first host's.
    #[arg(long, value_name = "POLICY")]
    pub b_policy: Option<Policy>,
    /// Second host from files, read as --host-file reads them (its NUMA nodes, SMT, reserved CPUs and free huge pages); the --b- flags replace their own values, and each --b- flag not given keeps the first host's value.
    #[arg(long, value_name = "FILE")]
    pub compare_host_file: Vec<String>,
}

impl CompareArgs {
    /// The second host: a copy of the first (or what its files give), each
    /// flag over its own value; none when no flag or file asks for one.
    /// What its files set goes into `imported` under the `b_` keys.
    fn host(
        &self,
        form: &FormState,
        flags: &FieldFlags,
        imported: &mut Imported,
    ) -> Result<Option<HostInput>, CliError> {
        let side = Side::Compare;
        if self.compare_host_file.is_empty() && flags.on(side).next().is_none() {
            return Ok(None);
        }
        let mut second = FormState {
            vm: form.vm.clone(),
            ..FormState::default()
        };
        let mut files = None;
        if self.compare_host_file.is_empty() {
            second.host = form.host.copied();
        } else {
            let host = read_host_files("--compare-host-file", &self.compare_host_file)?;
            let given =
                flags.gives_required(side, Way::Nodes) || flags.gives_required(side, Way::AsBought);
            if host.nodes.is_empty() && !given {
                return Err(CliError::Input("--compare-host-file: the files give no NUMA nodes or CPUs (add lscpu, numactl --hardware or a NodeResourceTopology, or give --b-numa-nodes and --b-cpus-per-node)".to_string()));
            }
            imported.set(compared_keys(host.apply(&mut second)));
            files = Some(host);
        }
        set_host(&mut second.host, flags, side);
        // The files' reserved and offline CPUs on the host the --b- flags
        // give, as for the first host.
        if let Some(mut host) = files {
            let given = if flags.gives_required(side, Way::AsBought) {
                "--b-cores-per-socket and the flags beside it"
            } else {
                "--b-numa-nodes and --b-cpus-per-node"
            };
            let reserved_flag = flags
                .get(side, Field::ReservedCpus)
                .map(|_| side.flag(Field::ReservedCpus));
            let set = host
                .place_on(&mut second.host, given, reserved_flag.as_deref())
                .map_err(|e| CliError::file("--compare-host-file", "", e))?;
            imported.set(compared_keys(set));
            reserve_by_flag(&mut host, &mut second.host, flags, side)?;
            imported.compared = Some(host);
        }
        Ok(Some(second.host))
    }
}

/// The host's values an import set, under the second host's keys (`b_`);
/// the rest (the policy, the VM's page size) the second host does not take.
fn compared_keys(set: Origins) -> Origins {
    set.into_iter()
        .filter_map(|(key, from)| {
            let field = Field::from_key(key).filter(|f| f.part() == Part::Host)?;
            Some((field.compared_key(), from))
        })
        .collect()
}

/// Each host flag of one side over its own value; the required part of the
/// host as bought makes the host given as bought.
fn set_host(host: &mut HostInput, flags: &FieldFlags, side: Side) {
    if flags.gives_required(side, Way::AsBought) {
        host.take_as_bought();
    }
    // Nodes given by flags replace the sizes a file gave its nodes, unless
    // the flags give those too.
    let nodes = [Field::NumaNodes, Field::CpusPerNode];
    if nodes.iter().any(|&f| flags.get(side, f).is_some())
        && flags.get(side, Field::NodeCpus).is_none()
    {
        host.set_text(Field::NodeCpus, String::new());
    }
    for (field, text) in flags.on(side) {
        host.set_text(field, text.to_string());
    }
}

/// The free CPUs the host files gave, as they are with the reserved CPUs
/// of a flag (which wins over the files), unless a flag gives them too.
fn reserve_by_flag(
    host: &mut HostImport,
    form: &mut HostInput,
    flags: &FieldFlags,
    side: Side,
) -> Result<(), CliError> {
    let (Some(text), None) = (
        flags.get(side, Field::ReservedCpus),
        flags.get(side, Field::FreeCpus),
    ) else {
        return Ok(());
    };
    // A list the planner refuses is reported at its flag by the planner.
    let Ok(reserved) = parse_per_node(Field::ReservedCpus, text) else {
        return Ok(());
    };
    let line = host
        .reserve(&reserved, &side.flag(Field::ReservedCpus))
        .map_err(CliError::Input)?;
    if let Some(line) = line {
        host.read.push(line);
        let free: Vec<String> = host.free_cpus().iter().map(u32::to_string).collect();
        form.set_text(Field::FreeCpus, free.join(","));
    }
    Ok(())
}

/// One host from all the files a flag names, read together.
fn read_host_files(flag: &'static str, paths: &[String]) -> Result<HostImport, CliError> {
    let texts = paths
        .iter()
        .map(|p| read_file(flag, p))
        .collect::<Result<Vec<_>, _>>()?;
    let named: Vec<(&str, &str)> = paths
        .iter()
        .zip(&texts)
        .map(|(path, text)| (path.as_str(), text.as_str()))
        .collect();
    import_host_in(&named).map_err(|e| CliError::file(flag, "", e))
}

pub(super) fn read_file(flag: &'static str, path: &str) -> Result<String, CliError> {
    let problem = |e: std::io::Error| CliError::file(flag, path, e.to_string());
    if path == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(problem)?;
        Ok(text)
    } else {
        std::fs::read_to_string(path).map_err(problem)
    }
}

impl ScenarioArgs {
    /// Whether any of the scenario's flags or files is given.
    pub fn given(&self) -> bool {
        self.vm_file.is_some()
            || !self.host_file.is_empty()
            || self.fields.on(Side::Main).next().is_some()
            || self.fields.on(Side::Compare).next().is_some()
            || !self.compare.compare_host_file.is_empty()
            || self.compare.b_policy.is_some()
            || self.isolate_emulator_thread
            || self.no_isolate_emulator_thread
            || self.emulator_thread_parity
            || self.no_emulator_thread_parity
            || self.hugepage_size.is_some()
            || self.memory_manager.is_some()
            || self.node_tuning.is_some()
            || self.full_pcpus_only
            || self.no_full_pcpus_only
            || self.policy.is_some()
    }

    /// The scenario as the page's form holds it: files first, then each flag
    /// over its own value.
    pub fn form(&self) -> Result<(FormState, Imported), CliError> {
        let mut form = FormState::default();
        let mut imported = Imported::default();
        // The VM first: the host's huge pages are read for its page size.
        if let Some(path) = &self.vm_file {
            let text = read_file("--vm-file", path)?;
            let vm = import_vm_in(&[(path, &text)], self.vm_name.as_deref())
                .map_err(|e| CliError::file("--vm-file", path, e))?;
            imported.set(vm.apply(&mut form));
            imported.vm = Some(vm);
        }
        if !self.host_file.is_empty() {
            let host = read_host_files("--host-file", &self.host_file)?;
            if self.vm_file.is_none() {
                imported.set(host.fill_vm(&mut form));
            }
            let vcpus_given = self.vm_file.is_some()
                || host.running.is_some()
                || self.fields.gives(Side::Main, Way::Count)
                || self.fields.gives(Side::Main, Way::Topology);
            if !vcpus_given {
                return Err(CliError::Input("--vcpus is required: give it (or --sockets, --cores and --threads), a --vm-file, or a virsh dumpxml of the running VM in --host-file".to_string()));
            }
            imported.set(host.apply(&mut form));
            if host.nodes.is_empty() {
                self.fill_host(&mut imported.filled)?;
            }
            imported.host = Some(host);
        }
        self.override_form(&mut form);
        self.place_cpu_lists(&mut form, &mut imported)?;
        if let Some(host) = imported.host.as_mut() {
            reserve_by_flag(host, &mut form.host, &self.fields, Side::Main)?;
        }
        form.compare = self.compare.host(&form, &self.fields, &mut imported)?;
        if self.compare.b_policy.is_some() && form.compare.is_none() {
            return Err(CliError::Input("--b-policy: gives the second host's policy; give a second host too (--b- flags or --compare-host-file)".to_string()));
        }
        form.compare_policy = self.compare.b_policy;
        Ok((form, imported))
    }

    /// The host files' reserved and offline CPUs on the host the flags
    /// give, when the files give no topology of their own.
    fn place_cpu_lists(
        &self,
        form: &mut FormState,
        imported: &mut Imported,
    ) -> Result<(), CliError> {
        let Some(host) = imported.host.as_mut() else {
            return Ok(());
        };
        let flags = &self.fields;
        let given = if flags.gives_required(Side::Main, Way::AsBought) {
            "--cores-per-socket and the flags beside it"
        } else {
            "--numa-nodes and --cpus-per-node"
        };
        let reserved_flag = flags
            .get(Side::Main, Field::ReservedCpus)
            .map(|_| flag_of(Field::ReservedCpus.key()));
        let set = host
            .place_on(&mut form.host, given, reserved_flag.as_deref())
            .map_err(|e| CliError::file("--host-file", "", e))?;
        imported.set(set);
        Ok(())
    }

    /// The host files give no NUMA topology (kubelet configuration only):
    /// the flags must.
    fn fill_host(&self, filled: &mut Vec<String>) -> Result<(), CliError> {
        let flags = &self.fields;
        if flags.gives_required(Side::Main, Way::AsBought) {
            filled.push("The host as bought from --cores-per-socket and the flags beside it (the host files give no topology)".to_string());
            return Ok(());
        }
        let (Some(nodes), Some(cpus)) = (
            flags.get(Side::Main, Field::NumaNodes),
            flags.get(Side::Main, Field::CpusPerNode),
        ) else {
            return Err(CliError::Input(
                "--host-file: the files give no NUMA nodes or CPUs (add lscpu, numactl --hardware or a NodeResourceTopology, or give --numa-nodes and --cpus-per-node, or --cores-per-socket)".to_string(),
            ));
        };
        filled.push(format!(
            "NUMA nodes {nodes} and CPUs per node {cpus} from --numa-nodes and --cpus-per-node (the host files give no topology)"
        ));
        Ok(())
    }

    /// Each flag that is given replaces its own value only.
    fn override_form(&self, form: &mut FormState) {
        let flags = &self.fields;
        set_host(&mut form.host, flags, Side::Main);
        for (field, text) in flags.on(Side::Main) {
            if field.part() == Part::Vm {
                form.vm.set_text(field, text.to_string());
            }
        }
        if flags.gives(Side::Main, Way::Count) {
            form.vm.mode = VcpuMode::Count;
        }
        if flags.gives(Side::Main, Way::Topology) {
            // A topology from the file keeps the parts no flag names;
            // otherwise a part no flag names is 1, as in KubeVirt.
            let keep = form.vm.mode == VcpuMode::Topology;
            form.vm.mode = VcpuMode::Topology;
            for field in Field::in_section(Section::VcpuTopology) {
                if !keep && flags.get(Side::Main, field).is_none() {
                    form.vm.set_text(field, "1".to_string());
                }
            }
        }
        let switches = [
            (
                Switch::EmulatorThread,
                self.isolate_emulator_thread,
                self.no_isolate_emulator_thread,
            ),
            (
                Switch::EmulatorParity,
                self.emulator_thread_parity,
                self.no_emulator_thread_parity,
            ),
            (
                Switch::FullPcpusOnly,
                self.full_pcpus_only,
                self.no_full_pcpus_only,
            ),
        ];
        for (switch, on, off) in switches {
            if on || off {
                form.set_switch(switch, on);
            }
        }
        if self.policy.is_some() {
            form.cluster.policy = self.policy;
        }
        if self.hugepage_size.is_some() {
            form.vm.hugepage_size = self.hugepage_size;
        }
        if let Some(tuning) = self.node_tuning {
            form.cluster.node_tuning = tuning;
        }
        if let Some(policy) = self.memory_manager {
            form.cluster.memory_manager = Some(policy);
        }
    }
}
