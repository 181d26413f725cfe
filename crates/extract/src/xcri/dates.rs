//! Presentation dates: enough of them to turn a start and an end into a length.
//!
//! XCRI-CAP 1.2 writes `<mlo:start dtf="2013-05-11">11 May 2013</mlo:start>` (the machine
//! date in `dtf`, words in the text); 1.1 and many 1.2 feeds write the ISO date or date-time
//! as the text (`2008-09-01T00:00:00`).

use roxmltree::Node;

/// "2013-05-11" (or a date-time starting so) → days since an epoch, enough to subtract two
/// dates.
pub(crate) fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.trim().get(..10)?.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe)
}

/// The day number of a date element: its `dtf` attribute, else its text.
pub(crate) fn element_day(node: Node<'_, '_>) -> Option<i64> {
    node.attribute("dtf").and_then(day_number).or_else(|| node.text().and_then(day_number))
}

/// A presentation's length from its first start and end, in the words the length normaliser
/// reads: days up to eight weeks, weeks after.
pub(crate) fn span(start: Option<i64>, end: Option<i64>) -> Option<String> {
    let (s, e) = (start?, end?);
    if e < s {
        return None;
    }
    let days = e - s + 1;
    Some(match days {
        1 => "1 day".to_string(),
        2..56 => format!("{days} days"),
        _ => format!("{} weeks", days / 7),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_subtract() {
        assert_eq!(
            day_number("2013-03-20").zip(day_number("2013-01-09")).map(|(a, b)| a - b),
            Some(70)
        );
        assert_eq!(day_number("2008-09-01T00:00:00"), day_number("2008-09-01"));
        assert_eq!(day_number("2013-13-01"), None);
        assert_eq!(day_number("x"), None);
        assert_eq!(day_number("2013-05-1é"), None);
    }

    #[test]
    fn spans_read_as_days_or_weeks() {
        assert_eq!(span(Some(10), Some(10)).as_deref(), Some("1 day"));
        assert_eq!(span(Some(0), Some(69)).as_deref(), Some("10 weeks"));
        assert_eq!(span(Some(5), Some(1)), None);
        assert_eq!(span(None, Some(1)), None);
    }

    #[test]
    fn dtf_wins_over_words() {
        let doc = roxmltree::Document::parse(
            "<p><start dtf=\"2013-05-11\">11 May 2013</start><end>2013-05-12</end></p>",
        )
        .expect("test XML parses");
        let mut elements = doc.root_element().children();
        assert_eq!(elements.next().and_then(element_day), day_number("2013-05-11"));
        assert_eq!(elements.next().and_then(element_day), day_number("2013-05-12"));
    }
}
