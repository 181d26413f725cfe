//! Page templates, each modelled on how real UK university and provider pages present facts.
//!
//! Every template shows the same wording from `data/catalogue.json`; they differ in where the
//! words sit (a `dl`, a table, tabs, bare "Label: value" lines, JSON-LD, microdata, a feed),
//! which is what the extractor is measured on.

mod listing;
mod panels;
mod schema;
mod xcri;

pub(crate) use listing::{ListingCard, listing_page};
pub(crate) use xcri::xcri_feed;

use crate::catalogue::{CoursePage, SiteInfo, Template};
use crate::html::{Chrome, escape, page};

/// Everything a template needs to render one course page.
#[derive(Debug)]
pub(crate) struct CourseContext<'a> {
    pub site: &'a SiteInfo,
    pub course: &'a CoursePage,
    /// Canonical `https://` URL of the page.
    pub url: String,
    /// Related-course box entries: title, link, fee wording.
    pub related: Vec<(String, String, String)>,
}

/// The label words a site uses; real sites differ ("Duration", "Course length", ...).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Labels {
    pub award: &'static str,
    pub level: &'static str,
    pub length: &'static str,
    pub mode: &'static str,
    pub delivery: &'static str,
    pub entry: &'static str,
    pub start: &'static str,
    pub fees: &'static str,
}

const LABEL_SETS: [Labels; 3] = [
    Labels {
        award: "Award",
        level: "Level",
        length: "Duration",
        mode: "Study mode",
        delivery: "Delivery",
        entry: "Entry requirements",
        start: "Start date",
        fees: "Fees",
    },
    Labels {
        award: "Qualification",
        level: "FHEQ level",
        length: "Course length",
        mode: "Mode of study",
        delivery: "Teaching",
        entry: "Entry criteria",
        start: "Starts",
        fees: "Tuition fees",
    },
    Labels {
        award: "Final award",
        level: "Level of study",
        length: "Length of course",
        mode: "Attendance",
        delivery: "Location",
        entry: "Who can apply",
        start: "Start",
        fees: "Cost",
    },
];

impl CourseContext<'_> {
    /// The site's label set, fixed per host so a site is self-consistent.
    pub(crate) fn labels(&self) -> Labels {
        let sum: usize = self.site.host.bytes().map(usize::from).sum();
        LABEL_SETS[sum % LABEL_SETS.len()]
    }

    /// Facts in display order, as (label, wording), leaving out what the page does not say.
    pub(crate) fn fact_rows(&self) -> Vec<(&'static str, &str)> {
        let l = self.labels();
        let f = &self.course.facts;
        [
            (l.award, &f.award),
            (l.level, &f.level),
            (l.length, &f.length),
            (l.mode, &f.study_mode),
            (l.delivery, &f.delivery),
            (l.start, &f.start),
        ]
        .into_iter()
        .filter_map(|(label, value)| value.as_deref().map(|v| (label, v)))
        .collect()
    }

    /// The overview section: description and topics.
    pub(crate) fn overview_html(&self) -> String {
        let mut out = format!(
            "<section class=\"overview\"><h2>Overview</h2>\n<p>{}</p>\n",
            escape(&self.course.overview)
        );
        if !self.course.topics.is_empty() {
            out.push_str("<h3>What you will study</h3>\n<ul class=\"topics\">");
            for topic in &self.course.topics {
                out.push_str(&format!("<li>{}</li>", escape(topic)));
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");
        out
    }

    /// Home and international fee table, plus any note on funding.
    pub(crate) fn fee_table_html(&self) -> String {
        let mut out =
            format!("<section class=\"fees\" id=\"fees\"><h2>{}</h2>\n", self.labels().fees);
        if !self.course.fees.is_empty() {
            out.push_str(
                "<table class=\"fee-table\"><caption>Tuition fees for 2025/26 entry</caption>\
<thead><tr><th scope=\"col\">Student</th><th scope=\"col\">Fee</th></tr></thead><tbody>",
            );
            for fee in &self.course.fees {
                out.push_str(&format!(
                    "<tr><td>{}</td><td>{}</td></tr>",
                    escape(&fee.label),
                    escape(&fee.text)
                ));
            }
            out.push_str("</tbody></table>\n");
        }
        if let Some(note) = &self.course.cost_note {
            out.push_str(&format!("<p class=\"funding\">{}</p>\n", escape(note)));
        }
        out.push_str("</section>\n");
        out
    }

    /// The entry requirements section, when the page states any.
    pub(crate) fn entry_html(&self) -> String {
        match &self.course.facts.entry {
            Some(entry) => format!(
                "<section class=\"entry\" id=\"entry-requirements\"><h2>{}</h2>\n<p>{}</p>\n</section>\n",
                self.labels().entry,
                escape(entry)
            ),
            None => String::new(),
        }
    }

    fn related_html(&self) -> String {
        if self.related.is_empty() {
            return String::new();
        }
        let mut out = String::from(
            "<aside class=\"related-courses\" aria-label=\"Related courses\"><h2>Related courses</h2><ul>",
        );
        for (title, href, fee) in &self.related {
            out.push_str(&format!(
                "<li><a href=\"{}\">{}</a> <span class=\"fee\">From {}</span></li>",
                escape(href),
                escape(title),
                escape(fee)
            ));
        }
        out.push_str("</ul></aside>\n");
        out
    }

    /// Wraps `main` (and optional JSON-LD `head`) in the site chrome.
    pub(crate) fn wrap(&self, head: String, main: &str) -> String {
        let chrome = Chrome {
            title: &self.course.title,
            canonical: Some(&self.url),
            head,
            nav_terms: self.course.nav_terms,
            aside: self.related_html(),
            aside_in_main: matches!(
                self.course.template,
                Template::Tabs | Template::Prose | Template::JsonldGraph
            ),
        };
        page(self.site, &chrome, main)
    }
}

/// Renders one course page with its template; feed entries have no page (`None`).
pub(crate) fn course_page(ctx: &CourseContext<'_>) -> Option<String> {
    Some(match ctx.course.template {
        Template::Dl => panels::dl(ctx),
        Template::Table => panels::table(ctx),
        Template::Tabs => panels::tabs(ctx),
        Template::Prose => panels::prose(ctx),
        Template::JsonldCourse => schema::jsonld_course(ctx),
        Template::JsonldProgram => schema::jsonld_program(ctx),
        Template::JsonldGraph => schema::jsonld_graph(ctx),
        Template::Microdata => schema::microdata(ctx),
        Template::Xcri => return None,
    })
}
