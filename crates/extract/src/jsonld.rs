//! schema.org JSON-LD: `Course`, `EducationalOccupationalProgram` and `CourseInstance` nodes,
//! wherever they sit (top level, arrays, `@graph`, `mainEntity`), mapped to [`Facts`].

use std::collections::HashMap;

use coursemap_records::Source;
use serde_json::Value;

use crate::facts::Facts;
use crate::labels::Field;
use crate::warning::{Warning, WarningKind};

/// Nodes nested deeper than this are not searched (serde_json already caps parsing depth).
const MAX_DEPTH: usize = 32;

/// Parses every script and returns the course-like nodes, outermost first.
pub(crate) fn course_nodes(
    url: &str,
    scripts: &[String],
    warnings: &mut Vec<Warning>,
) -> Vec<Value> {
    let mut out = Vec::new();
    for script in scripts {
        let cleaned = clean_script(script);
        if cleaned.is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(cleaned) {
            Ok(value) => {
                let mut ids = HashMap::new();
                index_ids(&value, &mut ids, 0);
                let start = out.len();
                collect(&value, &mut out, 0);
                for node in &mut out[start..] {
                    resolve_references(node, &ids);
                }
            }
            Err(err) => {
                tracing::debug!(url, %err, "skipping malformed JSON-LD");
                warnings.push(Warning::new(url, WarningKind::MalformedJsonLd, err.to_string()));
            }
        }
    }
    out
}

/// Strips the wrappers CMSs put around JSON-LD (`<!-- -->`, `//<![CDATA[`).
fn clean_script(script: &str) -> &str {
    let mut s = script.trim();
    for prefix in ["<!--", "//<![CDATA[", "<![CDATA["] {
        s = s.strip_prefix(prefix).unwrap_or(s).trim();
    }
    for suffix in ["-->", "//]]>", "]]>"] {
        s = s.strip_suffix(suffix).unwrap_or(s).trim();
    }
    s
}

/// Nodes with an `@id` and more than a reference's worth of properties, by id.
fn index_ids(v: &Value, ids: &mut HashMap<String, Value>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match v {
        Value::Object(map) => {
            if let Some(Value::String(id)) = map.get("@id")
                && map.len() > 1
            {
                ids.entry(id.clone()).or_insert_with(|| v.clone());
            }
            for child in map.values() {
                index_ids(child, ids, depth + 1);
            }
        }
        Value::Array(items) => {
            for child in items {
                index_ids(child, ids, depth + 1);
            }
        }
        _ => {}
    }
}

/// Replaces `{"@id": …}` references among a course's own properties (Yoast-style graphs put
/// the provider elsewhere in the `@graph`).
fn resolve_references(node: &mut Value, ids: &HashMap<String, Value>) {
    let Value::Object(map) = node else { return };
    for value in map.values_mut() {
        let target = match value {
            Value::Object(inner) if inner.len() == 1 => inner.get("@id").and_then(Value::as_str),
            _ => None,
        };
        if let Some(found) = target.and_then(|id| ids.get(id)) {
            *value = found.clone();
        }
    }
}

fn types(v: &Value) -> Vec<&str> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn is_course(v: &Value) -> bool {
    types(v).iter().any(|t| {
        let t = t.rsplit(['/', ':']).next().unwrap_or(t);
        matches!(t, "Course" | "EducationalOccupationalProgram" | "CourseInstance")
    })
}

fn collect(v: &Value, out: &mut Vec<Value>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match v {
        Value::Object(map) => {
            if is_course(v) {
                out.push(v.clone());
                return;
            }
            for child in map.values() {
                collect(child, out, depth + 1);
            }
        }
        Value::Array(items) => {
            for child in items {
                collect(child, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// Plain text of a property value: strings as they are, objects by their name or value,
/// arrays joined with "; ".
pub(crate) fn text(v: &Value) -> String {
    match v {
        Value::String(s) => strip_tags(s),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) => {
            items.iter().map(text).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("; ")
        }
        Value::Object(map) => {
            for key in ["name", "@value", "value", "description", "text", "credentialCategory"] {
                if let Some(inner) = map.get(key) {
                    let t = text(inner);
                    if !t.is_empty() {
                        return t;
                    }
                }
            }
            String::new()
        }
        Value::Null => String::new(),
    }
}

/// Descriptions sometimes carry HTML; facts want words.
fn strip_tags(s: &str) -> String {
    if !s.contains('<') {
        return s.trim().to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    crate::text::collapse_ws(&out)
}

fn items(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![other],
    }
}

/// Maps one course node to facts tagged with `source` (JSON-LD, or microdata read into the
/// same shape).
pub(crate) fn facts_from_course(node: &Value, source: Source) -> Facts {
    let mut facts = Facts::default();
    let get = |k: &str| node.get(k);
    push_value(&mut facts, source, Field::Title, "name", get("name"));
    push_value(&mut facts, source, Field::Description, "description", get("description"));
    for key in ["provider", "offeredBy", "sourceOrganization"] {
        push_value(&mut facts, source, Field::Provider, key, get(key));
    }
    push_credentials(&mut facts, source, node);
    push_value(&mut facts, source, Field::Level, "educationalLevel", get("educationalLevel"));
    push_value(&mut facts, source, Field::Credits, "numberOfCredits", get("numberOfCredits"));
    for key in ["programPrerequisites", "coursePrerequisites"] {
        let parts: Vec<String> = items(get(key)).into_iter().map(prerequisite_text).collect();
        facts.push(Field::Entry, source, key, &parts.join(". "));
    }
    let program_mode = get("educationalProgramMode").map(text).unwrap_or_default();
    if !program_mode.is_empty() {
        facts.push(Field::StudyMode, source, "educationalProgramMode", &program_mode);
        facts.push(Field::Delivery, source, "educationalProgramMode", &program_mode);
    }
    // The mode of a single duration comes from the study-mode facts, so the wording stays as
    // the page wrote it.
    for key in ["timeToComplete", "timeRequired", "duration"] {
        if let Some(v) = get(key) {
            facts.push(Field::Length, source, key, &text(v));
        }
    }
    push_instances(&mut facts, source, node);
    push_offers(&mut facts, source, get("offers"));
    if get("isAccessibleForFree")
        .is_some_and(|v| v == &Value::Bool(true) || v.as_str() == Some("true"))
    {
        facts.push(Field::Cost, source, "isAccessibleForFree", "free");
    }
    push_topics(&mut facts, source, node);
    facts.identifier = identifier(node);
    facts
}

/// Pushes the plain text of a property, when the node has it.
fn push_value(facts: &mut Facts, source: Source, field: Field, label: &str, v: Option<&Value>) {
    if let Some(v) = v {
        facts.push(field, source, label, &text(v));
    }
}

/// Awarded credentials as one awards fact per property ("degree MSc"), and each one's level.
fn push_credentials(facts: &mut Facts, source: Source, node: &Value) {
    for key in ["educationalCredentialAwarded", "occupationalCredentialAwarded"] {
        let mut names = Vec::new();
        for cred in items(node.get(key)) {
            let mut t = text(cred);
            if let Some(cat) = cred.get("credentialCategory") {
                t = format!("{} {}", text(cat), t);
            }
            names.push(t);
            push_value(
                facts,
                source,
                Field::Level,
                "educationalLevel",
                cred.get("educationalLevel"),
            );
        }
        facts.push(Field::Awards, source, key, &names.join("; "));
    }
}

/// Each course instance's offers, then the instances' modes and lengths.
fn push_instances(facts: &mut Facts, source: Source, node: &Value) {
    let instances = items(node.get("hasCourseInstance"));
    for inst in &instances {
        push_offers(facts, source, inst.get("offers"));
        push_value(facts, source, Field::Start, "startDate", inst.get("startDate"));
    }
    push_value(facts, source, Field::Start, "startDate", node.get("startDate"));
    let read = read_instances(&instances);
    if !read.modes.is_empty() {
        let joined = read.modes.join(", ");
        facts.push(Field::Delivery, source, "courseMode", &joined);
        facts.push(Field::StudyMode, source, "courseMode", &joined);
    }
    facts.push(Field::Length, source, "hasCourseInstance", &length_line(&read.lengths));
}

/// What a course's instances say about how and how long it is studied.
#[derive(Debug, Default, PartialEq)]
struct InstanceWords {
    /// Course modes and locations, as delivery and study-mode wording.
    modes: Vec<String>,
    /// Each distinct (duration, course mode) pair.
    lengths: Vec<(String, String)>,
}

fn read_instances(instances: &[&Value]) -> InstanceWords {
    let mut read = InstanceWords::default();
    for inst in instances {
        let mode = inst.get("courseMode").map(text).unwrap_or_default();
        if !mode.is_empty() {
            read.modes.push(mode.clone());
        }
        if let Some(loc) = inst.get("location") {
            if types(loc).contains(&"VirtualLocation") {
                read.modes.push("online".into());
            } else if let Value::String(words) = loc {
                // Microdata pages put the delivery wording here ("Online", "Campus").
                read.modes.push(words.clone());
            }
        }
        let duration = inst
            .get("courseSchedule")
            .and_then(|s| s.get("duration"))
            .or_else(|| inst.get("duration"))
            .or_else(|| inst.get("timeRequired"))
            .or_else(|| inst.get("courseWorkload"));
        if let Some(d) = duration {
            let line = (text(d), mode);
            if !read.lengths.contains(&line) {
                read.lengths.push(line);
            }
        }
    }
    read
}

/// The instances' durations as one length wording ("P1Y Onsite; FullTime, P2Y Online;
/// PartTime"); empty when they give none.
fn length_line(lengths: &[(String, String)]) -> String {
    // One duration for every instance is written once; different ones carry their mode.
    let same = lengths.iter().all(|(d, _)| Some(d) == lengths.first().map(|(d, _)| d));
    let mut distinct: Vec<String> = Vec::new();
    for (d, m) in lengths {
        let line = if same { d.clone() } else { with_mode(d, m) };
        if !distinct.contains(&line) {
            distinct.push(line);
        }
    }
    distinct.join(", ")
}

/// Keywords, subjects and what the course teaches, one topic fact per comma- or
/// semicolon-separated item.
fn push_topics(facts: &mut Facts, source: Source, node: &Value) {
    for key in ["keywords", "about", "teaches"] {
        for item in items(node.get(key)) {
            let t = text(item);
            for topic in t.split([',', ';']) {
                facts.push(Field::Topics, source, key, topic);
            }
        }
    }
}

fn identifier(node: &Value) -> Option<String> {
    let id =
        node.get("@id").or_else(|| node.get("courseCode")).or_else(|| node.get("identifier"))?;
    let id = text(id);
    (!id.is_empty()).then_some(id)
}

/// A duration with its study mode appended, unless it names a mode itself or the mode is
/// ambiguous (several modes for one figure).
fn with_mode(duration: &str, mode: &str) -> String {
    let d = duration.to_ascii_lowercase();
    let m = mode.to_ascii_lowercase().replace(['-', ' '], "");
    let names_mode = d.contains("full") || d.contains("part") || d.contains("flexible");
    let both = m.contains("fulltime") && m.contains("parttime");
    if names_mode || both || mode.trim().is_empty() {
        duration.to_string()
    } else {
        format!("{duration} {mode}")
    }
}

fn prerequisite_text(v: &Value) -> String {
    match v {
        Value::Object(map) => {
            let mut parts = Vec::new();
            for key in [
                "credentialCategory",
                "educationalLevel",
                "name",
                "description",
                "competencyRequired",
            ] {
                if let Some(inner) = map.get(key) {
                    let t = text(inner);
                    if !t.is_empty() && !parts.contains(&t) {
                        parts.push(t);
                    }
                }
            }
            parts.join(": ")
        }
        other => text(other),
    }
}

/// Offers as cost wording the cost normaliser reads: "Home full-time: GBP 9250 per year".
fn push_offers(facts: &mut Facts, source: Source, offers: Option<&Value>) {
    let mut lines = Vec::new();
    for offer in items(offers) {
        let described = offer.get("description").map(text).unwrap_or_default();
        let mut words = Vec::new();
        for key in ["category", "name", "eligibleCustomerType"] {
            if let Some(v) = offer.get(key) {
                let t = text(v);
                if !t.is_empty() && !words.contains(&t) {
                    words.push(t);
                }
            }
        }
        if let Some(region) = offer.get("eligibleRegion") {
            words.push(text(region));
        }
        // A description that states the price in words ("£41 per credit") says more than
        // the bare number (the period, the mode).
        if described.contains(['£', '€', '$']) {
            lines.push(format!("{}: {}", words.join(" "), described));
            continue;
        }
        if !described.is_empty() {
            words.push(described);
        }
        let spec = offer.get("priceSpecification");
        let spec = spec.and_then(|s| if let Value::Array(a) = s { a.first() } else { Some(s) });
        let price = offer.get("price").or_else(|| spec.and_then(|s| s.get("price")));
        let Some(price) = price else {
            continue;
        };
        let currency = offer
            .get("priceCurrency")
            .or_else(|| spec.and_then(|s| s.get("priceCurrency")))
            .map(text)
            .unwrap_or_else(|| "GBP".into());
        let price = text(price);
        let unit = spec
            .and_then(|s| s.get("unitText").or_else(|| s.get("referenceQuantity")))
            .map(text)
            .unwrap_or_default();
        let unit = if unit.is_empty() || unit.to_ascii_lowercase().starts_with("per") {
            unit
        } else {
            format!("per {unit}")
        };
        if price.trim().parse::<f64>().is_ok_and(|p| p == 0.0) {
            lines.push(format!("{}: free", words.join(" ")));
        } else {
            lines.push(format!("{}: {} {} {}", words.join(" "), currency, price, unit));
        }
    }
    if !lines.is_empty() {
        facts.push(crate::labels::Field::Cost, source, "offers", &lines.join("\n"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_courses_in_graphs_and_arrays() {
        let scripts = vec![
            r#"{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":["Course"],"name":"A"}]}"#.to_string(),
            r#"[{"@type":"EducationalOccupationalProgram","name":"B"}]"#.to_string(),
            "<!-- {not json -->".to_string(),
        ];
        let mut warnings = Vec::new();
        let nodes = course_nodes("u", &scripts, &mut warnings);
        assert_eq!(nodes.len(), 2);
        assert_eq!(nodes[0]["name"], "A");
        assert_eq!(nodes[1]["name"], "B");
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn maps_properties() {
        let node: Value = serde_json::from_str(
            r#"{"@type":"Course","name":"MSc X","provider":{"@type":"Organization","name":"UWL"},
            "educationalCredentialAwarded":{"@type":"EducationalOccupationalCredential","credentialCategory":"degree","name":"MSc"},
            "timeToComplete":"P1Y","programPrerequisites":{"@type":"EducationalOccupationalCredential","credentialCategory":"2:1 honours degree"},
            "hasCourseInstance":[{"@type":"CourseInstance","courseMode":["Onsite","FullTime"],"courseSchedule":{"duration":"P1Y"}},
                                 {"@type":"CourseInstance","courseMode":["Online","PartTime"],"courseSchedule":{"duration":"P2Y"}}],
            "offers":[{"@type":"Offer","category":"Home","price":"9250","priceCurrency":"GBP"}]}"#,
        )
        .expect("test JSON");
        let facts = facts_from_course(&node, Source::JsonLd);
        assert_eq!(facts.get(Field::Title)[0].text, "MSc X");
        assert_eq!(facts.get(Field::Provider)[0].text, "UWL");
        assert_eq!(facts.get(Field::Awards)[0].text, "degree MSc");
        assert_eq!(facts.get(Field::Length)[0].text, "P1Y");
        assert_eq!(facts.get(Field::Length)[1].text, "P1Y Onsite; FullTime, P2Y Online; PartTime");
        let one: Value = serde_json::from_str(
            r#"{"@type":"Course","name":"X","hasCourseInstance":[{"courseMode":"full-time","courseWorkload":"1 year"},{"courseMode":"part-time","courseWorkload":"1 year"}]}"#,
        )
        .expect("test JSON");
        assert_eq!(facts_from_course(&one, Source::JsonLd).get(Field::Length)[0].text, "1 year");
        assert_eq!(facts.get(Field::Entry)[0].text, "2:1 honours degree");
        assert_eq!(facts.get(Field::Cost)[0].text, "Home: GBP 9250");
    }

    #[test]
    fn instances_give_modes_and_one_length_line() {
        let instances: Value = serde_json::from_str(
            r#"[{"@type":"CourseInstance","courseMode":["Onsite","FullTime"],"courseSchedule":{"duration":"P1Y"}},
                {"@type":"CourseInstance","courseMode":["Online","PartTime"],"courseSchedule":{"duration":"P2Y"}},
                {"@type":"CourseInstance","location":{"@type":"VirtualLocation"},"courseSchedule":{"duration":"P2Y"}},
                {"@type":"CourseInstance","location":"Campus"}]"#,
        )
        .expect("test JSON");
        let read = read_instances(&items(Some(&instances)));
        assert_eq!(read.modes, ["Onsite; FullTime", "Online; PartTime", "online", "Campus"]);
        let pair = |d: &str, m: &str| (d.to_string(), m.to_string());
        assert_eq!(
            read.lengths,
            [pair("P1Y", "Onsite; FullTime"), pair("P2Y", "Online; PartTime"), pair("P2Y", "")]
        );
        assert_eq!(length_line(&read.lengths), "P1Y Onsite; FullTime, P2Y Online; PartTime, P2Y");
        let same = [pair("1 year", "full-time"), pair("1 year", "part-time")];
        assert_eq!(length_line(&same), "1 year");
        assert_eq!(length_line(&[]), "");
    }
}
