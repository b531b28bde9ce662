//! Where one pasted text holds several outputs or objects: YAML's `---`
//! lines, and where a new one starts without one (a paste of several
//! outputs one after the other).

use super::topology::Command;
use super::{lscpu, lscpu_table, numactl, sysfs};
use crate::import::error::token;
use crate::import::prompt::{is_command, is_command_line, is_prompt};
use crate::import::ImportError;

/// What the lines of the part so far hold, kept as lines come so that
/// splitting stays linear in the text's length.
#[derive(Default)]
struct Scan {
    /// A line other than blank, prompt and command lines.
    content: bool,
    /// A top-level `apiVersion:` or `kind:` line.
    api_version: bool,
    kind: bool,
    /// The last non-blank line is a `#` comment (lscpu -p's header follows
    /// its comment lines).
    after_comment: bool,
    /// Lines only command output has: lscpu's, numactl's `available:` and
    /// `node N cpus:`, an lscpu table's header, sysfs huge page data.
    lscpu: bool,
    available: bool,
    node_cpus: bool,
    table: bool,
    sysfs: bool,
}

impl Scan {
    fn add(&mut self, line: &str) {
        if line.trim().is_empty() {
            return;
        }
        self.after_comment = line.trim_start().starts_with('#');
        if is_command_line(line) {
            return;
        }
        let first = !self.content;
        self.content = true;
        self.api_version |= line.starts_with("apiVersion:");
        self.kind |= line.starts_with("kind:");
        self.lscpu |= lscpu::looks_like(line);
        self.available |= numactl::is_available_line(line);
        self.node_cpus |= numactl::is_cpus_line(line);
        // `-e`'s header is its first line; `-p`'s follows comments.
        self.table |= match lscpu_table::form(line) {
            Some(Command::LscpuParsable) => true,
            Some(_) => first,
            None => false,
        };
        self.sysfs |= sysfs::has_data(line);
    }

    /// Whether the part is command output the planner reads (lscpu in its
    /// forms, numactl, sysfs huge page lines).
    fn is_output(&self) -> bool {
        self.lscpu || (self.available && self.node_cpus) || self.table || self.sysfs
    }

    /// Whether `line` starts a new output or object after the part, in a
    /// paste of several without `---` between them: a shell prompt line
    /// (not a bare `#`, which YAML comments look like) or a bare command
    /// line; a header only an output starts with (lscpu's `Architecture:`
    /// or its `-e` or `-p` header, `-p`'s not after its comment lines,
    /// numactl's `available:`); lscpu's `NUMA node(s):` or `Thread(s) per
    /// core:` or numactl's `node N cpus:` at column 0 after an object; a
    /// top-level `apiVersion:` or `kind:` when the part already has one, or
    /// is command output; a JSON object (`{` at column 0) after command
    /// output. Not when the part so far is only
    /// prompt or command lines.
    fn starts_anew(&self, line: &str) -> bool {
        if !self.content {
            return false;
        }
        let bare_hash = line.trim_start().starts_with("# ") || line.trim() == "#";
        // Only at column 0: a script in an object (cloud-init's userData)
        // holds indented command lines.
        let at_start = !line.starts_with(char::is_whitespace);
        if at_start && ((is_prompt(line) && !bare_hash) || is_command(line)) {
            return true;
        }
        if line.starts_with("Architecture:")
            || line.starts_with("available:")
            || line.starts_with("# The following is the parsable format")
            || (lscpu_table::starts_table(line) && !self.after_comment)
        {
            return true;
        }
        let output = self.is_output();
        // Output cut above its header (`NUMA node(s):`, `node 0 cpus:`)
        // after an object: YAML would read its lines as the object's keys.
        let object = (self.api_version || self.kind) && !output;
        if object
            && !line.starts_with(char::is_whitespace)
            && (lscpu::looks_like(line) || numactl::is_cpus_line(line))
        {
            return true;
        }
        // `oc get -o json` or `lscpu -J` after command output.
        (line.starts_with('{') && output)
            || (line.starts_with("apiVersion:") && (self.api_version || output))
            || (line.starts_with("kind:") && (self.kind || output))
    }
}

/// The kind an object's `kind:` line names (`kind: VirtualMachineInstance`,
/// `- kind: Pod` in a list, JSON's `"kind": "Pod"`): command output has no
/// such line.
fn object_kind(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let line = line.strip_prefix("- ").unwrap_or(line).trim_start();
    let value = line
        .strip_prefix("kind:")
        .or_else(|| line.strip_prefix("\"kind\":"))?;
    let kind = value.trim().trim_end_matches(',').trim_matches('"').trim();
    (!kind.is_empty()).then_some(kind)
}

/// Refuses command output (`output` names it) whose part also holds an
/// object, which reading the part as output would drop: the two were
/// pasted with no line where one ends that the split sees (an object
/// indented, output cut above its header). Names what would be dropped.
pub(super) fn check_unsplit(part: &str, output: &str) -> Result<(), ImportError> {
    let Some(kind) = part.lines().find_map(object_kind) else {
        return Ok(());
    };
    Err(ImportError::whole(format!(
        "This text holds {output} output and a {} with no line between them where one ends and the other starts; read as {output} output, the {} would be dropped. Put a line --- between them, or paste each on its own.",
        token(kind),
        token(kind)
    )))
}

/// Splits on YAML's `---` document lines, so command output and Kubernetes
/// objects can be pasted together, and where a new output or object starts
/// without one (`Scan::starts_anew`). A part of only prompt and command
/// lines (the shell's next prompt) is nothing, and left out.
pub(crate) fn parts(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let (mut part, mut scan) = (String::new(), Scan::default());
    for line in text.lines() {
        let document_line = line.trim_end() == "---";
        if document_line || scan.starts_anew(line) {
            if scan.content {
                parts.push(std::mem::take(&mut part));
            }
            (part, scan) = (String::new(), Scan::default());
        }
        if !document_line {
            scan.add(line);
            part.push_str(line);
            part.push('\n');
        }
    }
    if scan.content {
        parts.push(part);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_split_on_document_lines() {
        assert_eq!(parts("a\n---\nb\n--- \n\n---\n"), ["a\n", "b\n"]);
        assert_eq!(parts("a: ---\n"), ["a: ---\n"]);
        assert!(parts("---\n").is_empty());
    }

    #[test]
    fn parts_split_where_a_new_output_or_object_starts() {
        let lscpu = "Architecture: x86_64\nThread(s) per core: 1\nNUMA node(s): 1\nNUMA node0 CPU(s): 0-3\n";
        let vmi =
            "apiVersion: kubevirt.io/v1\nkind: VirtualMachineInstance\nmetadata:\n  name: x\n";
        let numactl = "available: 1 nodes (0)\nnode 0 cpus: 0 1 2 3\n";
        let extended = "CPU NODE SOCKET CORE\n0 0 0 0\n";
        let parsable = "# The following is the parsable format, which can be fed to other\n# CPU,Core,Socket,Node\n0,0,0,0\n";
        let prompted = (
            format!("$ oc get vmi x -o yaml\n{vmi}"),
            format!("[core@w0 ~]$ lscpu\n{lscpu}"),
            format!("oc get vmi x -o yaml\n{vmi}"),
            format!("sh-5.1# numactl -H\n{numactl}"),
            format!("lscpu\n{lscpu}"),
        );
        let cases: &[&[&str]] = &[
            &[vmi, lscpu],
            &[lscpu, vmi],
            &[vmi, vmi],
            &[numactl, "kind: KubeletConfiguration\n"],
            &[lscpu, numactl, extended, parsable],
            &[&prompted.0, &prompted.1],
            &[&prompted.2, &prompted.4],
            &[parsable, &prompted.3],
            &[vmi, "NUMA node(s): 1\nNUMA node0 CPU(s): 0-3\n"],
            &[vmi, "node 0 cpus: 0 1 2 3\n"],
            &[lscpu, "{\"kind\": \"VirtualMachineInstance\"}\n"],
        ];
        for case in cases {
            assert_eq!(parts(&case.concat()), *case, "{case:?}");
        }
        // One object's keys in any order, comments and prompts alone stay,
        // and so do a script's indented command lines.
        for whole in [
            "kind: VirtualMachine\nspec:\n  userData: |\n    #!/bin/sh\n    cat /proc/cpuinfo\n    $ lscpu\n",
            "kind: VirtualMachine\napiVersion: kubevirt.io/v1\n",
            "# a comment\n# oc get nrt -o yaml\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n",
            "$ oc get vm x -o yaml\napiVersion: v1\n",
            "kubectl get vm x -o yaml\napiVersion: v1\n",
        ] {
            assert_eq!(parts(whole), [whole], "{whole}");
        }
    }

    #[test]
    fn lines_that_could_each_start_a_part_lose_nothing() {
        // Its speed on 2^18 such lines is in the benchmark (scripts/bench.sh).
        for line in ["{\n", "$\n", "kind: x\n", "\n"] {
            let text = format!("x: 1\n{}", line.repeat(1 << 10));
            let kept: usize = parts(&text).iter().map(|p| p.lines().count()).sum();
            // Prompt lines alone are not read (they name no output).
            let read = text.lines().filter(|l| *l != "$").count();
            assert_eq!(kept, read, "{line:?}");
        }
    }
}
