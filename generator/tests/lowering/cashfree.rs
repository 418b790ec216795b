//! Cashfree's spec: tag groups and credential sets.

use super::*;

fn cashfree() -> Api {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/specs/cashfree-pg.yaml"
    );
    lower(
        &generator::load::load_file(std::path::Path::new(path))
            .expect("loads")
            .openapi,
    )
}

/// `(accessor, [(name in group, flat name)])` for each tag group.
fn groups(api: &Api) -> Vec<(String, Vec<(String, String)>)> {
    api.tag_groups
        .iter()
        .map(|g| {
            (
                g.accessor.to_string(),
                g.members
                    .iter()
                    .map(|m| (m.name.to_string(), m.operation.to_string()))
                    .collect(),
            )
        })
        .collect()
}

fn group<'a>(
    groups: &'a [(String, Vec<(String, String)>)],
    accessor: &str,
) -> Vec<(&'a str, &'a str)> {
    groups
        .iter()
        .find(|g| g.0 == accessor)
        .unwrap_or_else(|| panic!("no group {accessor}"))
        .1
        .iter()
        .map(|(name, flat)| (name.as_str(), flat.as_str()))
        .collect()
}

/// The rule is documented in `generator/src/lower/groups.rs`.
#[test]
fn cashfree_operations_are_grouped_by_tag_without_redundant_words() {
    let api = cashfree();
    let groups = groups(&api);
    let accessors: Vec<&str> = groups.iter().map(|g| g.0.as_str()).collect();
    assert_eq!(
        accessors,
        [
            "customers",
            "disputes",
            "easy_split",
            "eligibility",
            "offers",
            "orders",
            "payment_links",
            "payments",
            "pg_reconciliation",
            "refunds",
            "settlement_reconciliation",
            "settlements",
            "simulation",
            "soft_pos",
            "subscription",
            "token_vault",
            "utilities",
        ]
    );
    // The vendor prefix `pg` (most operations) and the tag's words go.
    assert_eq!(
        group(&groups, "orders"),
        [
            ("create", "pg_create_order"),
            ("fetch", "pg_fetch_order"),
            ("fetch_extended_data", "pg_fetch_order_extended_data"),
            ("terminate", "pg_terminate_order"),
            ("update_extended_data", "pg_update_order_extended_data"),
        ]
    );
    // The parent resource that `{order_id}` names goes before a verb, and a
    // plural tag word marks the collection operation where names collide.
    assert_eq!(
        group(&groups, "refunds"),
        [
            ("create", "pg_order_create_refund"),
            ("fetch", "pg_order_fetch_refund"),
            ("fetch_all", "pg_order_fetch_refunds"),
        ]
    );
    assert!(group(&groups, "payments").contains(&("fetch_all", "pg_order_fetch_payments")));
    assert!(
        group(&groups, "token_vault")
            .contains(&("fetch_instruments", "pg_customer_fetch_instruments"))
    );
    // A prefix shared by most of one group (`subs`), not of the spec.
    let subscription = group(&groups, "subscription");
    assert!(subscription.contains(&("fetch", "subs_fetch_subscription")));
    assert!(subscription.contains(&("eligibility", "subscription_eligibility")));
    // A tag word after a preposition stays.
    assert!(
        group(&groups, "settlements").contains(&("mark_for_settlement", "mark_for_settlement"))
    );
    // Names that still collide fall back to the flat name.
    let easy_split = group(&groups, "easy_split");
    assert!(easy_split.contains(&("pg_split_order_recon", "pg_split_order_recon")));
    assert!(easy_split.contains(&("pges_order_recon", "pges_order_recon")));
    // Every operation of the spec has a tag: all are in some group.
    let grouped: std::collections::BTreeSet<&str> = groups
        .iter()
        .flat_map(|g| g.1.iter().map(|m| m.1.as_str()))
        .collect();
    assert_eq!(grouped.len(), api.operations.len());
    let orders = api
        .tag_groups
        .iter()
        .find(|g| g.accessor == "orders")
        .unwrap();
    assert_eq!(orders.type_name, "OrdersApi");
    assert_eq!(
        orders.docs.as_deref(),
        Some("Collection of APIs to handle orders.")
    );
}

#[test]
fn specs_without_tags_have_no_groups() {
    assert!(flowwise().tag_groups.is_empty());
}

#[test]
fn group_names_without_a_vendor_prefix_and_taken_accessors() {
    let api = lower_yaml(
        r#"
openapi: 3.0.3
info: { title: Pets, version: "1" }
paths:
  /pets:
    get: { operationId: listPets, tags: [pets], responses: { "200": { description: ok } } }
    post: { operationId: createPet, tags: [pets], responses: { "200": { description: ok } } }
  /pets/{id}:
    get:
      operationId: getPet
      tags: [pets]
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses: { "200": { description: ok } }
  /pet-store:
    get: { operationId: pets, tags: [store], responses: { "200": { description: ok } } }
"#,
    );
    let groups = groups(&api);
    // `get` starts most names but is a verb, not a vendor prefix; `pets`
    // is taken by an operation, so the group is `pets_ops`.
    assert_eq!(
        group(&groups, "pets_ops"),
        [
            ("create", "create_pet"),
            ("get", "get_pet"),
            ("list", "list_pets")
        ]
    );
    // A name of tag words only keeps its words.
    assert_eq!(group(&groups, "store"), [("pets", "pets")]);
    assert!(
        api.warnings
            .iter()
            .any(|w| w.to_string().contains("pets_ops")),
        "{:?}",
        api.warnings
    );
}

#[test]
fn cashfree_security_alternatives_become_credential_sets() {
    let api = cashfree();
    let sets: Vec<(&str, Vec<&str>, usize)> = api
        .credential_sets
        .iter()
        .map(|s| {
            (
                s.setter.as_str(),
                s.schemes.iter().map(SchemeName::as_str).collect(),
                s.operations,
            )
        })
        .collect();
    assert_eq!(
        sets,
        [
            (
                "x_client_id_and_x_client_secret",
                vec!["XClientID", "XClientSecret"],
                78
            ),
            (
                "x_client_id_and_x_client_signature_header",
                vec!["XClientID", "XClientSignatureHeader"],
                78
            ),
            (
                "x_client_id_and_x_partner_api_key",
                vec!["XClientID", "XPartnerAPIKey"],
                78
            ),
            (
                "x_partner_api_key_and_x_partner_merchant_id",
                vec!["XPartnerAPIKey", "XPartnerMerchantID"],
                78
            ),
        ]
    );
    // One-scheme alternatives need no set: the scheme's own setter is it.
    assert!(
        flowwise()
            .credential_sets
            .iter()
            .all(|s| s.schemes.len() > 1)
    );
}
