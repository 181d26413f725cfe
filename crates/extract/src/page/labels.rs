//! Values of labelled fields: what follows a label element (`dt`/`dd`, `th`/`td`,
//! `<strong>Fees:</strong> …`, a column table's cells), and the text of a section whose class
//! names a field.

use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

use super::boilerplate::is_boilerplate;
use super::walk::{BLOCK_TAGS, heading_level, text_of};
use super::{Block, Labelled, LabelledBy, MAX_VALUE, Page};
use crate::labels::{Field, field_for_label, is_exact_label};
use crate::text::collapse_ws;

/// Finds the value of each label element: the next sibling (`dd`, `td`, a value `span`),
/// the text that follows it inline, or the cell below it in a column table.
pub(super) fn resolve_labels(
    html: &Html,
    label_nodes: Vec<(NodeId, Field, String)>,
    page: &mut Page,
) {
    for (id, field, label) in label_nodes {
        let Some(node) = html.tree.get(id) else { continue };
        let Some(value) = label_value(node) else { continue };
        let duplicate = page.labelled.iter().any(|l| l.field == field && l.value == value);
        if !duplicate {
            page.labelled.push(Labelled { field, label, value, by: LabelledBy::Element });
        }
    }
}

/// The value of one label element, tried in order: after it, after its parent when it is the
/// parent's only element, below it in a column.
fn label_value(node: NodeRef<'_, Node>) -> Option<String> {
    let usable = |v: Option<String>| {
        v.map(|v| v.trim().trim_start_matches(':').trim().to_string())
            .filter(|v| !v.is_empty() && v.len() <= MAX_VALUE && !is_exact_label(v))
    };
    let mut value = usable(value_after(node));
    if value.is_none()
        && let Some(parent) = node.parent()
        && only_element_child(parent, node.id())
    {
        value = usable(value_after(parent));
    }
    if value.is_none() {
        value = usable(column_value(node));
    }
    value
}

/// The value of a section whose class names `field`, from its blocks: its own heading left
/// out, a description stopped at its first sub-heading. `None` when empty or too long to be
/// a value.
pub(super) fn section_value(field: Field, blocks: &[Block]) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        // The section's own heading ("Entry Requirements") is the label, not the value.
        if i == 0 && block.heading.is_some() && field_for_label(&block.text).is_some() {
            continue;
        }
        // A description ends at its first sub-heading ("What you will study").
        if field == Field::Description && block.heading.is_some() {
            if parts.is_empty() {
                continue;
            }
            break;
        }
        if field == Field::Topics && block.heading.is_some() {
            continue;
        }
        parts.push(&block.text);
    }
    let value = parts.join("\n");
    (!value.trim().is_empty() && value.len() <= MAX_VALUE).then_some(value)
}

/// The text following a label: inline text siblings, or else the next element sibling.
fn value_after(node: NodeRef<'_, Node>) -> Option<String> {
    let mut inline = String::new();
    let mut sib = node.next_sibling();
    while let Some(s) = sib {
        match s.value() {
            Node::Text(t) => inline.push_str(t),
            Node::Element(el) => {
                if inline.trim().is_empty() {
                    // A container with its own labelled heading is a section, read as such.
                    if is_boilerplate(el, true) || has_label_heading(s) {
                        return None;
                    }
                    let text = text_of(s);
                    return (!text.is_empty()).then_some(text);
                }
                if BLOCK_TAGS.contains(&el.name()) {
                    break;
                }
                inline.push_str(&text_of(s));
            }
            _ => {}
        }
        sib = s.next_sibling();
    }
    let text = collapse_ws(&inline);
    (!text.is_empty()).then_some(text)
}

fn has_label_heading(node: NodeRef<'_, Node>) -> bool {
    node.descendants().take(200).any(|d| {
        matches!(d.value(), Node::Element(e) if heading_level(e.name()).is_some())
            && field_for_label(&text_of(d)).is_some()
    })
}

fn only_element_child(parent: NodeRef<'_, Node>, id: NodeId) -> bool {
    parent.children().all(|c| match c.value() {
        Node::Element(_) => c.id() == id,
        Node::Text(t) => t.trim().is_empty(),
        _ => true,
    })
}

fn is_row(n: NodeRef<'_, Node>) -> bool {
    matches!(n.value(), Node::Element(e) if e.name() == "tr")
}

fn cells<'a>(row: NodeRef<'a, Node>) -> Vec<NodeRef<'a, Node>> {
    row.children()
        .filter(|c| matches!(c.value(), Node::Element(e) if e.name() == "td" || e.name() == "th"))
        .collect()
}

/// A header cell's value in a column table: its column in every following row, each line led
/// by the row's first cell when that is another column ("Home: £9,250").
fn column_value(cell: NodeRef<'_, Node>) -> Option<String> {
    let row = cell.parent()?;
    if !is_row(row) {
        return None;
    }
    let header = cells(row);
    let index = header.iter().position(|c| c.id() == cell.id())?;
    // A first column headed by a non-label ("Student") names each row; a table of labels
    // ("Award | Mode of study") has no row names.
    let row_names =
        index > 0 && header.first().is_some_and(|h| field_for_label(&text_of(*h)).is_none());
    let mut lines = Vec::new();
    for r in rows_after(row).into_iter().take(50) {
        let cs = cells(r);
        let Some(value) = cs.get(index) else { continue };
        let text = text_of(*value);
        if text.is_empty() {
            continue;
        }
        match cs.first() {
            Some(head) if row_names => lines.push(format!("{}: {}", text_of(*head), text)),
            _ => lines.push(text),
        }
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The rows after a header row: its siblings, then (header rows often sit in `<thead>`) the
/// next sections' rows.
fn rows_after(row: NodeRef<'_, Node>) -> Vec<NodeRef<'_, Node>> {
    let mut rows: Vec<NodeRef<'_, Node>> = row.next_siblings().filter(|n| is_row(*n)).collect();
    if let Some(section) = row.parent() {
        for next in section.next_siblings() {
            rows.extend(next.children().filter(|c| is_row(*c)));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, heading: Option<u8>) -> Block {
        Block { text: text.into(), heading, list_item: false }
    }

    #[test]
    fn a_section_value_leaves_out_its_own_heading() {
        let blocks = [
            block("Entry requirements", Some(2)),
            block("A 2:1 honours degree in a health-related subject.", None),
            block("IELTS 6.5 overall.", None),
        ];
        assert_eq!(
            section_value(Field::Entry, &blocks).as_deref(),
            Some("A 2:1 honours degree in a health-related subject.\nIELTS 6.5 overall.")
        );
        let blocks = [
            block("Course overview", Some(2)),
            block("This MSc develops leaders of quality improvement.", None),
            block("What you will study", Some(3)),
            block("Modules include improvement science.", None),
        ];
        assert_eq!(
            section_value(Field::Description, &blocks).as_deref(),
            Some("This MSc develops leaders of quality improvement.")
        );
        assert_eq!(section_value(Field::Entry, &[block("Entry requirements", Some(2))]), None);
    }
}
