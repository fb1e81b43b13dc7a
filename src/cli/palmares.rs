//! `palmares`, `finalize`, `reopen` and `rules`: an edition's results sheet and the rules it must keep.

use std::io::Write;

use serde_json::{Value, json};

use super::args::{FinalizeArgs, PalmaresArgs, PalmaresFormat, ReopenArgs, RulesCommand};
use super::output::timestamp;
use super::say::{self, say};
use crate::desk::{Desk, Palmares, PalmaresLine, RulesChange, parse_switch};
use crate::domain::Method;
use crate::domain::calendar::{format_date_long, format_period, local_iso};
use crate::domain::{Category, Edition, EditionRules, EditionState, Preset, ordinal};
use crate::failure::{Failure, usage};
use crate::tally::tie_break_label;
use crate::text::for_terminal;

pub fn palmares(desk: &Desk, a: &PalmaresArgs, out: &mut impl Write) -> Result<(), Failure> {
    let palmares = desk.palmares(&a.edition)?;
    if a.check {
        return check(&palmares, a.format, out);
    }
    match a.format {
        PalmaresFormat::Text => say::block(out, &text(&palmares))?,
        PalmaresFormat::Md => write!(out, "{}", markdown(&palmares))?,
        PalmaresFormat::Csv => csv(&palmares, out)?,
        PalmaresFormat::Json => {
            super::output::print_json_value(&to_json(&palmares), out)?;
        }
    }
    Ok(())
}

/// `palmares --check`: the rules broken and what is incomplete, as two lists on stdout, and exit 1 when
/// either holds anything (what `finalize` would refuse), so a script can gate on it.
fn check(p: &Palmares, format: PalmaresFormat, out: &mut impl Write) -> Result<(), Failure> {
    match format {
        PalmaresFormat::Json => {
            super::output::print_json_value(&check_json(p), out)?;
        }
        PalmaresFormat::Csv => {
            let mut writer = ::csv::Writer::from_writer(&mut *out);
            writer
                .write_record(["list", "rule", "message"])
                .map_err(csv_failure)?;
            for v in &p.violations {
                writer
                    .write_record(["rules_broken", v.rule(), &v.to_string()])
                    .map_err(csv_failure)?;
            }
            for item in &p.incomplete {
                writer
                    .write_record(["incomplete", item.item(), &item.to_string()])
                    .map_err(csv_failure)?;
            }
            writer.flush()?;
        }
        PalmaresFormat::Text | PalmaresFormat::Md => {
            say!(out, "{}: {}", p.edition.code, p.verdict())?;
            if !p.violations.is_empty() {
                say!(out, "Rules broken ({}):", p.violations.len())?;
                for v in &p.violations {
                    say!(out, "  {}: {}", v.rule(), v)?;
                }
            }
            if !p.incomplete.is_empty() {
                say!(out, "Incomplete ({}):", p.incomplete.len())?;
                for item in &p.incomplete {
                    say!(out, "  {}: {}", item.item(), item)?;
                }
            }
        }
    }
    if p.finalizable() {
        Ok(())
    } else {
        Err(Failure::failed(format!(
            "the palmarès of {} is not ready to finalize: {}",
            p.edition.code,
            p.problems()
        )))
    }
}

/// One entry of a check list: its fields as serde gives them, with the sentence as `message`.
fn entry_json(value: impl serde::Serialize, message: String) -> Value {
    let mut value = serde_json::to_value(value).unwrap_or(Value::Null);
    if let Value::Object(object) = &mut value {
        object.insert("message".into(), Value::String(message));
    }
    value
}

fn rules_broken_json(p: &Palmares) -> Vec<Value> {
    p.violations
        .iter()
        .map(|v| entry_json(v, v.to_string()))
        .collect()
}

fn incomplete_json(p: &Palmares) -> Vec<Value> {
    p.incomplete
        .iter()
        .map(|i| entry_json(i, i.to_string()))
        .collect()
}

fn check_json(p: &Palmares) -> Value {
    json!({
        "edition": p.edition.code,
        "state": p.edition.state.as_str(),
        "finalizable": p.finalizable(),
        "verdict": p.verdict(),
        "rules_broken": rules_broken_json(p),
        "incomplete": incomplete_json(p),
    })
}

fn csv_failure(e: ::csv::Error) -> Failure {
    super::output::csv_io(e).into()
}

/// The edition's title as a results sheet names it: "43rd Fajr Film Festival".
fn heading(p: &Palmares) -> String {
    format!("{} {}", ordinal(p.edition.number), p.festival.name)
}

fn category_title(category: &Category) -> String {
    if category.prize.is_empty() {
        category.name.clone()
    } else {
        format!("{} — {}", category.name, category.prize)
    }
}

fn text(p: &Palmares) -> String {
    let mut s = format!(
        "{} ({}) — palmarès, {}\n",
        for_terminal(&heading(p)),
        p.edition.code,
        p.edition.state.as_str()
    );
    if let Some(dates) = format_period(p.edition.calendar, p.edition.start, p.edition.end) {
        s.push_str(&format!("Dates: {dates}\n"));
    }
    s.push_str(&format!("Rules: {}\n\n", rules_text(&p.edition, p)));
    for line in &p.lines {
        let winners = if line.winners.is_empty() {
            "not awarded yet".to_string()
        } else {
            line.winner_labels().join(" and ")
        };
        s.push_str(&format!(
            "{}: {}\n",
            for_terminal(&category_title(&line.category)),
            for_terminal(&winners)
        ));
        if line.award.is_some() {
            s.push_str(&format!(
                "  decided by {}\n",
                for_terminal(&line.how_decided())
            ));
        }
        for passed in &line.passed_over {
            s.push_str(&format!(
                "  passed over: {}, whose film took {}\n",
                for_terminal(&passed.nominee.label),
                for_terminal(&passed.took)
            ));
        }
    }
    s.push('\n');
    if p.violations.is_empty() {
        s.push_str("No rule is broken.\n");
    } else {
        s.push_str(&format!("Rules broken ({}):\n", p.violations.len()));
        for v in &p.violations {
            s.push_str(&format!("  - {}\n", for_terminal(&v.to_string())));
        }
    }
    if p.incomplete.is_empty() {
        s.push_str("Nothing is missing.\n");
    } else {
        s.push_str(&format!("Incomplete ({}):\n", p.incomplete.len()));
        for item in &p.incomplete {
            s.push_str(&format!("  - {}\n", for_terminal(&item.to_string())));
        }
    }
    s.push_str(&p.verdict());
    s.push('\n');
    s
}

/// The rules in one line, naming combinable categories.
pub fn rules_text(edition: &Edition, p: &Palmares) -> String {
    let categories: Vec<&Category> = p.lines.iter().map(|l| &l.category).collect();
    describe_rules(&edition.rules, &categories)
}

fn describe_rules(rules: &EditionRules, categories: &[&Category]) -> String {
    let mut parts = Vec::new();
    if rules.one_prize_per_film {
        let combinable: Vec<String> = categories
            .iter()
            .filter(|c| rules.combinable_categories.contains(&c.id))
            .map(|c| c.name.clone())
            .collect();
        parts.push(if combinable.is_empty() {
            "one prize per film".to_string()
        } else {
            format!("one prize per film (combinable: {})", combinable.join(", "))
        });
    }
    match rules.max_shared_prizes {
        Some(0) => parts.push("no shared prizes".into()),
        Some(n) => parts.push(format!("at most {n} shared prize(s)")),
        None => {}
    }
    if rules.top_prize_never_shared {
        parts.push("the top prize is never shared".into());
    }
    if parts.is_empty() {
        "none across categories".into()
    } else {
        parts.join("; ")
    }
}

/// Escapes what Markdown would read as markup in a title or a name.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::text::clean_line(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '<' | '>' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The results sheet as Markdown for a press release: awarded prizes only, in precedence order.
fn markdown(p: &Palmares) -> String {
    let mut s = format!("# {} — Palmarès\n\n", md(&heading(p)));
    let mut facts = Vec::new();
    if !p.edition.place.is_empty() {
        facts.push(md(&p.edition.place));
    }
    match (p.edition.start, p.edition.end) {
        (Some(start), Some(end)) => facts.push(format!(
            "{} to {}",
            format_date_long(p.edition.calendar, start),
            format_date_long(p.edition.calendar, end)
        )),
        _ => facts.push(p.edition.year.to_string()),
    }
    s.push_str(&format!("*{}*\n\n", facts.join(", ")));
    for line in p.lines.iter().filter(|l| !l.winners.is_empty()) {
        let winners: Vec<String> = line
            .winners
            .iter()
            .map(|n| match &n.nomination.person {
                Some(person) if *person != n.title => {
                    format!("**{}** for *{}*", md(person), md(&n.title))
                }
                _ => format!("**{}**", md(&n.title)),
            })
            .collect();
        let shared = if winners.len() > 1 { " (ex-aequo)" } else { "" };
        s.push_str(&format!(
            "- {}{shared}: {}\n",
            md(&category_title(&line.category)),
            winners.join(" and ")
        ));
    }
    let open: Vec<String> = p
        .lines
        .iter()
        .filter(|l| l.winners.is_empty())
        .map(|l| md(&l.category.name))
        .collect();
    if !open.is_empty() {
        s.push_str(&format!("\nNot awarded: {}.\n", open.join(", ")));
    }
    if p.edition.state != EditionState::Finalized {
        s.push_str("\n*Provisional: the palmarès is not finalized.*\n");
    }
    s
}

fn csv(p: &Palmares, out: &mut impl Write) -> Result<(), Failure> {
    let mut writer = ::csv::Writer::from_writer(&mut *out);
    writer
        .write_record([
            "precedence",
            "category",
            "prize",
            "winner",
            "film",
            "person",
            "shared",
            "decided_by",
            "decided_at",
        ])
        .map_err(csv_failure)?;
    for line in &p.lines {
        let shared = if line.winners.len() > 1 { "yes" } else { "no" };
        let decided_at = line
            .award
            .as_ref()
            .map(|a| timestamp(&a.decided_at))
            .unwrap_or_default();
        let precedence = line.category.precedence.to_string();
        let rows: Vec<[String; 3]> = if line.winners.is_empty() {
            vec![[String::new(), String::new(), String::new()]]
        } else {
            line.winners
                .iter()
                .map(|n| {
                    [
                        n.label.clone(),
                        n.title.clone(),
                        n.nomination.person.clone().unwrap_or_default(),
                    ]
                })
                .collect()
        };
        for [winner, film, person] in rows {
            writer
                .write_record([
                    precedence.as_str(),
                    &line.category.name,
                    &line.category.prize,
                    &winner,
                    &film,
                    &person,
                    shared,
                    &line.how_decided(),
                    &decided_at,
                ])
                .map_err(csv_failure)?;
        }
    }
    writer.flush()?;
    Ok(())
}

fn line_json(line: &PalmaresLine) -> Value {
    json!({
        "category": line.category.name,
        "prize": line.category.prize,
        "precedence": line.category.precedence,
        "mandatory": line.category.mandatory,
        "awarded": line.award.is_some(),
        "winners": line.winner_labels(),
        "decided_by": line.how_decided(),
        "decided_at": line.award.as_ref().map(|a| timestamp(&a.decided_at)),
        "passed_over": line.passed_over.iter().map(|p| json!({
            "nominee": p.nominee.label,
            "took": p.took,
        })).collect::<Vec<_>>(),
    })
}

fn to_json(p: &Palmares) -> Value {
    let categories: Vec<&Category> = p.lines.iter().map(|l| &l.category).collect();
    let combinable: Vec<&str> = categories
        .iter()
        .filter(|c| p.edition.rules.combinable_categories.contains(&c.id))
        .map(|c| c.name.as_str())
        .collect();
    json!({
        "edition": p.edition.code,
        "festival": p.festival.name,
        "calendar": p.edition.calendar.as_str(),
        "start": p.edition.start.map(|d| d.to_string()),
        "end": p.edition.end.map(|d| d.to_string()),
        "start_local": local_iso(p.edition.calendar, p.edition.start),
        "end_local": local_iso(p.edition.calendar, p.edition.end),
        "state": p.edition.state.as_str(),
        "rules": {
            "one_prize_per_film": p.edition.rules.one_prize_per_film,
            "combinable_categories": combinable,
            "max_shared_prizes": p.edition.rules.max_shared_prizes,
            "top_prize_never_shared": p.edition.rules.top_prize_never_shared,
        },
        "categories": p.lines.iter().map(line_json).collect::<Vec<_>>(),
        "finalizable": p.finalizable(),
        "verdict": p.verdict(),
        "violations": p.violations,
        "rules_broken": rules_broken_json(p),
        "incomplete": incomplete_json(p),
    })
}

pub fn finalize(desk: &Desk, a: &FinalizeArgs, out: &mut impl Write) -> Result<(), Failure> {
    let edition = desk.finalize(&a.edition, a.override_reason.as_deref())?;
    say!(
        out,
        "{} is finalized: its ballots, nominations, awards and jury are frozen until `jurydesk reopen --edition {} --reason …`",
        edition.code,
        edition.code
    )?;
    Ok(())
}

pub fn reopen(desk: &Desk, a: &ReopenArgs, out: &mut impl Write) -> Result<(), Failure> {
    let edition = desk.reopen(&a.edition, &a.reason)?;
    say!(out, "{} is open again", edition.code)?;
    Ok(())
}

pub fn rules(desk: &Desk, cmd: &RulesCommand, out: &mut impl Write) -> Result<(), Failure> {
    match cmd {
        RulesCommand::Presets => {
            for preset in Preset::ALL {
                say!(out, "{:<10} {}", preset.name(), preset.summary())?;
            }
        }
        RulesCommand::Show { edition } => show_rules(desk, edition, out)?,
        RulesCommand::Set(a) => {
            let change = RulesChange {
                preset: a
                    .preset
                    .as_deref()
                    .map(str::parse::<Preset>)
                    .transpose()
                    .map_err(|m| Failure::failed(format!("--preset: {m}")))?,
                one_prize_per_film: a
                    .one_prize_per_film
                    .as_deref()
                    .map(|v| parse_switch("one-prize-per-film", v))
                    .transpose()?,
                combinable: if a.no_combinable {
                    Some(Vec::new())
                } else {
                    (!a.combinable.is_empty()).then(|| a.combinable.clone())
                },
                max_shared_prizes: a.max_shared.as_deref().map(parse_limit).transpose()?,
                top_prize_never_shared: a
                    .top_prize_never_shared
                    .as_deref()
                    .map(|v| parse_switch("top-prize-never-shared", v))
                    .transpose()?,
            };
            if change == RulesChange::default() {
                return Err(usage(
                    "say what to change: --preset, --one-prize-per-film, --combinable, --max-shared or --top-prize-never-shared (see `jurydesk rules set --help`)",
                ));
            }
            let report = desk.set_rules(&a.edition, &change)?;
            if !report.categories_changed.is_empty() {
                say!(
                    out,
                    "categories set by the preset: {}",
                    report.categories_changed.join(", ")
                )?;
            }
            if !report.categories_kept.is_empty() {
                say!(
                    out,
                    "kept their method, tie-breaks and ex-aequo (an award is recorded): {}",
                    report.categories_kept.join(", ")
                )?;
            }
            if !report.methods_kept.is_empty() {
                say!(
                    out,
                    "kept their method, tie-breaks and ex-aequo (ballots are entered): {}",
                    report.methods_kept.join(", ")
                )?;
            }
            show_rules(desk, &a.edition, out)?;
        }
    }
    Ok(())
}

fn parse_limit(raw: &str) -> Result<Option<u32>, Failure> {
    let raw = raw.trim();
    if raw.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    crate::text::digits::parse_number::<u32>(raw)
        .map(Some)
        .map_err(|_| {
            Failure::failed(format!(
                "--max-shared: '{raw}' is not a number of shared prizes (0, 1, 2…) or none"
            ))
        })
}

fn show_rules(desk: &Desk, edition: &str, out: &mut impl Write) -> Result<(), Failure> {
    let edition = desk.edition(edition)?;
    let categories = desk.categories(edition.id)?;
    let refs: Vec<&Category> = categories.iter().collect();
    say!(
        out,
        "{} ({}): {}",
        edition.code,
        edition.state.as_str(),
        describe_rules(&edition.rules, &refs)
    )?;
    for (i, c) in categories.iter().enumerate() {
        let mut flags = Vec::new();
        if i == 0 {
            flags.push("top prize".to_string());
        }
        if c.mandatory {
            flags.push("mandatory".into());
        }
        flags.push(if c.ex_aequo_allowed {
            "ex-aequo allowed".into()
        } else {
            "no ex-aequo".into()
        });
        if edition.rules.combinable_categories.contains(&c.id) {
            flags.push("combinable".into());
        }
        let chain: Vec<String> = c.tie_breaks.iter().map(|&t| tie_break_label(t)).collect();
        say!(
            out,
            "  {:>3}. {} — {}{}; {}",
            c.precedence,
            c.name,
            method_spelling(c.method),
            if chain.is_empty() {
                String::new()
            } else {
                format!(", tie-break {}", chain.join(" then "))
            },
            flags.join(", ")
        )?;
    }
    Ok(())
}

/// A method as `--method` takes it, with the number of absolute-majority rounds.
fn method_spelling(method: Method) -> String {
    match method {
        Method::MajorityRounds { absolute_rounds } => format!("majority-rounds:{absolute_rounds}"),
        other => other.name().to_string(),
    }
}
