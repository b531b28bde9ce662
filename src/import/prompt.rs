//! The shell prompt and command that people paste above a command's output:
//! `$ kubectl get vmi x -o yaml`, `[core@worker-0 ~]$ lscpu`,
//! `sh-5.1# numactl -H`, `root@host:~# grep . /sys/...`.

use std::borrow::Cow;

/// Whether `line` is a prompt (bare, bracketed or `user@host:dir`, ending in
/// `$`, `#` or `%`) and then a command word that starts in lower case or is
/// a path, or nothing. Real content never looks like that: lscpu's
/// `# CPU,Core,...` header starts upper case, YAML keys end in `:`, and a
/// YAML comment such as `# oc get nrt -o yaml` may be skipped anyway.
pub fn is_prompt(line: &str) -> bool {
    let line = line.trim();
    let rest = match line.strip_prefix('[') {
        // `[user@host dir]$ command`: the prompt's own space is inside.
        Some(inner) => match inner.split_once(']') {
            Some((_, after)) => after,
            None => return false,
        },
        None => line,
    };
    let (prompt, command) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let command = command.trim_start();
    prompt.ends_with(['$', '#', '%'])
        && (command.is_empty()
            || command
                .starts_with(|c: char| c.is_ascii_lowercase() || matches!(c, '.' | '/' | '~')))
}

/// The commands whose output the planner reads, as people paste them
/// above it without a prompt: `kubectl get vmi x -o yaml`, `oc debug
/// node/w -- chroot /host lscpu`, `numactl -H`, `grep . /sys/...`.
const COMMANDS: [&str; 10] = [
    "kubectl", "oc", "lscpu", "numactl", "grep", "cat", "virtctl", "chroot", "ssh", "virsh",
];

/// Whether `line` is a bare command line (no prompt) of one of `COMMANDS`,
/// perhaps after `sudo`: its first word is the command itself, which no
/// line of their output or of YAML starts with (a key ends in `:`).
pub fn is_command(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let first = match words.next() {
        Some("sudo") => words.next(),
        first => first,
    };
    first.is_some_and(|word| COMMANDS.contains(&word))
}

/// Whether `line` is a prompt line or a bare command line: what people
/// paste above an output.
pub fn is_command_line(line: &str) -> bool {
    is_prompt(line) || is_command(line)
}

/// `text` with its first non-blank line blanked when that line is a prompt
/// or a bare command line;
/// the line itself stays, so errors name the same line numbers as the paste.
pub fn without_prompt(text: &str) -> Cow<'_, str> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            start += line.len();
            continue;
        }
        if !is_command_line(line) {
            break;
        }
        let end = start + line.trim_end_matches(['\n', '\r']).len();
        return Cow::Owned(format!("{}{}", &text[..start], &text[end..]));
    }
    Cow::Borrowed(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts_and_their_commands() {
        for line in [
            "$ kubectl get vmi x -o yaml",
            "[core@worker-0 ~]$ lscpu",
            "# oc get nrt -o yaml",
            "sh-5.1# numactl -H",
            "root@host:~# lscpu -e",
            "user@host:~/support$ ./collect.sh",
            "% /usr/bin/lscpu",
            "$",
            "  $ lscpu  ",
        ] {
            assert!(is_prompt(line), "{line}");
        }
        for line in [
            "apiVersion: v1",
            "# CPU,Core,Socket,Node,,L1d,L1i,L2,L3",
            "# The following is the parsable format, which can be fed to other",
            "CPU NODE SOCKET CORE L1d:L1i:L2:L3 ONLINE",
            "available: 2 nodes (0-1)",
            "Architecture:             x86_64",
            "[{\"name\":\"worker\",\"nodes\":null}]",
            "[core@worker-0 ~",
            "/sys/devices/system/node/node0/hugepages/hugepages-2048kB/free_hugepages:3",
            "",
        ] {
            assert!(!is_prompt(line), "{line}");
        }
    }

    #[test]
    fn bare_command_lines() {
        for line in [
            "kubectl get vmi x -o yaml",
            "oc get vm db -n prod -o yaml",
            "lscpu",
            "numactl -H",
            "  sudo numactl --hardware",
            "grep . /sys/devices/system/node/node*/hugepages/hugepages-*/free_hugepages",
            "oc debug node/worker-0 -- chroot /host lscpu",
        ] {
            assert!(is_command(line), "{line}");
        }
        for line in [
            "lscpu: 1",
            "kind: VirtualMachine",
            "Architecture: x86_64",
            "node 0 cpus: 0 1",
            "available: 2 nodes (0-1)",
            "CPU NODE SOCKET CORE",
            "sudo",
            "",
        ] {
            assert!(!is_command(line), "{line}");
        }
        assert_eq!(
            without_prompt("kubectl get vmi x -o yaml\nkind: VirtualMachineInstance\n"),
            "\nkind: VirtualMachineInstance\n"
        );
    }

    #[test]
    fn only_a_leading_prompt_is_blanked_and_lines_keep_their_numbers() {
        assert_eq!(
            without_prompt("\n$ oc get vm x -o yaml\r\nkind: VirtualMachine\n"),
            "\n\r\nkind: VirtualMachine\n"
        );
        assert_eq!(without_prompt("$ lscpu"), "");
        let content = "kind: List\n$ not a prompt here\n";
        assert!(matches!(without_prompt(content), Cow::Borrowed(t) if t == content));
        assert_eq!(without_prompt(""), "");
    }
}
