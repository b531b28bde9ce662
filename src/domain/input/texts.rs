use crate::domain::field::{Field, Part, FIELDS};

/// The texts of one part's fields, indexed by the table's order; a field of
/// another part is never read or written here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Texts {
    part: Part,
    texts: Vec<String>,
}

impl Texts {
    /// A fresh part: each field's default text.
    pub(super) fn defaults(part: Part) -> Texts {
        Texts {
            part,
            texts: FIELDS
                .iter()
                .map(|s| {
                    if s.section.part() == part {
                        s.default.to_string()
                    } else {
                        String::new()
                    }
                })
                .collect(),
        }
    }

    pub(super) fn get(&self, field: Field) -> &str {
        &self.texts[field as usize]
    }

    /// Sets a field of this part; returns whether it is one.
    pub(super) fn set(&mut self, field: Field, text: String) -> bool {
        let ours = field.part() == self.part;
        if ours {
            self.texts[field as usize] = text;
        }
        ours
    }
}
