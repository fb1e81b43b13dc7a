//! A scrolling list's position: which row is selected and which row is at the top of the window. The
//! view builds only the rows in the window, whatever the length of the list.

/// Selection and scroll offset of one list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListPosition {
    pub selected: usize,
    pub offset: usize,
}

impl ListPosition {
    /// Moves the selection by `delta` rows within a list of `len`, keeping it in the window of `height`.
    pub fn step(&mut self, delta: isize, len: usize, height: usize) {
        let last = len.saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.scroll_into_view(len, height);
    }

    pub fn to_top(&mut self) {
        *self = ListPosition::default();
    }

    pub fn to_bottom(&mut self, len: usize, height: usize) {
        self.selected = len.saturating_sub(1);
        self.scroll_into_view(len, height);
    }

    /// Clamps to a list that may have shrunk, and keeps the selection in view.
    pub fn scroll_into_view(&mut self, len: usize, height: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
        self.offset = window_start(len, self.selected, self.offset, height);
    }

    /// The window `[start, end)` of a list of `len` shown in `height` rows.
    pub fn window(&self, len: usize, height: usize) -> std::ops::Range<usize> {
        let start = window_start(
            len,
            self.selected.min(len.saturating_sub(1)),
            self.offset,
            height,
        );
        start..(start + height).min(len)
    }
}

/// The first visible row: the previous one if the selection is still in view, else the least scroll
/// that brings it in view; never past the point where the window would show blank rows.
fn window_start(len: usize, selected: usize, offset: usize, height: usize) -> usize {
    if height == 0 || len == 0 {
        return 0;
    }
    let mut start = offset;
    if selected < start {
        start = selected;
    } else if selected >= start + height {
        start = selected + 1 - height;
    }
    start.min(len.saturating_sub(height))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn scrolls_only_as_much_as_needed() {
        let mut p = ListPosition::default();
        p.step(5, 100, 10);
        assert_eq!((p.selected, p.offset), (5, 0));
        p.step(10, 100, 10);
        assert_eq!((p.selected, p.offset), (15, 6));
        p.step(-8, 100, 10);
        assert_eq!((p.selected, p.offset), (7, 6));
        p.to_bottom(100, 10);
        assert_eq!((p.selected, p.offset), (99, 90));
        assert_eq!(p.window(100, 10), 90..100);
    }

    #[test]
    fn empty_and_tiny_lists_are_fine() {
        let mut p = ListPosition::default();
        p.step(3, 0, 10);
        assert_eq!(p, ListPosition::default());
        assert_eq!(p.window(0, 10), 0..0);
        p.step(3, 2, 0);
        assert_eq!(p.selected, 1);
        assert_eq!(p.window(2, 0), 0..0);
    }

    proptest! {
        #[test]
        fn the_selection_stays_inside_the_list_and_the_window(
            steps in proptest::collection::vec(-50isize..50, 1..50),
            len in 0usize..200,
            height in 0usize..40,
        ) {
            let mut p = ListPosition::default();
            for delta in steps {
                p.step(delta, len, height);
                prop_assert!(len == 0 || p.selected < len);
                let window = p.window(len, height);
                prop_assert!(window.end <= len);
                if height > 0 && len > 0 {
                    prop_assert!(window.contains(&p.selected));
                }
            }
        }
    }
}
