//! YAML documents from yaml-rust2's parser events, built as its `YamlLoader`
//! builds them, except that a plain scalar is read only as a whole number, a
//! boolean, null or text. The planner reads no fractions (a quantity such as
//! `1.5` stays text for `quantity` to read), and leaving out float parsing
//! keeps the importer worker within its size budget.
//!
//! The nodes a text produces are bounded by its length: an alias (`*name`)
//! copies the node its anchor (`&name`) names, so a few hundred bytes of
//! nested aliases ("billion laughs") would otherwise build a tree of
//! billions of nodes. Every node, copied ones included, is counted as it is
//! made, and the text is refused as soon as the count passes
//! [`max_nodes`], before the copy that would pass it is made.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, ScanError, TScalarStyle};
use yaml_rust2::yaml::Hash;
use yaml_rust2::Yaml;

/// Why a text gave no documents.
#[derive(Debug)]
pub enum LoadError {
    /// Not YAML: the parser's message and position.
    Scan(ScanError),
    /// More nodes than [`max_nodes`] allows; `aliases` when aliases made
    /// some of them (the only way a text within the size limit gets there).
    TooManyNodes { limit: usize, aliases: bool },
}

/// The most nodes a text of `len` bytes may produce, copies made by aliases
/// included. Without aliases a text makes at most about one node per byte
/// (`{a,b,c}`: a key and a null value per two bytes); a Kubernetes object
/// makes one per ten bytes or fewer. The rest is room for the odd alias.
pub fn max_nodes(len: usize) -> usize {
    len.saturating_mul(2).saturating_add(1024)
}

/// A collection being built: a sequence, or a mapping and the key waiting
/// for its value; with its anchor and the node count when it opened.
enum Open {
    Sequence(Vec<Yaml>, usize, usize),
    Mapping(Hash, Option<Yaml>, usize, usize),
}

struct Loader {
    docs: Vec<Yaml>,
    open: Vec<Open>,
    /// Anchored nodes by the parser's anchor id, with how many nodes each
    /// holds, for aliases (rare in Kubernetes objects: a list, no hash map,
    /// keeps the worker small).
    anchors: Vec<(usize, Yaml, usize)>,
    /// Nodes made so far, the most allowed, and whether aliases copied some.
    nodes: usize,
    limit: usize,
    copied: bool,
    /// Set when the count passed the limit: later events are ignored.
    refused: Option<LoadError>,
}

/// Every document of `text`, or an error as soon as the text is not YAML or
/// makes more nodes than [`max_nodes`] of its length.
pub fn load(text: &str) -> Result<Vec<Yaml>, LoadError> {
    let mut loader = Loader::new(max_nodes(text.len()));
    Parser::new_from_str(text)
        .load(&mut loader, true)
        .map_err(LoadError::Scan)?;
    match loader.refused {
        Some(e) => Err(e),
        None => Ok(loader.docs),
    }
}

/// A plain scalar as YAML 1.2's core schema reads it, without floats.
fn plain(text: String) -> Yaml {
    match text.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => Yaml::Null,
        "true" | "True" | "TRUE" => Yaml::Boolean(true),
        "false" | "False" | "FALSE" => Yaml::Boolean(false),
        _ => match text.strip_prefix('+').unwrap_or(&text).parse::<i64>() {
            Ok(i) => Yaml::Integer(i),
            Err(_) => Yaml::String(text),
        },
    }
}

impl Loader {
    fn new(limit: usize) -> Self {
        Loader {
            docs: Vec::new(),
            open: Vec::new(),
            anchors: Vec::new(),
            nodes: 0,
            limit,
            copied: false,
            refused: None,
        }
    }

    /// Counts `more` nodes about to be made; false (and the text refused,
    /// what was built dropped) when that passes the limit.
    fn count(&mut self, more: usize) -> bool {
        self.nodes = self.nodes.saturating_add(more);
        if self.nodes > self.limit {
            self.refused = Some(LoadError::TooManyNodes {
                limit: self.limit,
                aliases: self.copied,
            });
            self.open.clear();
            self.anchors.clear();
            self.docs.clear();
        }
        self.refused.is_none()
    }

    /// A finished node of `size` nodes goes into the collection that holds
    /// it, or is a document.
    fn finish(&mut self, node: Yaml, anchor: usize, size: usize) {
        if anchor > 0 {
            self.anchors.push((anchor, node.clone(), size));
        }
        match self.open.last_mut() {
            None => self.docs.push(node),
            Some(Open::Sequence(items, ..)) => items.push(node),
            Some(Open::Mapping(hash, key, ..)) => match key.take() {
                None => *key = Some(node),
                Some(k) => {
                    hash.insert(k, node);
                }
            },
        }
    }
}

impl MarkedEventReceiver for Loader {
    fn on_event(&mut self, event: Event, _: Marker) {
        if self.refused.is_some() {
            return;
        }
        let before = self.nodes;
        // The anchored node an alias copies, by its place in `anchors`.
        let copied = match &event {
            Event::Alias(id) => self.anchors.iter().rposition(|(a, ..)| a == id),
            _ => None,
        };
        // Each node is counted before it is made: a refused copy is never built.
        let made = match &event {
            Event::Scalar(..) | Event::SequenceStart(..) | Event::MappingStart(..) => 1,
            Event::Alias(_) => {
                self.copied = true;
                copied.map_or(1, |i| self.anchors[i].2)
            }
            _ => 0,
        };
        if made > 0 && !self.count(made) {
            return;
        }
        match event {
            Event::Scalar(text, style, anchor, _) => {
                let node = if style == TScalarStyle::Plain {
                    plain(text)
                } else {
                    Yaml::String(text)
                };
                self.finish(node, anchor, 1);
            }
            Event::SequenceStart(anchor, _) => {
                self.open.push(Open::Sequence(Vec::new(), anchor, before))
            }
            Event::MappingStart(anchor, _) => {
                self.open
                    .push(Open::Mapping(Hash::new(), None, anchor, before))
            }
            Event::SequenceEnd | Event::MappingEnd => match self.open.pop() {
                Some(Open::Sequence(items, anchor, start)) => {
                    self.finish(Yaml::Array(items), anchor, before - start)
                }
                Some(Open::Mapping(hash, _, anchor, start)) => {
                    self.finish(Yaml::Hash(hash), anchor, before - start)
                }
                None => {}
            },
            Event::Alias(_) => {
                let node = copied.map_or(Yaml::BadValue, |i| self.anchors[i].1.clone());
                self.finish(node, 0, made);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_numbers_booleans_null_or_text() {
        let docs = load("a: 4\nb: '4'\nc: 1.5\nd: true\ne: ~\nf: +7\ng: x\n").unwrap();
        let doc = &docs[0];
        assert_eq!(doc["a"], Yaml::Integer(4));
        assert_eq!(doc["b"], Yaml::String("4".into()));
        assert_eq!(doc["c"], Yaml::String("1.5".into()));
        assert_eq!(doc["d"], Yaml::Boolean(true));
        assert_eq!(doc["e"], Yaml::Null);
        assert_eq!(doc["f"], Yaml::Integer(7));
        assert_eq!(doc["g"], Yaml::String("x".into()));
    }

    #[test]
    fn documents_nesting_json_and_aliases() {
        let docs = load("a: [1, {b: 2}]\n---\n{\"c\": &x [3], \"d\": *x}\n").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0]["a"][1]["b"], Yaml::Integer(2));
        assert_eq!(docs[1]["d"][0], Yaml::Integer(3));
    }

    #[test]
    fn errors_keep_the_parsers_position() {
        let Err(LoadError::Scan(e)) = load("a: [1,\n") else {
            panic!("not a scan error");
        };
        assert_eq!(e.marker().line(), 2);
    }

    /// Nine levels of nine aliases: refused after a few thousand nodes.
    #[test]
    fn nested_aliases_are_refused_at_the_bound() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (prev, name) in "abcdefgh".chars().zip("bcdefghi".chars()) {
            let items = vec![format!("*{prev}"); 9].join(", ");
            text.push_str(&format!("{name}: &{name} [{items}]\n"));
        }
        let limit = max_nodes(text.len());
        match load(&text) {
            Err(LoadError::TooManyNodes { limit: l, aliases }) => {
                assert_eq!(l, limit);
                assert!(aliases);
            }
            other => panic!("{other:?}"),
        }
    }

    /// Anchors and aliases within the bound load as before, counted with
    /// their copies: one mapping, its key, a list of two and two copies.
    #[test]
    fn aliases_within_the_bound_count_their_copies() {
        let text = "k: &l [1, 2]\nm: *l\nn: *l\n";
        let docs = load(text).unwrap();
        assert_eq!(docs[0]["n"][1], Yaml::Integer(2));
        let mut loader = Loader::new(usize::MAX);
        Parser::new_from_str(text).load(&mut loader, true).unwrap();
        // The mapping, three keys, the list of two (3 nodes) and two copies of it.
        assert_eq!(loader.nodes, 1 + 3 + 3 * 3);
    }
}
