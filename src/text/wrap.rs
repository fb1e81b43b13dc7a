//! Wrapping a line of text into rows of a given width, for views that must never cut a sentence
//! (README.md#the-desk: the count's explanation "is never cut").
//!
//! Unlike a paragraph wrapper this keeps the spaces inside a line as they are, so the columns of a
//! table row (the rounds table, a pairwise matrix) stay aligned when the row fits, and a row that does
//! not fit goes on below, indented under its own first word.

use super::width::{clusters, width};

/// `line` in rows of at most `cells` cells each (at least one row). Breaks fall on spaces, which are
/// dropped at the break; a word wider than a row is cut between characters. The line's own indent is
/// kept on its first row, and its continuation rows are indented two cells deeper (when that leaves
/// at least half the row for text). Nothing is dropped but the spaces at a break, and nothing is
/// added but indentation: joined with single spaces, the rows give back the line's words in order.
pub fn wrap(line: &str, cells: usize) -> Vec<String> {
    let cells = cells.max(1);
    if width(line) <= cells {
        return vec![line.to_string()];
    }
    let indent = line.chars().take_while(|&c| c == ' ').count();
    let hang = if (indent + 2) * 2 <= cells {
        indent + 2
    } else {
        0
    };
    let mut rows = Vec::new();
    let mut row = String::new();
    let mut used = 0;
    // Whether `row` holds a word yet (and not just indentation).
    let mut has_word = false;
    let mut spaces = String::new();
    for piece in pieces(line) {
        if piece.starts_with(' ') {
            if has_word {
                spaces = piece.to_string();
            } else {
                // The line's own indent, on its first row only.
                let room = cells.saturating_sub(used);
                let kept: String = piece.chars().take(room.saturating_sub(1)).collect();
                used += kept.chars().count();
                row.push_str(&kept);
            }
            continue;
        }
        let w = width(piece);
        if has_word && used + spaces.len() + w <= cells {
            row.push_str(&spaces);
            row.push_str(piece);
            used += spaces.len() + w;
            spaces.clear();
            continue;
        }
        if has_word {
            rows.push(std::mem::take(&mut row));
            row = " ".repeat(hang);
            used = hang;
        }
        spaces.clear();
        // The word on a row of its own, cut where it is wider than the room left.
        let mut word = piece;
        while used + width(word) > cells {
            let room = cells.saturating_sub(used).max(1);
            let mut taken = 0;
            let mut end = 0;
            for cluster in clusters(word) {
                let cw = width(cluster);
                if taken + cw > room && end > 0 {
                    break;
                }
                taken += cw;
                end += cluster.len();
            }
            row.push_str(&word[..end]);
            rows.push(std::mem::take(&mut row));
            row = " ".repeat(hang);
            used = hang;
            word = &word[end..];
            if word.is_empty() {
                break;
            }
        }
        if word.is_empty() {
            has_word = false;
        } else {
            row.push_str(word);
            used += width(word);
            has_word = true;
        }
    }
    if has_word || rows.is_empty() {
        rows.push(row);
    }
    rows
}

/// The line as alternating runs of spaces and of other characters.
fn pieces(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = line;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let space = first == ' ';
        let end = rest
            .char_indices()
            .find(|&(_, c)| (c == ' ') != space)
            .map_or(rest.len(), |(i, _)| i);
        let (piece, after) = rest.split_at(end);
        rest = after;
        Some(piece)
    })
}

#[cfg(test)]
mod tests {
    use super::wrap;
    use crate::text::width;

    fn words(rows: &[String]) -> String {
        rows.join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_line_that_fits_is_left_as_it_is() {
        assert_eq!(wrap("  1.  A   B", 20), ["  1.  A   B"]);
        assert_eq!(wrap("", 5), [""]);
    }

    #[test]
    fn a_long_line_breaks_between_words_with_a_hanging_indent() {
        let line = "  1. none among Alpha, Beta and Gamma → Alpha, Beta and Gamma: the tie stands";
        let rows = wrap(line, 30);
        assert_eq!(
            rows,
            [
                "  1. none among Alpha, Beta",
                "    and Gamma → Alpha, Beta",
                "    and Gamma: the tie stands",
            ]
        );
        assert!(rows.iter().all(|r| !r.ends_with('…')));
        assert_eq!(words(&rows), words(&[line.to_string()]));
    }

    #[test]
    fn a_word_wider_than_the_row_is_cut_not_dropped() {
        let rows = wrap("ab abcdefghijkl c", 5);
        assert_eq!(rows, ["ab", "  abc", "  def", "  ghi", "  jkl", "  c"]);
        let rows = wrap("ab abcdefghijkl c", 3);
        assert_eq!(rows, ["ab", "abc", "def", "ghi", "jkl", "c"]);
        let rows = wrap("紙灯籠紙灯籠", 5);
        assert_eq!(rows.concat().replace(' ', ""), "紙灯籠紙灯籠");
        assert!(rows.iter().all(|r| width(r) <= 5), "{rows:?}");
    }

    #[test]
    fn every_row_fits_and_no_word_is_lost_at_any_width() {
        let line =
            "    3= Letters from the Front Line = The Last Date Palm (🎞️ Reel Memories, نمک)";
        for cells in 1..90 {
            let rows = wrap(line, cells);
            for row in &rows {
                assert!(width(row) <= cells.max(2), "{row:?} in {cells}");
            }
            let joined: String = rows.concat().split_whitespace().collect();
            let original: String = line.split_whitespace().collect();
            assert_eq!(joined, original, "at {cells}");
        }
    }
}
