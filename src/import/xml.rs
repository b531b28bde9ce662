//! A small reader for the machine-written XML the planner reads (a libvirt
//! domain from `virsh dumpxml`): elements, attributes and text, as a tree.
//! Not a general XML parser: a document type is refused (no entity can
//! expand), only the five predefined entities and character references are
//! decoded, comments, processing instructions and CDATA are handled, and
//! nesting is bounded. A crate (roxmltree) did the same for 26 KB gzip more
//! in the Paste panel's worker, over its 150 KB budget.

use std::iter;

/// Deeper than any domain libvirt writes.
const MOST_DEPTH: usize = 64;

/// One element: its local name (without a namespace prefix), attributes,
/// direct text and child elements.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    attributes: Vec<(String, String)>,
    text: String,
    pub children: Vec<Element>,
}

impl Element {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The element's own text (not its children's), when it has any.
    pub fn text(&self) -> Option<&str> {
        (!self.text.trim().is_empty()).then_some(self.text.as_str())
    }

    /// The child elements named `name`, in order.
    pub fn elements<'e>(&'e self, name: &'e str) -> impl Iterator<Item = &'e Element> + 'e {
        self.children.iter().filter(move |c| c.name == name)
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }
}

/// Reads `text` as one root element, or says why not (with the line).
pub fn parse(text: &str) -> Result<Element, String> {
    let mut reader = Reader { text, at: 0 };
    reader.read().map_err(|e| {
        let line = text[..reader.at.min(text.len())].matches('\n').count() + 1;
        format!("{e} (line {line})")
    })
}

struct Reader<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Reader<'t> {
    fn rest(&self) -> &'t str {
        &self.text[self.at..]
    }

    /// Skips past `end`, or fails naming what was left open.
    fn skip_past(&mut self, end: &str, what: &str) -> Result<(), String> {
        match self.rest().find(end) {
            Some(i) => {
                self.at += i + end.len();
                Ok(())
            }
            None => Err(format!("{what} is not closed")),
        }
    }

    fn read(&mut self) -> Result<Element, String> {
        // Open elements, innermost last; the root is returned when it closes.
        let mut open: Vec<Element> = Vec::new();
        loop {
            let Some(lt) = self.rest().find('<') else {
                return Err(match open.last() {
                    Some(e) => format!("<{}> is not closed", e.name),
                    None => "no element".to_string(),
                });
            };
            let before = &self.rest()[..lt];
            match open.last_mut() {
                Some(e) => e.text.push_str(&decode(before)?),
                None if !before.trim().is_empty() => {
                    return Err("text before the first element".to_string())
                }
                None => {}
            }
            self.at += lt;
            let rest = self.rest();
            if rest.starts_with("<!--") {
                self.skip_past("-->", "a comment")?;
            } else if rest.starts_with("<?") {
                self.skip_past("?>", "a processing instruction")?;
            } else if let Some(cdata) = rest.strip_prefix("<![CDATA[") {
                let end = cdata.find("]]>").ok_or("a CDATA section is not closed")?;
                if let Some(e) = open.last_mut() {
                    e.text.push_str(&cdata[..end]);
                }
                self.at += "<![CDATA[".len() + end + "]]>".len();
            } else if rest.starts_with("<!") {
                return Err("the document has a document type (DTD), which the planner refuses: its entities could expand without bound".to_string());
            } else if let Some(close) = rest.strip_prefix("</") {
                let end = close.find('>').ok_or("a closing tag is not closed")?;
                let name = local(close[..end].trim());
                let element = open.pop().ok_or("a closing tag without its element")?;
                if element.name != name {
                    return Err(format!(
                        "</{name}> closes <{}>",
                        element.name.chars().take(40).collect::<String>()
                    ));
                }
                self.at += 2 + end + 1;
                match open.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => return self.end(element),
                }
            } else {
                let (element, empty) = self.start_tag()?;
                if empty {
                    match open.last_mut() {
                        Some(parent) => parent.children.push(element),
                        None => return self.end(element),
                    }
                } else {
                    if open.len() == MOST_DEPTH {
                        return Err(format!("elements nest deeper than {MOST_DEPTH}"));
                    }
                    open.push(element);
                }
            }
        }
    }

    /// After the root: only comments, processing instructions and space.
    fn end(&mut self, root: Element) -> Result<Element, String> {
        loop {
            let rest = self.rest().trim_start();
            self.at = self.text.len() - rest.len();
            if rest.is_empty() {
                return Ok(root);
            }
            if rest.starts_with("<!--") {
                self.skip_past("-->", "a comment")?;
            } else if rest.starts_with("<?") {
                self.skip_past("?>", "a processing instruction")?;
            } else {
                return Err("more after the root element".to_string());
            }
        }
    }

    /// A start tag at `<`: the element and whether it is empty (`/>`).
    fn start_tag(&mut self) -> Result<(Element, bool), String> {
        let tag = &self.rest()[1..];
        let name_end = tag
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .ok_or("a tag is not closed")?;
        let name = &tag[..name_end];
        if name.is_empty() {
            return Err("a tag without a name".to_string());
        }
        let mut element = Element {
            name: local(name).to_string(),
            ..Element::default()
        };
        let mut rest = &tag[name_end..];
        loop {
            rest = rest.trim_start();
            if let Some(after) = rest.strip_prefix("/>") {
                self.at = self.text.len() - after.len();
                return Ok((element, true));
            }
            if let Some(after) = rest.strip_prefix('>') {
                self.at = self.text.len() - after.len();
                return Ok((element, false));
            }
            let eq = rest
                .find('=')
                .ok_or_else(|| format!("an attribute of <{}> has no value", element.name))?;
            let key = rest[..eq].trim();
            let value = rest[eq + 1..].trim_start();
            let quote = value
                .chars()
                .next()
                .filter(|&q| q == '"' || q == '\'')
                .ok_or_else(|| {
                    format!("the attribute {key} of <{}> is not quoted", element.name)
                })?;
            let end = value[1..].find(quote).ok_or_else(|| {
                format!("the attribute {key} of <{}> is not closed", element.name)
            })?;
            if key.is_empty() || key.contains(|c: char| c.is_whitespace()) {
                return Err(format!("a malformed attribute in <{}>", element.name));
            }
            element
                .attributes
                .push((local(key).to_string(), decode(&value[1..1 + end])?));
            rest = &value[1 + end + 1..];
        }
    }
}

/// The name without its namespace prefix.
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// Text with its entity and character references decoded.
fn decode(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut parts = text.split('&');
    out.push_str(parts.next().unwrap_or(""));
    for part in parts {
        let end = part.find(';').ok_or("an entity reference is not closed")?;
        let (name, after) = (&part[..end], &part[end + 1..]);
        let c = match name {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            _ => name
                .strip_prefix("#x")
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| name.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32)
                .ok_or_else(|| {
                    format!(
                        "the entity &{}; is not one XML defines",
                        iter::once(name)
                            .flat_map(str::chars)
                            .take(20)
                            .collect::<String>()
                    )
                })?,
        };
        out.push(c);
        out.push_str(after);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_elements_attributes_and_text() {
        let doc = parse(
            "<?xml version='1.0'?>\n<!-- dumped -->\n<domain type='kvm' xmlns:q=\"x\"><name>a&amp;b</name>\
             <vcpu placement='static'>24</vcpu><cpu><numa><cell id='0' cpus='0-11'/>\
             <cell id=\"1\" cpus='12-23'></cell></numa></cpu><![CDATA[]]></domain>\n",
        )
        .unwrap();
        assert_eq!(doc.name, "domain");
        assert_eq!(doc.attribute("type"), Some("kvm"));
        assert_eq!(doc.child("name").unwrap().text(), Some("a&b"));
        assert_eq!(
            doc.child("vcpu").unwrap().attribute("placement"),
            Some("static")
        );
        let numa = doc.child("cpu").unwrap().child("numa").unwrap();
        let ids: Vec<_> = numa.elements("cell").map(|c| c.attribute("id")).collect();
        assert_eq!(ids, [Some("0"), Some("1")]);
    }

    #[test]
    fn refuses_what_it_does_not_read() {
        for (text, why) in [
            (
                "<!DOCTYPE lolz [<!ENTITY lol \"lol\">]><domain/>",
                "document type",
            ),
            ("<domain><name>x</domain>", "</domain> closes <name>"),
            ("<domain>", "<domain> is not closed"),
            ("<domain a=b/>", "not quoted"),
            ("<domain>&lol;</domain>", "&lol; is not one XML defines"),
            ("<domain/><other/>", "more after the root"),
            ("text<domain/>", "text before"),
            ("", "no element"),
        ] {
            let e = parse(text).unwrap_err();
            assert!(e.contains(why), "{text}: {e}");
        }
        let deep = "<a>".repeat(MOST_DEPTH + 1);
        assert!(parse(&deep).unwrap_err().contains("nest deeper"));
    }
}
