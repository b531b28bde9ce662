//! Where an imported value came from, as data: the page's "from ..." marks
//! and the read lines are both written from it.

use std::fmt;

/// Where in the pasted or given files a value was read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    /// The file: a pasted file's name or the page's name for its text area,
    /// the command's path; empty when the caller named none.
    pub file: String,
    /// What in the file gave it: an object ("VirtualMachine vm1",
    /// "KubeletConfig"), or the command whose output it is ("lscpu",
    /// "numactl --hardware", "sysfs").
    pub source: String,
    /// Where in that: a field path ("spec.domain.cpu.cores"), a line, or
    /// empty for the whole object or output.
    pub path: String,
}

impl Origin {
    /// `source` at `path`, in no file yet (`Origin::in_file` names it).
    pub fn new(source: impl Into<String>, path: impl Into<String>) -> Self {
        Origin {
            file: String::new(),
            source: source.into(),
            path: path.into(),
        }
    }

    /// The same place, in `file`.
    pub fn in_file(self, file: &str) -> Self {
        Origin {
            file: file.to_string(),
            ..self
        }
    }

    /// The same file and source, at `path`.
    pub fn at(&self, path: impl Into<String>) -> Origin {
        Origin {
            path: path.into(),
            ..self.clone()
        }
    }

    /// "file: source path", as the page marks a field with it.
    pub fn mark(&self) -> String {
        match (self.file.is_empty(), self.to_string()) {
            (true, place) => place,
            (false, place) if place.is_empty() => self.file.clone(),
            (false, place) => format!("{}: {place}", self.file),
        }
    }
}

/// "source path": what read lines say after "from" (the file is said once,
/// by the file list or the mark).
impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.source.is_empty(), self.path.is_empty()) {
            (_, true) => f.write_str(&self.source),
            (true, false) => f.write_str(&self.path),
            (false, false) => write!(f, "{} {}", self.source, self.path),
        }
    }
}

/// The link keys (`share::keys`) of the values an import set, each with
/// where its value came from.
pub type Origins = Vec<(&'static str, Origin)>;

/// The origin of `key` in `origins`.
pub fn origin_of<'a>(origins: &'a [(&'static str, Origin)], key: &str) -> Option<&'a Origin> {
    origins.iter().find(|(k, _)| *k == key).map(|(_, o)| o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_and_places() {
        let o = Origin::new("VirtualMachine vm1", "spec.domain.cpu");
        assert_eq!(o.to_string(), "VirtualMachine vm1 spec.domain.cpu");
        assert_eq!(o.mark(), "VirtualMachine vm1 spec.domain.cpu");
        let o = o.in_file("vm.yaml");
        assert_eq!(o.mark(), "vm.yaml: VirtualMachine vm1 spec.domain.cpu");
        assert_eq!(
            Origin::new("lscpu", "").in_file("l.txt").mark(),
            "l.txt: lscpu"
        );
        assert_eq!(Origin::default().in_file("x").mark(), "x");
    }
}
