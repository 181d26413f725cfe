//! HTML templates without structured data: key-facts `dl`, facts table, tabs, bare prose.

use super::CourseContext;
use crate::html::escape;

/// Key facts in a `dl` panel beside the overview (many UK course finders).
pub(super) fn dl(ctx: &CourseContext<'_>) -> String {
    let mut main = format!(
        "<h1>{}</h1>\n<section class=\"key-facts\"><h2>Key facts</h2>\n<dl>\n",
        escape(&ctx.course.title)
    );
    for (label, value) in ctx.fact_rows() {
        main.push_str(&format!("<dt>{label}</dt>\n<dd>{}</dd>\n", escape(value)));
    }
    main.push_str("</dl>\n</section>\n");
    main.push_str(&ctx.overview_html());
    main.push_str(&ctx.entry_html());
    main.push_str(&ctx.fee_table_html());
    ctx.wrap(String::new(), &main)
}

/// A two-column facts table including entry and fees.
pub(super) fn table(ctx: &CourseContext<'_>) -> String {
    let labels = ctx.labels();
    let mut main = format!("<h1>{}</h1>\n", escape(&ctx.course.title));
    main.push_str(&ctx.overview_html());
    main.push_str("<table class=\"course-facts\"><tbody>\n");
    for (label, value) in ctx.fact_rows() {
        main.push_str(&format!(
            "<tr><th scope=\"row\">{label}</th><td>{}</td></tr>\n",
            escape(value)
        ));
    }
    if let Some(entry) = &ctx.course.facts.entry {
        main.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n",
            labels.entry,
            escape(entry)
        ));
    }
    let mut fees: Vec<String> = ctx
        .course
        .fees
        .iter()
        .map(|f| format!("{}: {}", escape(&f.label), escape(&f.text)))
        .collect();
    fees.extend(ctx.course.cost_note.iter().map(|note| escape(note)));
    if !fees.is_empty() {
        main.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n",
            labels.fees,
            fees.join("<br>")
        ));
    }
    main.push_str("</tbody></table>\n");
    ctx.wrap(String::new(), &main)
}

/// Tabs for overview and details, accordions (`details`) for entry and fees.
pub(super) fn tabs(ctx: &CourseContext<'_>) -> String {
    let labels = ctx.labels();
    let mut main = format!(
        "<h1>{}</h1>\n<div class=\"tabs\" role=\"tablist\">\
<button role=\"tab\" aria-selected=\"true\" aria-controls=\"tab-overview\">Overview</button>\
<button role=\"tab\" aria-selected=\"false\" aria-controls=\"tab-details\">Course details</button>\
<button role=\"tab\" aria-selected=\"false\" aria-controls=\"tab-apply\">Entry and fees</button></div>\n\
<div id=\"tab-overview\" role=\"tabpanel\">\n{}</div>\n<div id=\"tab-details\" role=\"tabpanel\" hidden>\n<ul class=\"course-details\">\n",
        escape(&ctx.course.title),
        ctx.overview_html()
    );
    for (label, value) in ctx.fact_rows() {
        main.push_str(&format!("<li><strong>{label}:</strong> {}</li>\n", escape(value)));
    }
    main.push_str("</ul>\n</div>\n<div id=\"tab-apply\" role=\"tabpanel\" hidden>\n");
    if let Some(entry) = &ctx.course.facts.entry {
        main.push_str(&format!(
            "<details class=\"accordion\"><summary>{}</summary>\n<p>{}</p>\n</details>\n",
            labels.entry,
            escape(entry)
        ));
    }
    main.push_str(&format!(
        "<details class=\"accordion\"><summary>{}</summary>\n{}</details>\n</div>\n",
        labels.fees,
        ctx.fee_table_html()
    ));
    ctx.wrap(String::new(), &main)
}

/// Nothing structured: paragraphs of "Label: value" lines (smaller providers, old pages).
pub(super) fn prose(ctx: &CourseContext<'_>) -> String {
    let labels = ctx.labels();
    let mut main = format!(
        "<h1>{}</h1>\n<p>{}</p>\n",
        escape(&ctx.course.title),
        escape(&ctx.course.overview)
    );
    if !ctx.course.topics.is_empty() {
        main.push_str(&format!(
            "<p>Topics include {}.</p>\n",
            escape(&ctx.course.topics.join(", "))
        ));
    }
    for (label, value) in ctx.fact_rows() {
        main.push_str(&format!("<p>{label}: {}</p>\n", escape(value)));
    }
    if let Some(entry) = &ctx.course.facts.entry {
        main.push_str(&format!("<p>{}: {}</p>\n", labels.entry, escape(entry)));
    }
    for fee in &ctx.course.fees {
        main.push_str(&format!(
            "<p>{} ({}): {}</p>\n",
            labels.fees,
            escape(&fee.label),
            escape(&fee.text)
        ));
    }
    if let Some(note) = &ctx.course.cost_note {
        main.push_str(&format!("<p>{}: {}</p>\n", labels.fees, escape(note)));
    }
    ctx.wrap(String::new(), &main)
}
