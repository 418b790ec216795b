//! Selections: operations by tag, `operationId`, method name or
//! `METHOD /path`, webhooks by name, and the model cut down to them and
//! exactly the types they reach.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use generator::model::{Api, TypeRef};
use generator::{Error, Generator, Selection};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn cashfree() -> PathBuf {
    repository().join("../shared/specs/cashfree-pg.yaml")
}

fn lower(spec: &Path, selection: Selection) -> Result<Api, Error> {
    let loaded = generator::load::load_file(spec).expect("spec loads");
    Generator::new("api").select(selection).lower(&loaded)
}

fn whole(spec: &Path) -> Api {
    lower(spec, Selection::new()).expect("spec lowers")
}

/// The named types `api` mentions anywhere: operations, webhooks, types.
fn mentioned(api: &Api) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for op in &api.operations {
        op.type_refs()
            .into_iter()
            .for_each(|ty| ty.collect_named(&mut names));
    }
    for webhook in &api.webhooks {
        webhook.payload.collect_named(&mut names);
    }
    for def in api.types.values() {
        def.kind
            .type_refs()
            .into_iter()
            .for_each(|ty| ty.collect_named(&mut names));
    }
    names
}

/// Every name mentioned is defined, and every type defined is reached.
fn assert_closed_and_minimal(api: &Api, what: &str) {
    let mentioned = mentioned(api);
    let defined: BTreeSet<String> = api.types.keys().cloned().collect();
    let dangling: Vec<_> = mentioned.difference(&defined).collect();
    assert!(dangling.is_empty(), "{what}: undefined types {dangling:?}");
    // Reached from the roots, not merely mentioned by another kept type.
    let mut reached = BTreeSet::new();
    let mut pending: Vec<String> = Vec::new();
    for op in &api.operations {
        let mut roots = BTreeSet::new();
        op.type_refs()
            .into_iter()
            .for_each(|ty| ty.collect_named(&mut roots));
        pending.extend(roots);
    }
    for webhook in &api.webhooks {
        let mut roots = BTreeSet::new();
        webhook.payload.collect_named(&mut roots);
        pending.extend(roots);
    }
    while let Some(name) = pending.pop() {
        if reached.insert(name.clone()) {
            let mut next = BTreeSet::new();
            api.types[&name]
                .kind
                .type_refs()
                .into_iter()
                .for_each(|ty| ty.collect_named(&mut next));
            pending.extend(next);
        }
    }
    let unreached: Vec<_> = defined.difference(&reached).collect();
    assert!(
        unreached.is_empty(),
        "{what}: unreached types {unreached:?}"
    );
}

#[test]
fn a_tag_keeps_its_operations_and_exactly_the_types_they_reach() {
    let all = whole(&cashfree());
    let orders = lower(&cashfree(), Selection::new().tag("Orders")).expect("selects");
    let expected: Vec<&str> = all
        .operations
        .iter()
        .filter(|op| op.tags.iter().any(|tag| tag == "Orders"))
        .map(|op| op.name.word())
        .collect();
    let kept: Vec<&str> = orders.operations.iter().map(|op| op.name.word()).collect();
    assert_eq!(kept, expected);
    assert!(kept.contains(&"pg_create_order"), "{kept:?}");
    assert_closed_and_minimal(&orders, "Cashfree, tag Orders");
    assert!(orders.types.contains_key("CreateOrderRequest"));
    assert!(orders.types.contains_key("OrderEntity"));
    // Payment links are another tag's; nothing of an order refers to them.
    assert!(!orders.types.contains_key("CreateLinkRequest"));
    assert!(
        orders.types.len() < all.types.len() / 3,
        "{}",
        orders.types.len()
    );
    // Kept items are the whole API's, unchanged.
    for (name, def) in &orders.types {
        assert_eq!(Some(def), all.types.get(name), "{name}");
    }
    for op in &orders.operations {
        assert!(all.operations.contains(op), "{}", op.name);
    }
    // One group, with the same members; webhooks only when asked for.
    assert_eq!(orders.tag_groups.len(), 1);
    assert_eq!(orders.tag_groups[0].tag, "Orders");
    assert!(orders.webhooks.is_empty());
    assert_eq!(orders.selection, ["tag `Orders`"]);
}

#[test]
fn every_tag_alone_gives_a_closed_model_that_renders() {
    let all = whole(&cashfree());
    let tags: BTreeSet<&str> = all
        .operations
        .iter()
        .flat_map(|op| op.tags.iter().map(String::as_str))
        .collect();
    assert!(tags.len() > 10, "{tags:?}");
    let loaded = generator::load::load_file(&cashfree()).expect("spec loads");
    for tag in tags {
        let mut generator = Generator::new("api");
        generator.select(Selection::new().tag(tag));
        let api = generator.lower(&loaded).expect("selects");
        assert!(!api.operations.is_empty(), "{tag}");
        assert_closed_and_minimal(&api, tag);
        generator
            .render(api, &loaded.source)
            .unwrap_or_else(|e| panic!("{tag}: {e}"));
    }
}

#[test]
fn tags_match_as_written_as_accessors_or_in_any_case() {
    let by = |tag: &str| {
        lower(&cashfree(), Selection::new().tag(tag))
            .map(|api| api.operations.len())
            .unwrap_or(0)
    };
    let written = by("Payment Links");
    assert!(written > 0);
    assert_eq!(by("payment_links"), written);
    assert_eq!(by("payment links"), written);
    assert_eq!(by("PAYMENT-LINKS"), written);
}

#[test]
fn operations_are_selected_by_id_method_name_or_route() {
    let one = |operation: &str| {
        let api = lower(&cashfree(), Selection::new().operation(operation))
            .unwrap_or_else(|e| panic!("{operation}: {e}"));
        api.operations
            .iter()
            .map(|op| op.name.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(one("PGFetchOrder"), ["pg_fetch_order"]);
    assert_eq!(one("pg_fetch_order"), ["pg_fetch_order"]);
    // The method in any case, the names in braces not at all.
    assert_eq!(one("GET /orders/{order_id}"), ["pg_fetch_order"]);
    assert_eq!(one("get /orders/{id}"), ["pg_fetch_order"]);
    assert_eq!(one("POST /orders"), ["pg_create_order"]);
    // Several selectors: their union, in the API's order.
    let api = lower(
        &cashfree(),
        Selection::new()
            .operation("POST /orders")
            .operation("PGFetchOrder")
            .operation("pg_fetch_order"),
    )
    .expect("selects");
    let names: Vec<String> = api
        .operations
        .iter()
        .map(|op| op.name.to_string())
        .collect();
    assert_eq!(names, ["pg_create_order", "pg_fetch_order"]);
    assert_closed_and_minimal(&api, "two operations");
}

#[test]
fn a_selector_that_matches_nothing_is_an_error_naming_what_there_is() {
    let error = lower(
        &cashfree(),
        Selection::new()
            .tag("Ordrs")
            .operation("PGFetchOrdr")
            .operation("DELETE /orders/{order_id}")
            .webhook("payment.success")
            .tag("Orders"),
    )
    .expect_err("refused");
    let Error::Selection(selection) = &error else {
        panic!("not a selection error: {error}");
    };
    assert_eq!(selection.unmatched.len(), 4, "{error}");
    let text = error.to_string();
    for expected in [
        "tag `Ordrs` matches nothing: the tags are ",
        "`Orders`",
        "operation `PGFetchOrdr` matches nothing: did you mean `PGFetchOrder`",
        "operation `DELETE /orders/{order_id}` matches nothing: `/orders/{order_id}` has `GET`, `PATCH`",
        "webhook `payment.success` matches nothing: the webhooks are `PaymentWebhook`",
    ] {
        assert!(text.contains(expected), "{expected:?} in:\n{text}");
    }
    assert!(
        text.contains("cashfree-pg.yaml: the selection names what the spec does not have:"),
        "{text}"
    );
}

#[test]
fn webhooks_are_kept_by_name_or_all_and_reach_their_payloads() {
    let spec = repository().join("tests/fixtures/payment_webhooks.yaml");
    let all = whole(&spec);
    assert!(all.webhooks.len() >= 2, "{:?}", all.webhooks);
    let first = all.webhooks[0].name.clone();
    let one = lower(&spec, Selection::new().webhook(first.clone())).expect("selects");
    assert_eq!(one.webhooks.len(), 1);
    assert_eq!(one.webhooks[0].name, first);
    assert!(one.operations.is_empty());
    assert!(!one.types.is_empty());
    assert_closed_and_minimal(&one, "one webhook");
    let every = lower(&spec, Selection::new().webhook("*")).expect("selects");
    assert_eq!(every.webhooks, all.webhooks);
    assert_closed_and_minimal(&every, "every webhook");
}

#[test]
fn a_parent_tag_selects_the_operations_of_the_tags_under_it() {
    let spec = repository().join("tests/fixtures/openapi32_features.yaml");
    let all = whole(&spec);
    let under = |tags: &[&str]| -> Vec<String> {
        all.operations
            .iter()
            .filter(|op| op.tags.iter().any(|t| tags.contains(&t.as_str())))
            .map(|op| op.name.to_string())
            .collect()
    };
    let events = lower(&spec, Selection::new().tag("Events")).expect("selects");
    let names: Vec<String> = events
        .operations
        .iter()
        .map(|op| op.name.to_string())
        .collect();
    assert_eq!(names, under(&["Events", "Search"]));
    assert!(names.len() > under(&["Events"]).len(), "{names:?}");
    // Catalog has no operations of its own: its group stays for its
    // nested ones.
    let catalog = lower(&spec, Selection::new().tag("Catalog")).expect("selects");
    assert_eq!(catalog.operations, events.operations);
    let groups: Vec<&str> = catalog.tag_groups.iter().map(|g| g.tag.as_str()).collect();
    assert!(groups.contains(&"Catalog"), "{groups:?}");
}

#[test]
fn warnings_about_what_is_left_out_go_with_it() {
    let all = whole(&cashfree());
    let orders = lower(&cashfree(), Selection::new().tag("Orders")).expect("selects");
    assert!(orders.warnings.len() < all.warnings.len());
    for warning in &orders.warnings {
        assert!(all.warnings.contains(warning), "{warning}");
    }
    // A warning about a type only other operations use is gone.
    let elsewhere = all.warnings.iter().find(|w| {
        w.pointer.starts_with("#/components/schemas/") && {
            let schema = w.pointer["#/components/schemas/".len()..]
                .split('/')
                .next()
                .unwrap_or_default();
            !orders
                .types
                .values()
                .any(|def| def.pointer == format!("#/components/schemas/{schema}"))
        }
    });
    if let Some(warning) = elsewhere {
        assert!(!orders.warnings.contains(warning), "{warning}");
    }
}

#[test]
fn deny_warnings_judges_only_the_selection() {
    let loaded = generator::load::load_file(&cashfree()).expect("spec loads");
    let all = Generator::new("api")
        .deny_warnings(true)
        .lower(&loaded)
        .expect_err("Cashfree has warnings");
    let orders = Generator::new("api")
        .deny_warnings(true)
        .select(Selection::new().tag("Orders"))
        .lower(&loaded)
        .expect_err("its orders have some too");
    assert!(orders.problems().len() < all.problems().len());
}

#[test]
fn the_cli_generates_a_selection_and_says_what_matched_nothing() {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-selection");
    let _ = std::fs::remove_dir_all(&out);
    let output = Command::new(env!("CARGO_BIN_EXE_generator"))
        .args(["generate", "--spec"])
        .arg(cashfree())
        .arg("--out")
        .arg(&out)
        .args([
            "--tag",
            "Orders",
            "--operation",
            "GET /orders/{order_id}/payments",
        ])
        .args(["--webhook", "PaymentWebhook"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let operations = std::fs::read_to_string(out.join("src/api_operations.rs")).unwrap();
    assert!(operations.contains("pub fn pg_create_order"));
    assert!(operations.contains("pub fn pg_order_fetch_payments"));
    assert!(!operations.contains("pub fn pg_create_link"));
    let docs = std::fs::read_to_string(out.join("src/api_docs.md")).unwrap();
    assert!(
        docs.contains("A selection of the API: tag `Orders`, operation `GET /orders/{order_id}/payments`, webhook `PaymentWebhook`."),
        "{docs}"
    );
    assert!(out.join("src/api_webhooks.rs").is_file());

    let output = Command::new(env!("CARGO_BIN_EXE_generator"))
        .args(["generate", "--spec"])
        .arg(cashfree())
        .arg("--out")
        .arg(out.join("refused"))
        .args(["--tag", "Ordrs"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("tag `Ordrs` matches nothing"), "{stderr}");
    assert!(!out.join("refused").exists());

    let output = Command::new(env!("CARGO_BIN_EXE_generator"))
        .args(["generate", "--spec"])
        .arg(cashfree())
        .args(["--out", "x", "--tag"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--tag needs a value"));
}

#[test]
fn a_type_reached_only_through_a_selected_operations_errors_is_kept() {
    let api = lower(&cashfree(), Selection::new().operation("PGFetchOrder")).expect("selects");
    let op = &api.operations[0];
    let error_bodies: BTreeSet<String> = op
        .errors
        .cases
        .iter()
        .filter_map(|case| case.body.as_ref())
        .filter_map(|ty| match ty {
            TypeRef::Named(name) => Some(name.clone()),
            _ => None,
        })
        .collect();
    assert!(!error_bodies.is_empty());
    for name in error_bodies {
        assert!(api.types.contains_key(&name), "{name}");
    }
}

#[test]
fn a_path_selects_the_operations_on_it_and_under_it_by_whole_segments() {
    let all = whole(&cashfree());
    let under_orders: Vec<String> = all
        .operations
        .iter()
        .filter(|op| op.path.as_str() == "/orders" || op.path.as_str().starts_with("/orders/"))
        .map(|op| op.name.to_string())
        .collect();
    assert!(under_orders.len() > 5, "{under_orders:?}");
    let names = |api: &Api| -> Vec<String> {
        api.operations
            .iter()
            .map(|op| op.name.to_string())
            .collect()
    };
    let orders = lower(&cashfree(), Selection::new().path("/orders")).expect("selects");
    assert_eq!(names(&orders), under_orders);
    assert_closed_and_minimal(&orders, "path /orders");
    // A trailing slash and the names in braces do not matter.
    let one_order = lower(&cashfree(), Selection::new().path("/orders/{id}/")).expect("selects");
    assert!(names(&one_order).contains(&"pg_fetch_order".to_owned()));
    assert!(!names(&one_order).contains(&"pg_create_order".to_owned()));
    // Segments are whole: `/order` is not a prefix of `/orders`.
    let error = lower(&cashfree(), Selection::new().path("/order")).expect_err("no such path");
    assert!(
        error
            .to_string()
            .contains("path `/order` matches nothing: did you mean `/orders`"),
        "{error}"
    );
}
