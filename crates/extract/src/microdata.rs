//! schema.org microdata (`itemscope`/`itemprop`) read into the same JSON shape as JSON-LD, so
//! one mapping ([`crate::jsonld::facts_from_course`]) serves both.

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::Node;
use serde_json::{Map, Value};

/// Nested items deeper than this are ignored (hostile pages nest without end).
const MAX_DEPTH: usize = 6;

/// Is `itemtype` a course-like schema.org type?
pub(crate) fn is_course_type(itemtype: &str) -> bool {
    itemtype.split_whitespace().any(|t| {
        let name = t.rsplit('/').next().unwrap_or(t);
        matches!(name, "Course" | "EducationalOccupationalProgram" | "CourseInstance")
    })
}

/// The item rooted at `node` as a JSON object (`@type` plus its properties).
pub(crate) fn item(node: NodeRef<'_, Node>, depth: usize) -> Value {
    let mut obj = Map::new();
    if let Node::Element(el) = node.value()
        && let Some(t) = el.attr("itemtype")
    {
        let name = t.split_whitespace().next().unwrap_or(t);
        obj.insert(
            "@type".into(),
            Value::String(name.rsplit('/').next().unwrap_or(name).to_string()),
        );
    }
    let mut skip: Option<ego_tree::NodeId> = None;
    for edge in node.traverse() {
        let Edge::Open(n) = edge else {
            if let Edge::Close(n) = edge
                && skip == Some(n.id())
            {
                skip = None;
            }
            continue;
        };
        if skip.is_some() || n.id() == node.id() {
            continue;
        }
        let Node::Element(el) = n.value() else { continue };
        let nested_scope = el.attr("itemscope").is_some();
        if let Some(props) = el.attr("itemprop") {
            let value = if nested_scope {
                if depth >= MAX_DEPTH { Value::Null } else { item(n, depth + 1) }
            } else {
                Value::String(property_value(n, el))
            };
            if !value.is_null() {
                for prop in props.split_whitespace() {
                    add(&mut obj, prop, value.clone());
                }
            }
        }
        if nested_scope {
            // Properties inside a nested item belong to it, not to us.
            skip = Some(n.id());
        }
    }
    Value::Object(obj)
}

fn add(obj: &mut Map<String, Value>, key: &str, value: Value) {
    match obj.get_mut(key) {
        None => {
            obj.insert(key.to_string(), value);
        }
        Some(Value::Array(items)) => items.push(value),
        Some(existing) => {
            let first = existing.take();
            *existing = Value::Array(vec![first, value]);
        }
    }
}

fn property_value(node: NodeRef<'_, Node>, el: &scraper::node::Element) -> String {
    if let Some(c) = el.attr("content") {
        return c.trim().to_string();
    }
    let attr = match el.name() {
        "a" | "link" | "area" => el.attr("href"),
        "img" | "audio" | "video" | "source" => el.attr("src"),
        "time" => el.attr("datetime"),
        "data" | "meter" => el.attr("value"),
        _ => None,
    };
    match attr {
        Some(a) => a.trim().to_string(),
        None => crate::page::text_of(node).replace('\n', " "),
    }
}

#[cfg(test)]
mod tests {
    use crate::page::Page;

    #[test]
    fn reads_course_items() {
        let page = Page::parse(
            r#"<div itemscope itemtype="https://schema.org/Course">
              <h1 itemprop="name">MSc Improvement Science</h1>
              <div itemprop="provider" itemscope itemtype="https://schema.org/CollegeOrUniversity">
                <span itemprop="name">University of West London</span></div>
              <meta itemprop="timeToComplete" content="P1Y">
            </div>"#,
        );
        assert_eq!(page.microdata.len(), 1);
        let item = &page.microdata[0];
        assert_eq!(item["@type"], "Course");
        assert_eq!(item["name"], "MSc Improvement Science");
        assert_eq!(item["provider"]["name"], "University of West London");
        assert_eq!(item["timeToComplete"], "P1Y");
    }
}
