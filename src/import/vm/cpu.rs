//! A VM's vCPUs: a topology, a CPU request, an instance type's guest count,
//! or KubeVirt's default of one.

use super::kind::VmKind;
use crate::domain::{Advisory, AdvisoryCode, Field, Source, VcpuSpec};
use crate::import::error::token;
use crate::import::quantity::whole_cpus;
use crate::import::yaml::Place;
use crate::import::ImportError;

/// A VM's vCPUs as read.
pub struct Vcpus {
    pub spec: VcpuSpec,
    /// The read line that says where they came from.
    pub line: String,
    /// When the CPU request and limit differ.
    pub note: Option<Advisory>,
}

impl From<(VcpuSpec, String)> for Vcpus {
    fn from((spec, line): (VcpuSpec, String)) -> Self {
        Vcpus {
            spec,
            line,
            note: None,
        }
    }
}

/// The vCPUs of `object`.
pub fn vcpus(object: &Place, kind: VmKind) -> Result<Vcpus, ImportError> {
    let layout = kind.layout();
    let cpu = object.at(layout.cpu);
    let Some(resources) = layout.resources else {
        let guest = cpu.at("guest");
        let v = guest
            .count(Field::Vcpus)?
            .ok_or_else(|| guest.error("no vCPU count."))?;
        return Ok((VcpuSpec::Count(v), format!("vCPUs {v} from {}", guest.path)).into());
    };
    if let Some(found) = topology(&cpu)? {
        return Ok(found.into());
    }
    request(object, resources, kind)
}

/// sockets x cores x threads, when any of them is set.
fn topology(cpu: &Place) -> Result<Option<(VcpuSpec, String)>, ImportError> {
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
    let line = format!(
        "vCPUs {v} = sockets {s} x cores {c} x threads {t} from {}",
        cpu.path
    );
    Ok(Some((spec, line)))
}

/// The CPU limit, else the CPU request, without a topology (KubeVirt takes
/// the limit first); KubeVirt's one vCPU when there is neither. A request
/// that differs from the limit gets a note.
fn request(object: &Place, resources: &str, kind: VmKind) -> Result<Vcpus, ImportError> {
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
        return Ok((
            VcpuSpec::Count(1),
            format!(
                "vCPUs 1: no CPU topology or CPU request in the {}, KubeVirt's default",
                kind.name()
            ),
        )
            .into());
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
    Ok(Vcpus {
        spec: VcpuSpec::Count(v),
        line: format!(
            "vCPUs {v} from {} (no topology: KubeVirt gives one socket per vCPU)",
            place.path
        ),
        note,
    })
}
