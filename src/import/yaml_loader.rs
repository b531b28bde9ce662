//! YAML documents from yaml-rust2's parser events, built as its `YamlLoader`
//! builds them, except that a plain scalar is read only as a whole number, a
//! boolean, null or text. The planner reads no fractions (a quantity such as
//! `1.5` stays text for `quantity` to read), and leaving out float parsing
//! keeps the importer worker within its size budget.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, ScanError, TScalarStyle};
use yaml_rust2::yaml::Hash;
use yaml_rust2::Yaml;

/// A collection being built: a sequence, or a mapping and the key waiting
/// for its value.
enum Open {
    Sequence(Vec<Yaml>, usize),
    Mapping(Hash, Option<Yaml>, usize),
}

#[derive(Default)]
struct Loader {
    docs: Vec<Yaml>,
    open: Vec<Open>,
    /// Anchored nodes by the parser's anchor id, for aliases (rare in
    /// Kubernetes objects: a list, no hash map, keeps the worker small).
    anchors: Vec<(usize, Yaml)>,
}

/// Every document of `text`.
pub fn load(text: &str) -> Result<Vec<Yaml>, ScanError> {
    let mut loader = Loader::default();
    Parser::new_from_str(text).load(&mut loader, true)?;
    Ok(loader.docs)
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
    /// A finished node goes into the collection that holds it, or is a
    /// document.
    fn finish(&mut self, node: Yaml, anchor: usize) {
        if anchor > 0 {
            self.anchors.push((anchor, node.clone()));
        }
        match self.open.last_mut() {
            None => self.docs.push(node),
            Some(Open::Sequence(items, _)) => items.push(node),
            Some(Open::Mapping(hash, key, _)) => match key.take() {
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
        match event {
            Event::Scalar(text, style, anchor, _) => {
                let node = if style == TScalarStyle::Plain {
                    plain(text)
                } else {
                    Yaml::String(text)
                };
                self.finish(node, anchor);
            }
            Event::SequenceStart(anchor, _) => self.open.push(Open::Sequence(Vec::new(), anchor)),
            Event::MappingStart(anchor, _) => {
                self.open.push(Open::Mapping(Hash::new(), None, anchor))
            }
            Event::SequenceEnd | Event::MappingEnd => match self.open.pop() {
                Some(Open::Sequence(items, anchor)) => self.finish(Yaml::Array(items), anchor),
                Some(Open::Mapping(hash, _, anchor)) => self.finish(Yaml::Hash(hash), anchor),
                None => {}
            },
            Event::Alias(anchor) => {
                let node = self
                    .anchors
                    .iter()
                    .rev()
                    .find(|(id, _)| *id == anchor)
                    .map_or(Yaml::BadValue, |(_, node)| node.clone());
                self.finish(node, 0);
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
        let e = load("a: [1,\n").unwrap_err();
        assert_eq!(e.marker().line(), 2);
    }
}
