//! The Flowwise spec: names from summaries, request types, errors, security and servers.

use super::*;

#[test]
fn flowwise_operations_are_named_from_their_summaries() {
    let api = flowwise();
    let names: Vec<&str> = api.operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["create_order", "get_order"]);
    assert!(api.warnings.is_empty(), "{:?}", api.warnings);
}

#[test]
fn flowwise_create_order_request_types() {
    let api = flowwise();
    let request = fields(&api, "CreateOrderRequest");
    let field = |name: &str| request.iter().find(|f| f.0 == name).cloned().unwrap();
    assert_eq!(
        field("order_id"),
        ("order_id".into(), TypeRef::String, true)
    );
    // `format: float` notwithstanding: money is an exact decimal.
    assert_eq!(
        field("order_amount"),
        ("order_amount".into(), TypeRef::Decimal, true)
    );
    assert_eq!(
        field("customer_details"),
        (
            "customer_details".into(),
            TypeRef::Named("CustomerDetails".into()),
            true
        )
    );
    assert_eq!(
        field("expiry_time_in_minutes"),
        ("expiry_time_in_minutes".into(), TypeRef::I64, false)
    );
    assert_eq!(
        field("order_tags"),
        (
            "order_tags".into(),
            TypeRef::Named("OrderTags".into()),
            false
        )
    );
    let TypeKind::Struct(object) = &api.types["CreateOrderRequest"].kind else {
        unreachable!()
    };
    assert_eq!(
        object.constructor_args,
        [
            "order_id",
            "order_amount",
            "order_currency",
            "customer_details"
        ]
    );
    assert_eq!(
        api.types["OrderTags"].kind,
        TypeKind::Alias(TypeRef::Map(Box::new(TypeRef::String)))
    );
    let response = fields(&api, "CreateOrderResponse");
    assert!(
        response.iter().all(|f| !f.2),
        "every response field is optional"
    );
    assert!(response.contains(&("added_on".into(), TypeRef::DateTime, false)));
}

#[test]
fn flowwise_errors_security_and_servers() {
    let api = flowwise();
    let get = &api.operations[1];
    assert_eq!(
        (get.method.as_str(), get.path.as_str()),
        ("GET", "/orders/{order_id}")
    );
    assert_eq!(get.params.len(), 1);
    assert_eq!(get.params[0].location, ParamLocation::Path);
    assert_eq!(
        get.success,
        ResponseBody::Json(TypeRef::Named("CreateOrderResponse".into()))
    );
    assert_eq!(get.errors.type_name.as_deref(), Some("GetOrderError"));
    let cases: Vec<(u16, &str)> = get
        .errors
        .cases
        .iter()
        .map(|c| (c.status, c.variant.as_str()))
        .collect();
    assert_eq!(
        cases,
        [
            (400, "BadRequest"),
            (401, "Unauthorized"),
            (404, "NotFound"),
            (500, "InternalServerError")
        ]
    );
    assert!(
        get.errors
            .cases
            .iter()
            .all(|c| c.body == Some(TypeRef::Named("ErrorResponse".into())))
    );
    assert_eq!(
        get.security,
        [vec![
            SchemeName::new("ApiKeyAuth"),
            SchemeName::new("ApiSecret")
        ]]
    );
    let create = &api.operations[0];
    assert_eq!(
        create.body.as_ref().map(|b| &b.kind),
        Some(&BodyKind::Json(TypeRef::Named("CreateOrderRequest".into())))
    );
    let schemes: Vec<(&str, &str, &SchemeKind)> = api
        .security_schemes
        .iter()
        .map(|s| (s.name.as_str(), s.setter.as_str(), &s.kind))
        .collect();
    assert_eq!(
        schemes,
        [
            (
                "ApiKeyAuth",
                "api_key_auth",
                &SchemeKind::ApiKeyHeader("x-client-id".into())
            ),
            (
                "ApiSecret",
                "api_secret",
                &SchemeKind::ApiKeyHeader("x-client-secret".into())
            ),
        ]
    );
    let servers: Vec<(&str, &str)> = api
        .servers
        .iter()
        .map(|s| (s.variant.as_str(), s.url.as_str()))
        .collect();
    assert_eq!(
        servers,
        [
            ("Sandbox", "https://sandbox.flowwise.com/router"),
            ("Production", "https://app.flowwise.com/router")
        ]
    );
}
