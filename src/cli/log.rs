//! `jurydesk log`: the audit log, newest first, or its verification.

use std::io::Write;

use serde_json::json;

use super::args::*;
use super::output::timestamp;
use super::say::say;
use crate::desk::Desk;
use crate::failure::Failure;

pub(super) fn log(desk: &Desk, args: &LogArgs, out: &mut impl Write) -> Result<(), Failure> {
    if args.verify {
        return match desk.verify_log()? {
            Ok(n) => {
                say!(out, "audit log intact: {n} entries, hash chain verified")?;
                Ok(())
            }
            Err(e) => Err(Failure::failed(format!(
                "audit log verification failed: {e}"
            ))),
        };
    }
    let limit = args.limit.unwrap_or(usize::MAX);
    let mut rows = Vec::new();
    for (seq, sealed) in desk.log_newest_first().take(limit) {
        let row = match sealed {
            Ok(sealed) => {
                let e = sealed.entry;
                vec![
                    json!(e.seq),
                    json!(timestamp(&e.at)),
                    json!(e.user),
                    json!(e.action),
                    json!(e.keys()),
                    json!(e.undoes),
                    json!(hex::encode(sealed.hash)),
                ]
            }
            Err(err) => vec![
                json!(seq),
                json!(null),
                json!(null),
                json!(format!("(unreadable: {err})")),
                json!(""),
                json!(null),
                json!(null),
            ],
        };
        rows.push(row);
    }
    super::output::Listing {
        fields: vec!["seq", "at", "user", "action", "records", "undoes", "hash"],
        table: vec!["seq", "at", "user", "action", "records"],
        rows,
    }
    .print(args.format, out)?;
    Ok(())
}
