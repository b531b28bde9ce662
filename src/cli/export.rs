//! The document's grid for documentation pages that take no iframes:
//! Markdown, AsciiDoc, HTML and DITA, each with the document as its source
//! under the table. Every format lays out the same `Grid`. The AsciiDoc and
//! DITA keep to what DITA 1.3 can hold (the AsciiDocDITA rules docs
//! pipelines check: a short description marked as the abstract, a block
//! title only on the table, no table footer, no HTML entities).

use crate::domain::present::table_scope;
use crate::domain::{Cell, CellOutcome, Policy, TableSize, DOCUMENT};
use crate::i18n::tr;
use crate::share::escape_html;
use crate::trf;
use std::fmt::Write as _;

/// The grid as plain text, before any markup.
struct Grid {
    /// What the table is, in one sentence: the short description.
    summary: String,
    caption: String,
    /// The top-left header, over the sizes.
    corner: &'static str,
    /// The policies' codes, written as code.
    columns: Vec<String>,
    /// Each size's label and its cells: "Migrates (row 3)".
    rows: Vec<(String, Vec<String>)>,
    note: String,
    /// The document's title, the link's text.
    title: String,
    /// What follows the link: "OpenShift Virtualization 4.20-4.22".
    versions: String,
    url: String,
}

impl Grid {
    /// The document's table resolved to 3 x 4.
    fn document() -> Grid {
        let rows = TableSize::ALL
            .into_iter()
            .map(|size| {
                let cells = Policy::ALL
                    .into_iter()
                    .map(|policy| {
                        let c = CellOutcome::of_cell(Cell::new(size, policy));
                        format!("{} ({})", c.status.label(), c.rows_text())
                    })
                    .collect();
                (size.label().to_string(), cells)
            })
            .collect();
        Grid {
            summary: trf!(
                "Whether a VM with vNUMA live-migrates, by its size against one NUMA node and the node's Topology Manager policy, as Red Hat tested it for OpenShift Virtualization {versions}.",
                versions = DOCUMENT.version_range()
            ),
            caption: trf!(
                "{title}: outcome by VM size and Topology Manager policy",
                title = DOCUMENT.title
            ),
            corner: tr("VM size"),
            columns: Policy::ALL.map(|p| p.code().to_string()).to_vec(),
            rows,
            note: trf!(
                "Rows are numbered in the document's order; an “any size” row fills the cells that no row for that size names. {scope}",
                scope = table_scope()
            ),
            title: DOCUMENT.title.to_string(),
            versions: format!("OpenShift Virtualization {}", DOCUMENT.version_range()),
            url: DOCUMENT.url.to_string(),
        }
    }

    /// The header row, then a row for each size: the policies through
    /// `code`, every other text through `text`.
    fn lines(
        &self,
        text: impl Fn(&str) -> String,
        code: impl Fn(&str) -> String,
    ) -> Vec<Vec<String>> {
        let header = std::iter::once(text(self.corner))
            .chain(self.columns.iter().map(|c| code(c)))
            .collect();
        let rows = self.rows.iter().map(|(size, cells)| {
            std::iter::once(size)
                .chain(cells)
                .map(|c| text(c))
                .collect()
        });
        std::iter::once(header).chain(rows).collect()
    }

    /// What goes under the table, each through `paragraph`: the note and
    /// the source, whose title `link` makes a link to the document.
    fn below(
        &self,
        text: impl Fn(&str) -> String,
        link: &str,
        paragraph: impl Fn(&str) -> String,
    ) -> String {
        let source = trf!(
            "Source: {link}, {versions}.",
            link = link,
            versions = text(&self.versions)
        );
        paragraph(&text(&self.note)) + &paragraph(&source)
    }
}

pub fn markdown() -> String {
    markdown_of(&Grid::document())
}

pub fn asciidoc() -> String {
    asciidoc_of(&Grid::document())
}

pub fn html() -> String {
    html_of(&Grid::document())
}

pub fn dita() -> String {
    dita_of(&Grid::document())
}

/// Text that Markdown shows as written, also inside a table cell.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A code span in a table cell: a `|` still ends the cell unless escaped.
fn markdown_code(code: &str) -> String {
    format!("`{}`", code.replace('|', "\\|"))
}

/// A link destination: spaces and parentheses would end it.
fn markdown_url(url: &str) -> String {
    url.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
}

/// A GitHub-flavoured pipe table, the note and the source as a link.
fn markdown_of(grid: &Grid) -> String {
    let mut out = String::new();
    let delimiter = vec!["---".to_string(); grid.columns.len() + 1];
    let mut lines = grid.lines(markdown_text, markdown_code);
    lines.insert(1, delimiter);
    for cells in lines {
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    let title = markdown_text(&grid.title);
    let link = format!("[{title}]({})", markdown_url(&grid.url));
    out + &grid.below(markdown_text, &link, |p| format!("\n{p}\n"))
}

/// Text in an AsciiDoc table cell: a `|` would start the next cell.
fn asciidoc_cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// The short description (the abstract a DITA topic's `shortdesc` is made
/// from), a titled AsciiDoc table with a header row and the sizes as row
/// headers, the note, and the source as a link macro.
fn asciidoc_of(grid: &Grid) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "[role=\"_abstract\"]\n{}\n\n.{}\n[cols=\"1h{}\",options=\"header\"]\n|===",
        grid.summary,
        grid.caption,
        ",1".repeat(grid.columns.len())
    );
    let code = |c: &str| format!("`{}`", asciidoc_cell(c));
    for (i, cells) in grid.lines(asciidoc_cell, code).into_iter().enumerate() {
        // A blank line between rows; the header's ends the header.
        let gap = if i == 0 { "" } else { "\n" };
        let _ = writeln!(out, "{gap}| {}", cells.join(" | "));
    }
    out.push_str("|===\n");
    let link = format!("{}[{}]", grid.url, grid.title.replace(']', "\\]"));
    out + &grid.below(str::to_string, &link, |p| format!("\n{p}\n"))
}

/// A self-contained table: caption, header cells with their scope, and the
/// note and source as paragraphs. Every text is escaped.
fn html_of(grid: &Grid) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<table{}>\n  <caption>{}</caption>\n  <thead>",
        lang_attribute("lang"),
        escape_html(&grid.caption)
    );
    let code = |c: &str| format!("<code>{}</code>", escape_html(c));
    for (i, cells) in grid.lines(escape_html, code).into_iter().enumerate() {
        if i == 1 {
            out.push_str("  </thead>\n  <tbody>\n");
        }
        out.push_str("    <tr>\n");
        for (j, cell) in cells.iter().enumerate() {
            let _ = match (i, j) {
                (0, _) => writeln!(out, "      <th scope=\"col\">{cell}</th>"),
                (_, 0) => writeln!(out, "      <th scope=\"row\">{cell}</th>"),
                _ => writeln!(out, "      <td>{cell}</td>"),
            };
        }
        out.push_str("    </tr>\n");
    }
    out.push_str("  </tbody>\n</table>\n");
    let (url, title) = (escape_html(&grid.url), escape_html(&grid.title));
    let link = format!("<a href=\"{url}\">{title}</a>");
    out + &grid.below(escape_html, &link, |p| format!("<p>{p}</p>\n"))
}

/// A DITA 1.3 `<table>` (its title, one `tgroup` of as many columns as
/// the grid, a header row, the sizes as row headers) with the short
/// description before it and the note and source after it, as paragraphs to
/// put in a topic's body. Every text is escaped; the only entities are
/// XML's own.
fn dita_of(grid: &Grid) -> String {
    let cols = grid.columns.len() + 1;
    let mut out = format!(
        "<p{lang}>{}</p>\n<table id=\"vnuma-live-migration-outcomes\"{lang} frame=\"all\" rowheader=\"firstcol\">\n  <title>{}</title>\n  <tgroup cols=\"{cols}\">\n",
        escape_html(&grid.summary),
        escape_html(&grid.caption),
        lang = lang_attribute("xml:lang")
    );
    for i in 1..=cols {
        let _ = writeln!(out, "    <colspec colname=\"c{i}\" colnum=\"{i}\"/>");
    }
    let code = |c: &str| format!("<codeph>{}</codeph>", escape_html(c));
    for (i, cells) in grid.lines(escape_html, code).into_iter().enumerate() {
        match i {
            0 => out.push_str("    <thead>\n"),
            1 => out.push_str("    </thead>\n    <tbody>\n"),
            _ => {}
        }
        out.push_str("      <row>\n");
        for cell in cells {
            let _ = writeln!(out, "        <entry>{cell}</entry>");
        }
        out.push_str("      </row>\n");
    }
    out.push_str("    </tbody>\n  </tgroup>\n</table>\n");
    let link = format!(
        "<xref href=\"{}\" scope=\"external\" format=\"html\">{}</xref>",
        escape_html(&grid.url),
        escape_html(&grid.title)
    );
    out + &grid.below(escape_html, &link, |p| format!("<p>{p}</p>\n"))
}

/// ` lang="ja"` (or `xml:lang` for DITA) when the table is not in English, so
/// a page of another language reads it in its own; nothing in English.
fn lang_attribute(name: &str) -> String {
    match crate::i18n::active_lang() {
        crate::domain::Lang::En => String::new(),
        lang => format!(" {name}=\"{}\"", lang.code()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A grid whose every text tries to break out of its markup.
    fn hostile() -> Grid {
        Grid {
            summary: "A <b>table</b> & more.".to_string(),
            caption: "<script>alert(1)</script> & co".to_string(),
            corner: "VM size",
            columns: vec!["a|b".to_string(), "<i>".to_string()],
            rows: vec![(
                "\"Small\" & 'tiny'".to_string(),
                vec!["x | y".to_string(), "*bold* [link](u) <b>".to_string()],
            )],
            note: "Note.".to_string(),
            title: "T] [x".to_string(),
            versions: "v<1>".to_string(),
            url: "https://x.example/?a=1&b=\"2\"".to_string(),
        }
    }

    #[test]
    fn html_escapes_every_text() {
        let html = html_of(&hostile());
        assert!(!html.contains("<script>") && !html.contains("<i>") && !html.contains("<b>"));
        assert!(html.contains("<caption>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</caption>"));
        assert!(html.contains("<th scope=\"row\">&quot;Small&quot; &amp; &#39;tiny&#39;</th>"));
        assert!(html.contains("<a href=\"https://x.example/?a=1&amp;b=&quot;2&quot;\">"));
        assert!(html.contains(", v&lt;1&gt;.</p>"));
    }

    #[test]
    fn a_pipe_cannot_end_a_markdown_or_asciidoc_cell() {
        let md = markdown_of(&hostile());
        assert!(md.contains("| `a\\|b` | `<i>` |"));
        assert!(md.contains("| x \\| y | \\*bold\\* \\[link\\](u) \\<b\\> |"));
        assert!(md.contains("Source: [T\\] \\[x]("));
        let adoc = asciidoc_of(&hostile());
        assert!(adoc.contains("[cols=\"1h,1,1\",options=\"header\"]"));
        assert!(adoc.contains("| x \\| y | *bold*"));
        assert!(adoc.contains("[T\\] [x], v<1>."));
    }
}
