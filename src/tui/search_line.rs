//! The search line every pane has (`/`): the query as typed and whether keys are going into it. The
//! desk's key handling and the view treat the three panes' search lines alike; what a query matches is
//! each pane's business (the submissions pane reads fields such as `director:`, the others compare
//! names through `text::Matcher`, on the folded forms of docs/text.md#folding).

use crate::desk::SubmissionQuery;
use crate::text::Matcher;

/// One edit of a search line, as the keys make it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchEdit {
    /// `/`: keys go into the query.
    Start,
    /// A printable key while typing.
    Type(char),
    /// Backspace while typing.
    Erase,
    /// Enter: keep the query, keys go back to the list.
    Done,
    /// Esc: no query, no typing.
    Clear,
}

/// A pane's search as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchLine {
    pub query: String,
    /// Whether keys are going into the query.
    pub typing: bool,
}

impl SearchLine {
    /// Applies one edit. Returns the query before it when the query only grew (a typed character), so
    /// that a pane may narrow its previous hits instead of searching every row again.
    pub fn apply(&mut self, edit: SearchEdit) -> Option<String> {
        match edit {
            SearchEdit::Start => self.typing = true,
            SearchEdit::Type(c) => {
                let before = self.query.clone();
                self.query.push(c);
                return Some(before);
            }
            SearchEdit::Erase => {
                self.query.pop();
            }
            SearchEdit::Done => self.typing = false,
            SearchEdit::Clear => {
                self.query.clear();
                self.typing = false;
            }
        }
        None
    }

    /// Whether the line is on screen: being typed, or a query is in force.
    pub fn is_shown(&self) -> bool {
        self.typing || !self.query.is_empty()
    }

    /// The query as a matcher on folded text (empty: everything matches).
    pub fn matcher(&self) -> Matcher {
        Matcher::new(&self.query)
    }

    /// The query read as a submissions query (fields such as `director:`), for the panes that list
    /// submissions. `problem` is what the pane shows under its search line: cleared when the query
    /// reads; set, with `None` returned, while it does not, so that the pane keeps its last good view
    /// while the query is still being typed.
    pub fn submission_query(&self, problem: &mut Option<String>) -> Option<SubmissionQuery> {
        match SubmissionQuery::parse(&self.query) {
            Ok(query) => {
                *problem = None;
                Some(query)
            }
            Err(error) => {
                *problem = Some(error.to_string());
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_grows_the_query_and_clear_ends_it() {
        let mut line = SearchLine::default();
        assert!(!line.is_shown());
        line.apply(SearchEdit::Start);
        assert!(line.is_shown() && line.typing);
        assert_eq!(line.apply(SearchEdit::Type('a')).as_deref(), Some(""));
        assert_eq!(line.apply(SearchEdit::Type('b')).as_deref(), Some("a"));
        assert_eq!(line.apply(SearchEdit::Erase), None);
        assert_eq!(line.query, "a");
        line.apply(SearchEdit::Done);
        assert!(!line.typing && line.is_shown(), "a kept query stays shown");
        line.apply(SearchEdit::Clear);
        assert_eq!(line, SearchLine::default());
    }

    #[test]
    fn the_matcher_folds_arabic_letters_to_persian_ones() {
        let line = SearchLine {
            query: "كيارستمي".into(),
            typing: true,
        };
        assert!(line.matcher().matches("عباس کیارستمی"));
    }
}
