//! A VM's vCPUs: a topology, a CPU request, an instance type's guest count,
//! or KubeVirt's default of one.

use super::kind::VmKind;
use crate::domain::{Advisory, AdvisoryCode, Field, Source, VcpuSpec};
use crate::import::error::token;
use crate::import::origin::Origin;
use crate::import::quantity::whole_cpus;
use crate::import::yaml::Place;
use crate::import::ImportError;

/// A VM's vCPUs as read.
pub struct Vcpus {
    pub spec: VcpuSpec,
    /// Where they came from: the object (`from`) at the place read.
    pub from: Origin,
    /// The read line that says where they came from, written from `from`.
    pub line: String,
    /// When the CPU request and limit differ.
    pub note: Option<Advisory>,
}

impl From<(VcpuSpec, Origin, String)> for Vcpus {
    fn from((spec, from, line): (VcpuSpec, Origin, String)) -> Self {
        Vcpus {
            spec,
            from,
            line,
            note: None,
        }
    }
}

/// The vCPUs of `object`, which `from` names.
pub fn vcpus(object: &Place, kind: VmKind, from: &Origin) -> Result<Vcpus, ImportError> {
    let layout = kind.layout();
    let cpu = object.at(layout.cpu);
    let Some(resources) = layout.resources else {
        let guest = cpu.at("guest");
        let v = guest
            .count(Field::Vcpus)?
            .ok_or_else(|| guest.error("no vCPU count."))?;
        let at = from.at(&guest.path);
        let line = format!("vCPUs {v} from {at}");
        return Ok((VcpuSpec::Count(v), at, line).into());
    };
    if let Some(found) = topology(&cpu, from)? {
        return Ok(found.into());
    }
    request(object, resources, from)
}

/// sockets x cores x threads, when any of them is set.
fn topology(cpu: &Place, from: &Origin) -> Result<Option<(VcpuSpec, Origin, String)>, ImportError> {
    let part = |key: &str, field: Field| cpu.at(key).count(field);
    let (s, c, t) = (
        part("sockets", Field::Sockets)?,
        part("cores", Field::Cores)?,
        part("threads", Field::Threads)?,
    );
    if s.is_none() && c.is_none() && t.is_none() {
        return Ok(None);
    }
    let (s, c, t) = (s.unwrap_or(1), c.unwrap_or(1), t.unwrap_or(1));
    let product = u64::from(s) * u64::from(c) * u64::from(t);
    let v = Field::Vcpus.check(product).map_err(|e| {
        cpu.error(format!(
            "sockets {s} x cores {c} x threads {t}: {}.",
            e.message
        ))
    })?;
    let spec = VcpuSpec::Topology {
        sockets: s,
        cores: c,
        threads: t,
    };
    let at = from.at(&cpu.path);
    let line = format!("vCPUs {v} = sockets {s} x cores {c} x threads {t} from {at}");
    Ok(Some((spec, at, line)))
}

/// The CPU limit, else the CPU request, without a topology (KubeVirt takes
/// the limit first); KubeVirt's one vCPU when there is neither. A request
/// that differs from the limit gets a note.
fn request(object: &Place, resources: &str, from: &Origin) -> Result<Vcpus, ImportError> {
    let resources = object.at(resources);
    let (limit, request) = (resources.at("limits.cpu"), resources.at("requests.cpu"));
    let limit_v = whole_cpus(&limit, Field::Vcpus)?;
    // With a limit, the request only needs to match it, so any text will do.
    let request_v = match limit_v {
        Some(_) => whole_cpus(&request, Field::Vcpus).ok().flatten(),
        None => whole_cpus(&request, Field::Vcpus)?,
    };
    let Some((place, v)) = limit_v
        .map(|v| (&limit, v))
        .or(request_v.map(|v| (&request, v)))
    else {
        let line = format!("vCPUs 1: no CPU topology or CPU request in {from}, KubeVirt's default");
        return Ok((VcpuSpec::Count(1), from.clone(), line).into());
    };
    let differs = limit_v.is_some() && request.string().is_some() && request_v != limit_v;
    let note = differs.then(|| Advisory {
        code: AdvisoryCode::CpuRequestsDifferFromLimits,
        message: format!(
            "{} is {} but {} is {v}: with dedicated CPUs they must be equal. The planner used the limit, {v} vCPUs, as KubeVirt does for the default topology.",
            request.path,
            token(&request.string().unwrap_or_default()),
            limit.path
        ),
        source: &Source::KUBEVIRT_DEDICATED_CPUS,
    });
    let at = from.at(&place.path);
    Ok(Vcpus {
        spec: VcpuSpec::Count(v),
        line: format!("vCPUs {v} from {at} (no topology: KubeVirt gives one socket per vCPU)"),
        from: at,
        note,
    })
}
