//! Byte offsets to 1-based line numbers, so every warning can point at the damage in the feed
//! as its publisher would open it in an editor.
//!
//! The repairs keep every newline where it was, so one index of the feed as received answers
//! for the repaired text and for the course chunks cut from it.

/// Where the newlines of a text are.
#[derive(Debug)]
pub(crate) struct LineIndex {
    newlines: Vec<usize>,
    /// Offset of the last character that is not whitespace (the end of the content).
    content_end: usize,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> Self {
        let newlines = text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i);
        let content_end = text.trim_end().len().saturating_sub(1);
        LineIndex { newlines: newlines.collect(), content_end }
    }

    /// The line the byte at `offset` is on.
    pub(crate) fn line(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&n| n < offset) + 1
    }

    /// The line the content ends on: where a cut-off feed was cut.
    pub(crate) fn last_line(&self) -> usize {
        self.line(self.content_end)
    }
}

/// The line `offset` is on in `text`, for one-off questions (a whole index is not worth it).
pub(crate) fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes().iter().take(offset).filter(|b| **b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_from_one() {
        let index = LineIndex::new("a\nbc\n\nd\n\n");
        assert_eq!(index.line(0), 1);
        assert_eq!(index.line(1), 1);
        assert_eq!(index.line(2), 2);
        assert_eq!(index.line(6), 4);
        assert_eq!(index.last_line(), 4);
        assert_eq!(line_at("a\nbc\n\nd", 6), 4);
        assert_eq!(LineIndex::new("").last_line(), 1);
    }
}
