//! The same API written differently: no change, and reports that do not depend on how it is written.

use super::{BASE, api, flowwise_spec, reordered_json, report};
use generator::diff::{Impact, Verdict, diff};

#[test]
fn the_same_spec_reordered_and_as_json_is_no_api_change() {
    let json = reordered_json(BASE);
    assert!(json.trim_start().starts_with('{'));
    let r = diff(&api(BASE), &api(&json));
    assert_eq!(r.verdict(), Verdict::NoChange, "{r}");
    assert!(r.changes.is_empty() && !r.docs_changed, "{r}");
    assert!(r.to_string().contains("No change to the Rust API"), "{r}");

    let flowwise = std::fs::read_to_string(flowwise_spec()).unwrap();
    let r = diff(&api(&flowwise), &api(&reordered_json(&flowwise)));
    assert_eq!(r.verdict(), Verdict::NoChange, "{r}");
}

#[test]
fn reports_are_deterministic_and_breaking_changes_come_first() {
    let edits: &[(&str, &str)] = &[
        ("        - EXPIRED\n", "        - REFUNDED\n"),
        (
            "    Tags:\n",
            "    Customer:\n      type: object\n      properties:\n        name:\n          type: string\n    Tags:\n",
        ),
        (
            "        created_at:\n          type: string\n          format: date-time",
            "        created_at:\n          type: integer",
        ),
    ];
    let a = report(edits);
    let b = report(edits);
    assert_eq!(a, b);
    assert_eq!(a.to_string(), b.to_string());
    let impacts: Vec<Impact> = a.changes.iter().map(|c| c.impact).collect();
    let mut sorted = impacts.clone();
    sorted.sort();
    assert_eq!(impacts, sorted, "{a}");
    let text = a.to_string();
    let breaking = text.find("Breaking").unwrap();
    let additions = text.find("Additions").unwrap();
    assert!(breaking < additions, "{text}");
    assert!(text.contains("Verdict: BREAKING."), "{text}");
    assert!(
        text.contains("minor for a 0.y.z crate, major for a crate at 1.0 or later"),
        "{text}"
    );
}
