//! A juror's jury-room PIN (issue 16): what a PIN may be, how it is kept (a salted Argon2id hash in
//! PHC form, the salt drawn from the operating system's random source), and how a typed PIN is
//! checked. The PIN itself is never stored, logged or shown: the audit entry says "PIN set".
//!
//! What the hash is for: a PIN keeps one juror from voting in another's name at the jury room's
//! keyboard, and the hash keeps the PINs out of backups and the log. A PIN of a few digits is not a
//! password: anyone with the store and time can try them all, hash or no hash; festivals that need
//! more keep the store's directory and backups to the secretary (they are owner-only already).

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use super::{Desk, DeskError, Result};
use crate::domain::{Juror, PinHash};

/// The fewest digits a PIN has: fewer is guessed at the keyboard.
pub const MIN_PIN_DIGITS: usize = 4;
/// The most digits a PIN has.
pub const MAX_PIN_DIGITS: usize = 12;

/// The PIN as it is hashed: digits only, Persian and Arabic-Indic digits read as ASCII ones (a PIN
/// typed on a Persian keyboard is the same PIN), surrounding spaces and a file's newline dropped.
fn normalised(pin: &str) -> Result<String> {
    let pin: String = crate::text::digits::to_ascii(pin.trim()).into_owned();
    let digits = pin.chars().count();
    if pin.is_empty() || !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(DeskError::invalid(
            "pin",
            format!("a PIN is {MIN_PIN_DIGITS} to {MAX_PIN_DIGITS} digits, nothing else"),
        ));
    }
    if !(MIN_PIN_DIGITS..=MAX_PIN_DIGITS).contains(&digits) {
        return Err(DeskError::invalid(
            "pin",
            format!(
                "the PIN has {digits} digits: a PIN is {MIN_PIN_DIGITS} to {MAX_PIN_DIGITS} digits"
            ),
        ));
    }
    Ok(pin)
}

/// Hashes a PIN with a fresh random salt: the same PIN hashed twice gives two different hashes.
pub fn hash_pin(pin: &str) -> Result<PinHash> {
    let pin = normalised(pin)?;
    let hash = Argon2::default()
        .hash_password(pin.as_bytes())
        .map_err(|e| {
            DeskError::Refused(format!("the PIN could not be hashed ({e}): no PIN set"))
        })?;
    Ok(PinHash(hash.to_string()))
}

/// Whether `typed` is the PIN `hash` was made from. A hash that cannot be read matches nothing.
pub fn pin_matches(hash: &PinHash, typed: &str) -> bool {
    let Ok(typed) = normalised(typed) else {
        return false;
    };
    Argon2::default()
        .verify_password(typed.as_bytes(), hash.0.as_str())
        .is_ok()
}

/// Whether a stored hash is one `pin_matches` can read (`check` names a damaged one).
pub fn pin_hash_is_readable(hash: &PinHash) -> bool {
    argon2::password_hash::phc::PasswordHash::new(&hash.0).is_ok()
}

impl Desk {
    /// Sets, changes or (with `None`) removes a juror's jury-room PIN. Logged as "PIN set" or "PIN
    /// removed", never with the PIN. Refused in a finalized edition, like every change to its jury.
    pub fn set_pin(&self, edition: &str, juror: &str, pin: Option<&str>) -> Result<Juror> {
        let edition = self.open_edition(edition)?;
        let mut juror = self.juror(&edition, juror)?;
        let what = match pin {
            Some(pin) => {
                juror.pin = Some(hash_pin(pin)?);
                "PIN set"
            }
            None if juror.pin.is_none() => {
                return Err(DeskError::Refused(format!(
                    "{} has no PIN: nothing to remove",
                    juror.name
                )));
            }
            None => {
                juror.pin = None;
                "PIN removed"
            }
        };
        let mut tx = self.store.begin();
        tx.put(&juror)?;
        tx.commit(format!(
            "juror pin {} in {}: {what}",
            juror.name, edition.code
        ))?;
        Ok(juror)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_pin_hashed_twice_gives_two_hashes_both_of_which_verify() {
        let a = hash_pin("4821").unwrap();
        let b = hash_pin("4821").unwrap();
        assert_ne!(a, b, "salted: the hashes differ");
        assert!(a.0.starts_with("$argon2id$"), "{}", a.0);
        assert!(!a.0.contains("4821"));
        assert!(pin_matches(&a, "4821"));
        assert!(pin_matches(&b, "4821"));
        assert!(pin_hash_is_readable(&a));
    }

    #[test]
    fn a_wrong_pin_is_refused() {
        let hash = hash_pin("4821").unwrap();
        for wrong in ["4820", "48210", "1284", "", "abcd", "4821x"] {
            assert!(!pin_matches(&hash, wrong), "{wrong:?} was accepted");
        }
    }

    #[test]
    fn persian_digits_and_a_file_s_newline_are_the_same_pin() {
        let hash = hash_pin("۴۸۲۱\n").unwrap();
        assert!(pin_matches(&hash, "4821"));
        assert!(pin_matches(&hash, "٤٨٢١"));
    }

    #[test]
    fn a_pin_is_four_to_twelve_digits() {
        for bad in ["", "123", "1234567890123", "12a4", "12 34"] {
            let err = hash_pin(bad).unwrap_err().to_string();
            assert!(err.contains("4 to 12 digits"), "{bad:?}: {err}");
        }
        assert!(hash_pin("1234").is_ok());
        assert!(hash_pin("123456789012").is_ok());
    }

    #[test]
    fn the_debug_form_shows_no_hash() {
        let hash = hash_pin("4821").unwrap();
        assert_eq!(format!("{hash:?}"), "PinHash(set)");
    }

    #[test]
    fn a_damaged_hash_matches_nothing() {
        let hash = PinHash("not a hash".into());
        assert!(!pin_matches(&hash, "4821"));
        assert!(!pin_hash_is_readable(&hash));
    }
}
