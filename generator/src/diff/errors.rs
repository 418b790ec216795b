//! An operation's error enum: its variants, one per declared status, and
//! `Other` for the spec's `default` response.

use super::collector::Collector;
use super::rendering::{error_type, rust};
use super::report::{Change, ChangeKind, Impact, Subject};
use crate::emit::shape::ERROR_ENUMS_NON_EXHAUSTIVE;
use crate::model::{DefaultError, ErrorCase, ErrorResponses, Operation};

pub(super) fn cases_summary(errors: &ErrorResponses) -> String {
    let mut cases: Vec<String> = errors.cases.iter().map(case_summary).collect();
    cases.extend(errors.default.as_ref().map(default_summary));
    cases.join(", ")
}

fn case_summary(case: &ErrorCase) -> String {
    match &case.body {
        Some(body) => format!("{} {}({})", case.status, case.variant, rust(body)),
        None => format!("{} {}", case.status, case.variant),
    }
}

pub(super) fn compare_errors(c: &mut Collector, op_path: &str, old: &Operation, new: &Operation) {
    let (old_type, new_type) = (error_type(old), error_type(new));
    if old_type != new_type {
        c.push(
            Change::new(
                Impact::Breaking,
                Subject::Error,
                op_path,
                ChangeKind::Changed,
            )
            .from(format!("Error<{old_type}>"))
            .to(format!("Error<{new_type}>"))
            .why("the error type changed: code naming or matching the old one no longer compiles"),
        );
        return;
    }
    for case in &old.errors.cases {
        let path = format!("{new_type}::{}", case.variant);
        match new.errors.cases.iter().find(|k| k.variant == case.variant) {
            None => c.push(
                Change::new(Impact::Breaking, Subject::Error, path, ChangeKind::Removed)
                    .from(case_summary(case))
                    .why(format!(
                        "code matching `{new_type}::{}` no longer compiles; status {} now arrives as `Error::UnexpectedStatus`",
                        case.variant, case.status
                    )),
            ),
            Some(now) => {
                c.docs(&case.docs, &now.docs);
                if now.body != case.body {
                    c.push(
                        Change::new(Impact::Breaking, Subject::Error, path, ChangeKind::Changed)
                            .from(case_summary(case))
                            .to(case_summary(now))
                            .why("the variant holds another body: code matching it no longer compiles"),
                    );
                } else if now.status != case.status {
                    c.push(
                        Change::new(Impact::Compatible, Subject::Error, path, ChangeKind::Changed)
                            .from(case_summary(case))
                            .to(case_summary(now))
                            .why("the same variant, for another status"),
                    );
                }
            }
        }
    }
    compare_default_error(c, &new_type, &old.errors.default, &new.errors.default);
    for case in &new.errors.cases {
        if old.errors.cases.iter().any(|k| k.variant == case.variant) {
            continue;
        }
        let change = Change::new(
            Impact::Addition,
            Subject::Error,
            format!("{new_type}::{}", case.variant),
            ChangeKind::Added,
        )
        .to(case_summary(case));
        c.push(if ERROR_ENUMS_NON_EXHAUSTIVE {
            change.why(format!(
                "the error enum is #[non_exhaustive]; status {} used to arrive as `Error::UnexpectedStatus`",
                case.status
            ))
        } else {
            Change {
                impact: Impact::Breaking,
                ..change
            }
            .why("the error enum is exhaustive: `match`es without a wildcard no longer compile")
        });
    }
}

fn default_summary(default: &DefaultError) -> String {
    match &default.body {
        Some(body) => format!("any other 4xx/5xx Other({})", rust(body)),
        None => "any other 4xx/5xx Other".to_owned(),
    }
}

/// The spec's `default` response: the error enum's `Other` variant.
fn compare_default_error(
    c: &mut Collector,
    error_type: &str,
    old: &Option<DefaultError>,
    new: &Option<DefaultError>,
) {
    let path = format!("{error_type}::Other");
    match (old, new) {
        (None, None) => {}
        (None, Some(added)) => {
            let change = Change::new(Impact::Addition, Subject::Error, path, ChangeKind::Added)
                .to(default_summary(added));
            c.push(if ERROR_ENUMS_NON_EXHAUSTIVE {
                change.why("the error enum is #[non_exhaustive]; undeclared error statuses used to arrive as `Error::UnexpectedStatus`")
            } else {
                Change {
                    impact: Impact::Breaking,
                    ..change
                }
                .why("the error enum is exhaustive: `match`es without a wildcard no longer compile")
            });
        }
        (Some(removed), None) => c.push(
            Change::new(Impact::Breaking, Subject::Error, path, ChangeKind::Removed)
                .from(default_summary(removed))
                .why("code matching `Other` no longer compiles; undeclared statuses now arrive as `Error::UnexpectedStatus`"),
        ),
        (Some(a), Some(b)) => {
            c.docs(&a.docs, &b.docs);
            if a.body != b.body {
                c.push(
                    Change::new(Impact::Breaking, Subject::Error, path, ChangeKind::Changed)
                        .from(default_summary(a))
                        .to(default_summary(b))
                        .why("the variant holds another body: code matching it no longer compiles"),
                );
            }
        }
    }
}
