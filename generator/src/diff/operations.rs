//! Operations: the methods on `Client`, their inputs, success types and
//! the credentials they send.

use std::collections::BTreeSet;

use super::collector::Collector;
use super::errors::{cases_summary, compare_errors};
use super::rendering::{body_type, error_type, location, param_type, success_type, taken};
use super::report::{Change, ChangeKind, Impact, Subject};
use crate::emit::shape::{OPTIONAL_PARAMS_AS_SETTERS, Passing, passing};
use crate::model::{Operation, SchemeName};

struct Input {
    name: String,
    subject: Subject,
    ty: String,
    passing: Passing,
    /// Where it goes on the wire, for reporting wire-only changes.
    wire: String,
}

fn inputs(op: &Operation) -> Vec<Input> {
    let mut inputs: Vec<Input> = op
        .params
        .iter()
        .map(|p| {
            let mut wire = format!("{} `{}`", location(p.location), p.wire_name);
            if let Some(default) = &p.default {
                wire.push_str(&format!(", default `{default}`"));
            }
            if p.idempotency_key {
                wire.push_str(", idempotency key");
            }
            Input {
                name: p.name.to_string(),
                subject: Subject::Parameter,
                ty: param_type(p),
                passing: passing(p.required),
                wire,
            }
        })
        .collect();
    if let Some(body) = &op.body {
        let ty = body_type(&body.kind);
        inputs.push(Input {
            name: "body".to_owned(),
            subject: Subject::RequestBody,
            ty: taken(ty, body.required),
            passing: passing(body.required),
            wire: format!("`{}`", body.content_type),
        });
    }
    inputs
}

/// The method's signature, as a reviewer reads it.
fn signature(op: &Operation) -> String {
    let inputs = inputs(op);
    let show = |passing: Passing, separator: &str| -> String {
        let shown: Vec<String> = inputs
            .iter()
            .filter(|i| i.passing == passing)
            .map(|i| match passing {
                Passing::Positional => format!("{}: {}", i.name, i.ty),
                Passing::Setter => format!(".{}({})", i.name, i.ty),
            })
            .collect();
        shown.join(separator)
    };
    let result = format!(
        "Result<Response<{}>, Error<{}>>",
        success_type(op),
        error_type(op)
    );
    if OPTIONAL_PARAMS_AS_SETTERS {
        let setters = show(Passing::Setter, ", ");
        let setters = if setters.is_empty() {
            String::new()
        } else {
            format!(" (setters {setters})")
        };
        format!(
            "fn {}({}) -> {}{setters}; .await gives {result}",
            op.name,
            show(Passing::Positional, ", "),
            op.builder_name,
        )
    } else {
        format!(
            "async fn {}({}) -> {result}",
            op.name,
            show(Passing::Positional, ", ")
        )
    }
}

pub(super) fn compare_operations(c: &mut Collector, old: &[Operation], new: &[Operation]) {
    for op in old {
        let path = format!("Client::{}", op.name.word());
        match new.iter().find(|o| o.name == op.name) {
            Some(now) => compare_operation(c, &path, op, now),
            None => c.push(
                Change::new(
                    Impact::Breaking,
                    Subject::Operation,
                    path,
                    ChangeKind::Removed,
                )
                .from(format!("{} {}", op.method, op.path))
                .why(format!("calls of `{}` no longer compile", op.name)),
            ),
        }
    }
    for op in new {
        if !old.iter().any(|o| o.name == op.name) {
            let mut change = Change::new(
                Impact::Addition,
                Subject::Operation,
                format!("Client::{}", op.name.word()),
                ChangeKind::Added,
            )
            .to(signature(op))
            .why(format!("a new method, for `{} {}`", op.method, op.path));
            if let Some(errors) = &op.errors.type_name {
                change.reason.push_str(&format!(
                    "; its errors: `{}` ({})",
                    errors,
                    cases_summary(&op.errors)
                ));
            }
            c.push(change);
        }
    }
}

fn security_summary(security: &[Vec<SchemeName>]) -> BTreeSet<BTreeSet<String>> {
    security
        .iter()
        .map(|alternative| {
            alternative
                .iter()
                .map(|name| name.as_str().to_owned())
                .collect()
        })
        .collect()
}

fn show_security(security: &BTreeSet<BTreeSet<String>>) -> String {
    if security.is_empty() {
        return "no credentials".to_owned();
    }
    let alternatives: Vec<String> = security
        .iter()
        .map(|all| all.iter().cloned().collect::<Vec<_>>().join(" + "))
        .collect();
    alternatives.join(" or ")
}

fn compare_operation(c: &mut Collector, path: &str, old: &Operation, new: &Operation) {
    c.docs(&old.summary, &new.summary);
    c.docs(&old.description, &new.description);
    for param in &old.params {
        if let Some(now) = new.params.iter().find(|p| p.name == param.name) {
            c.docs(&param.docs, &now.docs);
        }
    }
    if let (Some(a), Some(b)) = (&old.body, &new.body) {
        c.docs(&a.docs, &b.docs);
    }
    if (&old.method, &old.path) != (&new.method, &new.path) {
        c.push(
            Change::new(
                Impact::Compatible,
                Subject::Operation,
                path,
                ChangeKind::Changed,
            )
            .from(format!("{} {}", old.method, old.path))
            .to(format!("{} {}", new.method, new.path))
            .why("the same method signature; the request goes elsewhere"),
        );
    }
    if old.builder_name != new.builder_name {
        c.push(
            Change::new(
                Impact::Breaking,
                Subject::Operation,
                path,
                ChangeKind::Changed,
            )
            .from(old.builder_name.as_str())
            .to(new.builder_name.as_str())
            .why(
                "the call builder the method returns is renamed: code naming it no longer compiles",
            ),
        );
    }
    compare_inputs(c, path, &inputs(old), &inputs(new));
    let (old_success, new_success) = (success_type(old), success_type(new));
    if old_success != new_success {
        c.push(
            Change::new(
                Impact::Breaking,
                Subject::Response,
                path,
                ChangeKind::Changed,
            )
            .from(format!("Response<{old_success}>"))
            .to(format!("Response<{new_success}>"))
            .why("the success type changed: code using the result no longer compiles"),
        );
    }
    compare_errors(c, path, old, new);
    let (old_security, new_security) = (
        security_summary(&old.security),
        security_summary(&new.security),
    );
    if old_security != new_security {
        c.push(
            Change::new(
                Impact::Compatible,
                Subject::Operation,
                path,
                ChangeKind::Changed,
            )
            .from(show_security(&old_security))
            .to(show_security(&new_security))
            .why("other credentials are sent; a client without them fails before sending"),
        );
    }
}

fn compare_inputs(c: &mut Collector, op_path: &str, old: &[Input], new: &[Input]) {
    let at = |input: &Input| format!("{op_path}({})", input.name);
    let positional = |inputs: &[Input]| -> Vec<usize> {
        (0..inputs.len())
            .filter(|&i| inputs[i].passing == Passing::Positional)
            .collect()
    };
    let (old_positional, new_positional) = (positional(old), positional(new));
    let find = |inputs: &'_ [Input], name: &str| inputs.iter().position(|i| i.name == name);

    // A positional argument whose name changed but whose position and type
    // did not: calls compile and pass the same value.
    let mut renamed: Vec<(usize, usize)> = Vec::new();
    if old_positional.len() == new_positional.len() {
        for (&i, &j) in old_positional.iter().zip(&new_positional) {
            let (a, b) = (&old[i], &new[j]);
            if a.name != b.name
                && find(new, &a.name).is_none()
                && find(old, &b.name).is_none()
                && a.ty == b.ty
            {
                renamed.push((i, j));
            }
        }
    }
    for &(i, j) in &renamed {
        let (a, b) = (&old[i], &new[j]);
        c.push(
            Change::new(Impact::Compatible, a.subject, at(b), ChangeKind::Changed)
                .from(format!("{}: {} ({})", a.name, a.ty, a.wire))
                .to(format!("{}: {} ({})", b.name, b.ty, b.wire))
                .why("renamed, in the same position with the same type: calls compile unchanged and pass the same value"),
        );
    }
    let is_renamed_old = |i: usize| renamed.iter().any(|&(o, _)| o == i);
    let is_renamed_new = |j: usize| renamed.iter().any(|&(_, n)| n == j);

    for (i, input) in old.iter().enumerate() {
        if is_renamed_old(i) {
            continue;
        }
        let Some(now) = find(new, &input.name).map(|j| &new[j]) else {
            c.push(
                Change::new(
                    Impact::Breaking,
                    input.subject,
                    at(input),
                    ChangeKind::Removed,
                )
                .from(format!("{}: {}", input.name, input.ty))
                .why(match input.passing {
                    Passing::Positional => "calls pass an argument the method no longer takes",
                    Passing::Setter => "calls of its setter no longer compile",
                }),
            );
            continue;
        };
        if input.passing != now.passing {
            c.push(
                Change::new(
                    Impact::Breaking,
                    input.subject,
                    at(input),
                    ChangeKind::Changed,
                )
                .from(format!("{:?}", input.passing).to_lowercase())
                .to(format!("{:?}", now.passing).to_lowercase())
                .why("it is passed another way: existing calls no longer compile"),
            );
        } else if input.ty != now.ty {
            c.push(
                Change::new(
                    Impact::Breaking,
                    input.subject,
                    at(input),
                    ChangeKind::Changed,
                )
                .from(input.ty.clone())
                .to(now.ty.clone())
                .why("the argument's type changed: existing calls no longer compile"),
            );
        }
        if input.wire != now.wire {
            c.push(
                Change::new(
                    Impact::Compatible,
                    input.subject,
                    at(input),
                    ChangeKind::Changed,
                )
                .from(input.wire.clone())
                .to(now.wire.clone())
                .why("the same argument; it is sent differently"),
            );
        }
    }
    for (j, input) in new.iter().enumerate() {
        if is_renamed_new(j) || find(old, &input.name).is_some() {
            continue;
        }
        let change = Change::new(
            Impact::Breaking,
            input.subject,
            at(input),
            ChangeKind::Added,
        )
        .to(format!("{}: {}", input.name, input.ty));
        c.push(match input.passing {
            Passing::Positional if input.ty.starts_with("Option<") => change.why(
                "a new positional `Option` argument: every call must pass it (`None` to leave it out)",
            ),
            Passing::Positional => change.why("a new argument: every call must pass it"),
            Passing::Setter => Change {
                impact: Impact::Addition,
                ..change
            }
            .why("a new optional setter; calls that do not use it are unchanged"),
        });
    }

    // Arguments both sides take positionally, in each side's order.
    let order = |inputs: &[Input], indices: &[usize], other: &[Input]| -> Vec<String> {
        indices
            .iter()
            .map(|&i| &inputs[i])
            .filter(|input| {
                find(other, &input.name).is_some_and(|j| other[j].passing == Passing::Positional)
            })
            .map(|input| input.name.clone())
            .collect()
    };
    let (old_order, new_order) = (
        order(old, &old_positional, new),
        order(new, &new_positional, old),
    );
    if old_order != new_order {
        let list = |inputs: &[Input], indices: &[usize]| {
            let args: Vec<String> = indices
                .iter()
                .map(|&i| format!("{}: {}", inputs[i].name, inputs[i].ty))
                .collect();
            format!("({})", args.join(", "))
        };
        c.push(
            Change::new(Impact::Breaking, Subject::Operation, op_path, ChangeKind::Changed)
                .from(list(old, &old_positional))
                .to(list(new, &new_positional))
                .why("the arguments are in another order: calls no longer compile, or pass values to the wrong parameters"),
        );
    }
}
