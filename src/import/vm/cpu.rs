//! A VM's vCPUs: a topology, a CPU request, an instance type's guest count,
//! or KubeVirt's default of one.

use super::kind::VmKind;
use crate::domain::{Field, VcpuSpec};
use crate::import::quantity::whole_cpus;
use crate::import::yaml::Place;
use crate::import::ImportError;

/// The vCPUs of `object`, with the read line that says where they came from.
pub fn vcpus(object: &Place, kind: VmKind) -> Result<(VcpuSpec, String), ImportError> {
    let layout = kind.layout();
    let cpu = object.at(layout.cpu);
    let Some(resources) = layout.resources else {
        let guest = cpu.at("guest");
        let v = guest
            .count(Field::Vcpus)?
            .ok_or_else(|| guest.error("no vCPU count."))?;
        return Ok((VcpuSpec::Count(v), format!("vCPUs {v} from {}", guest.path)));
    };
    if let Some(found) = topology(&cpu)? {
        return Ok(found);
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

/// The CPU request (or limit) without a topology; KubeVirt's one vCPU
/// when there is neither.
fn request(
    object: &Place,
    resources: &str,
    kind: VmKind,
) -> Result<(VcpuSpec, String), ImportError> {
    let resources = object.at(resources);
    let found = [resources.at("requests.cpu"), resources.at("limits.cpu")]
        .into_iter()
        .find(Place::is_present);
    let Some(place) = found else {
        return Ok((
            VcpuSpec::Count(1),
            format!(
                "vCPUs 1: no CPU topology or CPU request in the {}, KubeVirt's default",
                kind.name()
            ),
        ));
    };
    let v = whole_cpus(&place, Field::Vcpus)?.unwrap_or(1);
    Ok((
        VcpuSpec::Count(v),
        format!(
            "vCPUs {v} from {} (no topology: KubeVirt gives one socket per vCPU)",
            place.path
        ),
    ))
}
