//! `vnuma-planner cluster`: a cluster in use, read from its files, and
//! where each VM can migrate now, which nodes drain, how many more fit.

mod files;
mod json;
mod text;

use super::args::{read_file, ClusterArgs, ClusterFormat};
use super::error::CliError;
use crate::domain::cluster::{Capacity, Cluster, Drain, InstancetypeFit, Target};
use crate::domain::{ScenarioInput, Vm};
use crate::form::FormState;
use crate::import::{import_cluster, import_vm_in};
use files::Files;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

/// Everything the command says about a cluster.
pub struct Answer {
    pub cluster: Cluster,
    /// Per VM, its targets.
    pub targets: Vec<Vec<Target>>,
    /// Per node.
    pub drains: Vec<Drain>,
    pub capacity: Option<Capacity>,
    pub instancetypes: Vec<InstancetypeFit>,
    pub read: Vec<String>,
}

pub fn run(args: &ClusterArgs) -> Result<String, CliError> {
    let format = args.format.unwrap_or_default();
    if args.file.is_empty() && args.dir.is_empty() {
        return Err(CliError::Usage(
            "the cluster's files are needed: give --file or --dir (see --help)".into(),
        ));
    }
    let shape = capacity_vm(args)?;
    let mut types = Vec::new();
    for path in &args.instancetypes_file {
        let text = read_file("--instancetypes-file", path)?;
        let read = import_cluster(&[(path.as_str(), text.as_str())]);
        if read.instancetypes.is_empty() {
            return Err(CliError::file(
                "--instancetypes-file",
                path,
                "holds no VirtualMachineClusterInstancetype or VirtualMachineInstancetype",
            ));
        }
        types.extend(read.instancetypes);
    }
    let mut files = Files::default();
    files.add_files(&args.file)?;
    for dir in &args.dir {
        files.add_dir(dir)?;
    }
    let texts: Vec<(&str, &str)> = files
        .texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let mut read = import_cluster(&texts);
    if read.cluster.nodes.is_empty() {
        let first = match read.cluster.unmatched.first() {
            Some(line) => format!(" (first of what was not read: {line})"),
            None => String::new(),
        };
        return Err(CliError::Input(format!(
            "--file/--dir: no NodeResourceTopology could be read; the cluster needs one per worker node{first}"
        )));
    }
    read.cluster.unmatched.splice(0..0, files.skipped);
    types.extend(read.instancetypes);
    let answer = answer(read.cluster, shape, &types, read.read);
    Ok(match format {
        ClusterFormat::Text => text::text(&answer),
        ClusterFormat::Markdown => text::markdown(&answer),
        ClusterFormat::Csv => text::csv(&answer),
        ClusterFormat::Json => json::answer(&answer),
    })
}

/// The VM shape --capacity-vcpus or --capacity-vm-file gives.
fn capacity_vm(args: &ClusterArgs) -> Result<Option<Vm>, CliError> {
    if let Some(text) = &args.capacity_vcpus {
        let input = ScenarioInput::default().with_vcpus(text.as_str());
        let scenario = input.parse().map_err(|errors| {
            CliError::Input(format!(
                "--capacity-vcpus: {}",
                errors
                    .iter()
                    .map(|e| e.message.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ))
        })?;
        return Ok(Some(scenario.vm));
    }
    let Some(path) = &args.capacity_vm_file else {
        return Ok(None);
    };
    let flag = "--capacity-vm-file";
    let text = read_file(flag, path)?;
    let import = import_vm_in(&[(path.as_str(), text.as_str())], None)
        .map_err(|e| CliError::file(flag, path, e))?;
    let mut form = FormState::default();
    import.apply(&mut form);
    let scenario = form.input().parse().map_err(|errors| {
        CliError::file(
            flag,
            path,
            errors
                .iter()
                .map(|e| e.message.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    Ok(Some(scenario.vm))
}

/// A progress line on stderr, drawn only on a terminal.
fn progress(len: usize, what: &'static str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len}") {
        bar.set_style(style);
    }
    bar.set_message(what);
    bar
}

/// Every question asked of the cluster.
pub fn answer(
    cluster: Cluster,
    shape: Option<Vm>,
    types: &[(String, Vm)],
    read: Vec<String>,
) -> Answer {
    let (targets, drains) = {
        let judge = cluster.judge();
        let bar = progress(cluster.vms.len(), "VMs");
        let targets = (0..cluster.vms.len())
            .map(|i| {
                bar.inc(1);
                judge.targets(i)
            })
            .collect();
        bar.finish_and_clear();
        let bar = progress(cluster.nodes.len(), "drains");
        let drains = (0..cluster.nodes.len())
            .map(|n| {
                bar.inc(1);
                judge.drain(n)
            })
            .collect();
        bar.finish_and_clear();
        (targets, drains)
    };
    Answer {
        capacity: shape.map(|vm| cluster.capacity(&vm)),
        instancetypes: cluster.instancetype_fits(types),
        cluster,
        targets,
        drains,
        read,
    }
}
