//! Templates carrying schema.org data: JSON-LD (`Course`, `EducationalOccupationalProgram`,
//! `@graph`) and microdata, each beside a visible summary as real pages have.

use serde_json::{Value, json};

use super::CourseContext;
use crate::html::escape;

fn provider_node(ctx: &CourseContext<'_>) -> Value {
    let kind =
        if ctx.site.kind == "hei" { "CollegeOrUniversity" } else { "EducationalOrganization" };
    json!({"@type": kind, "name": ctx.site.name, "url": format!("https://{}/", ctx.site.host)})
}

fn offers(ctx: &CourseContext<'_>) -> Value {
    let offers: Vec<Value> = ctx
        .course
        .fees
        .iter()
        .map(|fee| {
            json!({"@type": "Offer", "category": fee.label, "price": fee.amount,
                   "priceCurrency": fee.currency, "description": fee.text})
        })
        .collect();
    Value::Array(offers)
}

/// Course modes as schema.org examples spell them.
fn course_modes(ctx: &CourseContext<'_>) -> Vec<&'static str> {
    let mode = ctx.course.facts.study_mode.as_deref().unwrap_or_default().to_ascii_lowercase();
    let mut modes = Vec::new();
    if mode.contains("full") {
        modes.push("full-time");
    }
    if mode.contains("part") {
        modes.push("part-time");
    }
    modes
}

/// ISO duration where the length is one figure, else the page's words.
fn duration(ctx: &CourseContext<'_>) -> Option<String> {
    let iso = &ctx.course.iso;
    let single = match (&iso.full_time, &iso.part_time) {
        (Some(ft), None) if !course_modes(ctx).contains(&"part-time") => Some(ft.clone()),
        (None, Some(pt)) if !course_modes(ctx).contains(&"full-time") => Some(pt.clone()),
        _ => None,
    };
    single.or_else(|| ctx.course.facts.length.clone())
}

fn course_node(ctx: &CourseContext<'_>) -> Value {
    let f = &ctx.course.facts;
    let instances: Vec<Value> = course_modes(ctx)
        .into_iter()
        .map(|mode| json!({"@type": "CourseInstance", "courseMode": mode, "courseWorkload": f.length}))
        .collect();
    let mut node = json!({
        "@type": "Course",
        "name": ctx.course.title,
        "description": ctx.course.overview,
        "url": ctx.url,
        "provider": provider_node(ctx),
        "offers": offers(ctx),
        "hasCourseInstance": instances,
    });
    let fields = [
        ("educationalCredentialAwarded", f.award.clone()),
        ("educationalLevel", f.level.clone()),
        ("coursePrerequisites", f.entry.clone()),
        ("timeRequired", duration(ctx)),
    ];
    for (key, value) in fields {
        if let Some(value) = value {
            node[key] = Value::String(value);
        }
    }
    node
}

fn script(value: &Value) -> String {
    // `</` cannot end the script early: serde_json leaves `/` alone, so escape it here.
    let text = serde_json::to_string_pretty(value).unwrap_or_default().replace("</", "<\\/");
    format!("<script type=\"application/ld+json\">\n{text}\n</script>\n")
}

/// A visible "at a glance" box; real pages repeat what the markup says.
fn visible_summary(ctx: &CourseContext<'_>) -> String {
    let mut main = format!("<h1>{}</h1>\n<ul class=\"at-a-glance\">\n", escape(&ctx.course.title));
    for (label, value) in ctx.fact_rows() {
        main.push_str(&format!(
            "<li><span class=\"label\">{label}</span> <span class=\"value\">{}</span></li>\n",
            escape(value)
        ));
    }
    main.push_str("</ul>\n");
    main.push_str(&ctx.overview_html());
    main.push_str(&ctx.entry_html());
    main.push_str(&ctx.fee_table_html());
    main
}

/// schema.org `Course` in JSON-LD.
pub(super) fn jsonld_course(ctx: &CourseContext<'_>) -> String {
    let mut node = course_node(ctx);
    node["@context"] = json!("https://schema.org");
    ctx.wrap(script(&node), &visible_summary(ctx))
}

/// schema.org `EducationalOccupationalProgram` in JSON-LD.
pub(super) fn jsonld_program(ctx: &CourseContext<'_>) -> String {
    let f = &ctx.course.facts;
    let mut node = json!({
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": ctx.course.title,
        "description": ctx.course.overview,
        "url": ctx.url,
        "provider": provider_node(ctx),
        "offers": offers(ctx),
        "educationalProgramMode": course_modes(ctx),
    });
    let fields = [
        ("educationalCredentialAwarded", f.award.clone()),
        ("educationalLevel", f.level.clone()),
        ("programPrerequisites", f.entry.clone()),
        ("timeToComplete", duration(ctx)),
        ("startDate", f.start.clone()),
    ];
    for (key, value) in fields {
        if let Some(value) = value {
            node[key] = Value::String(value);
        }
    }
    ctx.wrap(script(&node), &visible_summary(ctx))
}

/// A Yoast-style `@graph`: WebPage, BreadcrumbList, Organization and the Course.
pub(super) fn jsonld_graph(ctx: &CourseContext<'_>) -> String {
    let home = format!("https://{}/", ctx.site.host);
    let org_id = format!("{home}#organization");
    let mut course = course_node(ctx);
    course["provider"] = json!({"@id": org_id});
    course["@id"] = json!(format!("{}#course", ctx.url));
    let graph = json!({
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "@id": ctx.url, "url": ctx.url, "name": ctx.course.title,
             "isPartOf": {"@id": format!("{home}#website")}, "breadcrumb": {"@id": format!("{}#breadcrumb", ctx.url)}},
            {"@type": "BreadcrumbList", "@id": format!("{}#breadcrumb", ctx.url), "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": "Home", "item": home},
                {"@type": "ListItem", "position": 2, "name": "Courses", "item": format!("https://{}{}", ctx.site.host, ctx.site.listing_path)},
                {"@type": "ListItem", "position": 3, "name": ctx.course.title}]},
            {"@type": "Organization", "@id": org_id, "name": ctx.site.name, "url": home},
            course,
        ]
    });
    ctx.wrap(script(&graph), &visible_summary(ctx))
}

/// schema.org `Course` in microdata on the visible facts.
pub(super) fn microdata(ctx: &CourseContext<'_>) -> String {
    let f = &ctx.course.facts;
    let l = ctx.labels();
    let mut main = format!(
        "<div itemscope itemtype=\"https://schema.org/Course\">\n<h1 itemprop=\"name\">{}</h1>\n\
<link itemprop=\"url\" href=\"{}\">\n<div itemprop=\"provider\" itemscope itemtype=\"https://schema.org/CollegeOrUniversity\">\
<meta itemprop=\"name\" content=\"{}\"></div>\n<p itemprop=\"description\">{}</p>\n<dl class=\"course-summary\">\n",
        escape(&ctx.course.title),
        escape(&ctx.url),
        escape(&ctx.site.name),
        escape(&ctx.course.overview)
    );
    let mut row = |label: &str, prop: &str, value: &Option<String>| {
        if let Some(value) = value {
            main.push_str(&format!(
                "<dt>{label}</dt><dd itemprop=\"{prop}\">{}</dd>\n",
                escape(value)
            ));
        }
    };
    row(l.award, "educationalCredentialAwarded", &f.award);
    row(l.level, "educationalLevel", &f.level);
    row(l.entry, "coursePrerequisites", &f.entry);
    main.push_str("</dl>\n");
    main.push_str("<div itemprop=\"hasCourseInstance\" itemscope itemtype=\"https://schema.org/CourseInstance\">\n");
    if let Some(length) = &f.length {
        main.push_str(&format!(
            "<p>{}: <span itemprop=\"courseWorkload\">{}</span></p>\n",
            l.length,
            escape(length)
        ));
    }
    if let Some(mode) = &f.study_mode {
        main.push_str(&format!(
            "<p>{}: <span itemprop=\"courseMode\">{}</span></p>\n",
            l.mode,
            escape(mode)
        ));
    }
    if let Some(delivery) = &f.delivery {
        main.push_str(&format!(
            "<p>{}: <span itemprop=\"location\">{}</span></p>\n",
            l.delivery,
            escape(delivery)
        ));
    }
    if let Some(start) = &f.start {
        main.push_str(&format!(
            "<p>{}: <span itemprop=\"startDate\">{}</span></p>\n",
            l.start,
            escape(start)
        ));
    }
    main.push_str("</div>\n");
    main.push_str(&format!("<h2>{}</h2>\n<ul class=\"fees\">\n", l.fees));
    for fee in &ctx.course.fees {
        main.push_str(&format!(
            "<li itemprop=\"offers\" itemscope itemtype=\"https://schema.org/Offer\"><span itemprop=\"category\">{}</span>: \
<span itemprop=\"description\">{}</span><meta itemprop=\"price\" content=\"{}\"><meta itemprop=\"priceCurrency\" content=\"{}\"></li>\n",
            escape(&fee.label),
            escape(&fee.text),
            fee.amount,
            escape(&fee.currency)
        ));
    }
    main.push_str("</ul>\n");
    if let Some(note) = &ctx.course.cost_note {
        main.push_str(&format!("<p>{}</p>\n", escape(note)));
    }
    main.push_str("</div>\n");
    ctx.wrap(String::new(), &main)
}
