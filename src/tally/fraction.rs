//! Exact fractions for means and Borda half-points: a tie that hinges on 7.0 against 6.999… must be
//! decided by arithmetic, not by float rounding.

use std::cmp::Ordering;

/// `num / den`, reduced, `den > 0`. The values in a count are small (at most 10 × ballots), so i128
/// never overflows in a cross-multiplication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Frac {
    pub num: i128,
    pub den: i128,
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Frac {
    /// `num / den`; `den` must not be 0 (callers check that there is something to divide by).
    pub fn new(num: i128, den: i128) -> Frac {
        let (num, den) = if den < 0 { (-num, -den) } else { (num, den) };
        let g = gcd(num, den).max(1);
        Frac {
            num: num / g,
            den: den / g,
        }
    }

    /// The value as people read it: exact when it has at most three decimals (`7`, `12.5`, `6.75`),
    /// otherwise rounded to three (`7.667`).
    pub fn display(self) -> String {
        let sign = if self.num < 0 { "-" } else { "" };
        let num = self.num.abs();
        let whole = num / self.den;
        let rest = num % self.den;
        if rest == 0 {
            return format!("{sign}{whole}");
        }
        // Thousandths, rounded half up.
        let milli = (rest * 1000 * 2 + self.den) / (2 * self.den);
        let (whole, milli) = if milli == 1000 {
            (whole + 1, 0)
        } else {
            (whole, milli)
        };
        let digits = format!("{milli:03}");
        let digits = digits.trim_end_matches('0');
        if digits.is_empty() {
            format!("{sign}{whole}")
        } else {
            format!("{sign}{whole}.{digits}")
        }
    }

    /// `23/3`, or `7` when whole.
    pub fn exact(self) -> String {
        if self.den == 1 {
            self.num.to_string()
        } else {
            format!("{}/{}", self.num, self.den)
        }
    }
}

impl Ord for Frac {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.num * other.den).cmp(&(other.num * self.den))
    }
}

impl PartialOrd for Frac {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduces_and_compares_exactly() {
        assert_eq!(Frac::new(21, 3), Frac::new(35, 5));
        assert_eq!(Frac::new(21, 3), Frac { num: 7, den: 1 });
        assert!(Frac::new(23, 3) > Frac::new(7, 1));
        assert!(Frac::new(27, 4) < Frac::new(34, 5));
        assert_eq!(Frac::new(3, -6), Frac { num: -1, den: 2 });
    }

    #[test]
    fn displays() {
        assert_eq!(Frac::new(14, 2).display(), "7");
        assert_eq!(Frac::new(25, 2).display(), "12.5");
        assert_eq!(Frac::new(27, 4).display(), "6.75");
        assert_eq!(Frac::new(23, 3).display(), "7.667");
        assert_eq!(Frac::new(2, 3).display(), "0.667");
        assert_eq!(Frac::new(-1, 2).display(), "-0.5");
        assert_eq!(Frac::new(19999, 2000).display(), "10");
        assert_eq!(Frac::new(23, 3).exact(), "23/3");
    }
}
