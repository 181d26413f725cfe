//! An XCRI-CAP 1.2 catalogue feed, shaped like the Open University's.

use crate::catalogue::{CoursePage, SiteInfo};
use crate::html::escape;

/// The whole feed for `site`, one `course` per entry, one `presentation` per study mode.
pub(crate) fn xcri_feed(site: &SiteInfo, courses: &[&CoursePage]) -> String {
    let home = format!("https://{}/", site.host);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<catalog xmlns=\"http://xcri.org/profiles/1.2/catalog\" \
xmlns:credit=\"http://purl.org/net/cm\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:mlo=\"http://purl.org/net/mlo\" \
xmlns:xhtml=\"http://www.w3.org/1999/xhtml\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
xsi:schemaLocation=\"http://xcri.org/profiles/1.2/catalog http://www.xcri.co.uk/bindings/xcri_cap_1_2.xsd\" \
generated=\"2014-09-01T09:00:00Z\">\n<provider>\n<dc:identifier>{home}</dc:identifier>\n\
<dc:title>{}</dc:title>\n<mlo:url>{home}</mlo:url>\n",
        escape(&site.name)
    );
    for course in courses {
        let id = course.part.as_deref().unwrap_or("unknown");
        let f = &course.facts;
        // No `mlo:url`: these courses have no page of their own on the site, and a reader names
        // a course's record after the page its feed links to.
        out.push_str(&format!(
            "<course>\n<dc:identifier>{}</dc:identifier>\n<dc:title>{}</dc:title>\n\
<dcterms:description>{}</dcterms:description>\n<abstract>{}</abstract>\n",
            escape(id),
            escape(&course.title),
            escape(&course.overview),
            escape(course.overview.split(". ").next().unwrap_or_default())
        ));
        if let Some(entry) = &f.entry {
            out.push_str(&format!("<mlo:prerequisite>{}</mlo:prerequisite>\n", escape(entry)));
        }
        if f.award.is_some() || f.level.is_some() {
            out.push_str("<mlo:qualification>\n");
            if let Some(award) = &f.award {
                out.push_str(&format!("<dc:title>{}</dc:title>\n", escape(award)));
            }
            if let Some(level) = &f.level {
                out.push_str(&format!(
                    "<dcterms:educationLevel>{}</dcterms:educationLevel>\n",
                    escape(level)
                ));
            }
            out.push_str(&format!(
                "<awardedBy>{}</awardedBy>\n</mlo:qualification>\n",
                escape(&site.name)
            ));
        }
        let cost: Vec<String> =
            course.fees.iter().map(|fee| format!("{}: {}", fee.label, fee.text)).collect();
        out.push_str(&format!(
            "<presentation>\n<dc:identifier>{}2025J</dc:identifier>\n<mlo:start>2025-10-04</mlo:start>\n",
            escape(id)
        ));
        if let Some(length) = &f.length {
            out.push_str(&format!("<mlo:duration>{}</mlo:duration>\n", escape(length)));
        }
        if let Some(mode) = &f.study_mode {
            out.push_str(&format!("<studyMode>{}</studyMode>\n", escape(mode)));
        }
        if let Some(delivery) = &f.delivery {
            out.push_str(&format!("<attendanceMode>{}</attendanceMode>\n", escape(delivery)));
        }
        out.push_str(
            "<attendancePattern>Part time distance education course</attendancePattern>\n",
        );
        if !cost.is_empty() {
            out.push_str(&format!("<mlo:cost>{}</mlo:cost>\n", escape(&cost.join("; "))));
        }
        out.push_str("</presentation>\n</course>\n");
    }
    out.push_str("</provider>\n</catalog>\n");
    out
}
