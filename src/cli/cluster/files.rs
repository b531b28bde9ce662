//! The files of a cluster: --file as given, --dir walked for YAML and
//! JSON files, bounded.

use crate::cli::args::read_file;
use crate::cli::error::CliError;
use crate::import::MAX_INPUT_BYTES;
use std::path::Path;

/// Deepest directory level walked below --dir (a must-gather is about 10).
const MAX_DEPTH: usize = 32;
/// Most files read below one --dir.
const MAX_FILES: usize = 100_000;

/// The texts read, each with its name, and notes on what was skipped.
#[derive(Default)]
pub struct Files {
    pub texts: Vec<(String, String)>,
    pub skipped: Vec<String>,
}

impl Files {
    /// Reads each --file (`-` is stdin); a file that cannot be read is bad
    /// input.
    pub fn add_files(&mut self, paths: &[String]) -> Result<(), CliError> {
        for path in paths {
            let text = read_file("--file", path)?;
            let name = if path == "-" { "stdin" } else { path };
            self.texts.push((name.to_string(), text));
        }
        Ok(())
    }

    /// Walks a --dir: its .yaml, .yml and .json files at any depth (to
    /// `MAX_DEPTH`), in name order, each named by its path below the
    /// directory. Symbolic links are not followed; a file over the size
    /// limit or not UTF-8 is skipped with a note.
    pub fn add_dir(&mut self, dir: &str) -> Result<(), CliError> {
        let root = Path::new(dir);
        if !root.is_dir() {
            return Err(CliError::file("--dir", dir, "not a directory"));
        }
        let mut seen = 0;
        self.walk(root, root, 0, &mut seen)
            .map_err(|e| CliError::file("--dir", dir, e))
    }

    fn walk(
        &mut self,
        root: &Path,
        dir: &Path,
        depth: usize,
        seen: &mut usize,
    ) -> Result<(), String> {
        let named = |p: &Path| {
            p.strip_prefix(root)
                .unwrap_or(p)
                .to_string_lossy()
                .into_owned()
        };
        if depth > MAX_DEPTH {
            self.skipped.push(format!(
                "{}: skipped, deeper than {MAX_DEPTH} directories",
                named(dir)
            ));
            return Ok(());
        }
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", named(dir)))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        entries.sort();
        for path in entries {
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                self.walk(root, &path, depth + 1, seen)?;
                continue;
            }
            let ours = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                matches!(e.to_ascii_lowercase().as_str(), "yaml" | "yml" | "json")
            });
            if !meta.is_file() || !ours {
                continue;
            }
            *seen += 1;
            if *seen > MAX_FILES {
                self.skipped
                    .push(format!("files past the first {MAX_FILES}: skipped"));
                return Ok(());
            }
            let name = named(&path);
            if meta.len() > MAX_INPUT_BYTES as u64 {
                self.skipped.push(format!(
                    "{name}: skipped, {} KB is over the {} MB a file may have",
                    meta.len() / 1024,
                    MAX_INPUT_BYTES / (1024 * 1024)
                ));
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(text) => self.texts.push((name, text)),
                Err(e) => self.skipped.push(format!("{name}: skipped, {e}")),
            }
        }
        Ok(())
    }
}
