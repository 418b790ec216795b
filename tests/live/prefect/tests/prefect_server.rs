//! The generated client against a real Prefect server (`scripts/live-servers prefect`
//! starts it and sets `PREFECT_API_URL`; the client was generated from the
//! OpenAPI 3.1 document that same server serves). Each test works on names of
//! its own, so the tests can run at once against one server.

use std::time::{SystemTime, UNIX_EPOCH};

use live_prefect::{
    BodyCountVariablesVariablesCountPost, BodyReadVariablesVariablesFilterPost, Client, Error,
    FlowCreate, HttpValidationError, VariableCreate, VariableCreateValue, VariableFilter,
    VariableFilterName, VariableUpdate, VariableUpdateValue, VariableValue,
};

fn client() -> Client {
    let base_url = std::env::var("PREFECT_API_URL")
        .expect("PREFECT_API_URL is set: run these tests with scripts/live-servers prefect");
    Client::builder()
        .base_url(base_url)
        .build()
        .expect("a valid client")
}

/// A name no earlier run of the tests has used on this server.
fn unique(prefix: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("the clock is after 1970")
        .as_nanos();
    format!("{prefix}_{nanos}")
}

fn text(value: &str) -> Option<VariableCreateValue> {
    Some(VariableCreateValue::String(value.to_owned()))
}

#[tokio::test]
async fn the_server_is_healthy_and_says_its_version() {
    let client = client();
    let healthy = client.root().health_check().await.expect("health check");
    assert!(*healthy.body());
    let version = client
        .root()
        .server_version()
        .await
        .expect("server version");
    // The API's version (Prefect 3.9 says 0.8.4), not the package's.
    let parts: Vec<&str> = version.body().split('.').collect();
    assert!(
        parts.len() == 3 && parts.iter().all(|part| part.parse::<u32>().is_ok()),
        "a dotted version, got {:?}",
        version.body()
    );
}

/// Create, read (by id and by name), update, list with a filter, count and
/// delete one resource, then see it gone.
#[tokio::test]
async fn a_variable_is_created_read_updated_listed_counted_and_deleted() {
    let client = client();
    let name = unique("sdk_variable");
    let body = VariableCreate::new(&name, text("first")).with_tags(vec!["sdk-test".to_owned()]);

    let created = client.variables().create(&body).await.expect("create");
    assert_eq!(created.status(), 201);
    let created = created.into_body();
    assert_eq!(created.name, name);
    assert_eq!(
        created.value,
        Some(VariableValue::String("first".to_owned()))
    );
    assert_eq!(created.tags.as_deref(), Some(&["sdk-test".to_owned()][..]));
    assert!(
        created.created.is_some(),
        "the server dates what it creates"
    );

    let by_id = client.variables().read(&created.id).await.expect("read");
    assert_eq!(by_id.body(), &created);
    let by_name = client
        .variables()
        .read_by_name(&name)
        .await
        .expect("read by name");
    assert_eq!(by_name.body().id, created.id);

    let update = VariableUpdate::new().with_value(VariableUpdateValue::Integer(42));
    let updated = client
        .variables()
        .update(&created.id, &update)
        .await
        .expect("update");
    assert_eq!(updated.status(), 204);
    let read_again = client
        .variables()
        .read(&created.id)
        .await
        .expect("read after update");
    assert_eq!(read_again.body().value, Some(VariableValue::Integer(42)));
    assert_eq!(
        read_again.body().name,
        name,
        "a PATCH leaves other fields alone"
    );

    let only_this =
        VariableFilter::new().with_name(VariableFilterName::new().with_any(vec![name.clone()]));
    let filter = BodyReadVariablesVariablesFilterPost::new()
        .with_variables(only_this.clone())
        .with_limit(10);
    let listed = client
        .variables()
        .read_all()
        .body(&filter)
        .await
        .expect("filtered list");
    let ids: Vec<&str> = listed.body().iter().map(|v| v.id.as_str()).collect();
    assert_eq!(ids, [created.id.as_str()]);
    let count = BodyCountVariablesVariablesCountPost::new().with_variables(only_this);
    let counted = client
        .variables()
        .count()
        .body(&count)
        .await
        .expect("count");
    assert_eq!(*counted.body(), 1);

    let deleted = client
        .variables()
        .delete(&created.id)
        .await
        .expect("delete");
    assert_eq!(deleted.status(), 204);
    let gone = client
        .variables()
        .read(&created.id)
        .await
        .expect_err("a deleted variable is gone");
    // 404 is not in the spec: the status and the server's words are kept.
    match gone {
        Error::UnexpectedStatus(unexpected) => {
            assert_eq!(unexpected.status, 404);
            let body = String::from_utf8_lossy(&unexpected.body);
            assert!(body.contains("not found"), "{body}");
        }
        other => panic!("expected an undeclared 404, got {other:?}"),
    }
}

/// Real servers answer with statuses their specs leave out.
#[tokio::test]
async fn statuses_the_spec_does_not_declare() {
    let client = client();

    // `POST /flows/` declares only 200 but answers 201 for a new flow: the
    // one declared success type decodes it.
    let name = unique("sdk_flow");
    let flow = client
        .flows()
        .create(&FlowCreate::new(&name))
        .await
        .expect("create flow");
    assert_eq!(flow.status(), 201);
    assert_eq!(flow.body().name, name);
    let same = client
        .flows()
        .read(&flow.body().id)
        .await
        .expect("read flow");
    assert_eq!(same.body().id, flow.body().id);
    client
        .flows()
        .delete(&flow.body().id)
        .await
        .expect("delete flow");

    // A second variable with the same name is a 409, which the spec does not declare.
    let name = unique("sdk_duplicate");
    let body = VariableCreate::new(&name, text("once"));
    let first = client
        .variables()
        .create(&body)
        .await
        .expect("first create");
    let conflict = client
        .variables()
        .create(&body)
        .await
        .expect_err("the name is taken");
    assert_eq!(
        conflict.status().map(|s| s.as_u16()),
        Some(409),
        "{conflict}"
    );
    assert!(
        matches!(conflict, Error::UnexpectedStatus(_)),
        "{conflict:?}"
    );
    client
        .variables()
        .delete(&first.body().id)
        .await
        .expect("clean up");
}

/// The declared 422 decodes into the spec's validation error type. Prefect
/// sends its details as `exception_detail`, not the `detail` its spec (and
/// FastAPI) declares, so the typed body has none; the raw body keeps the
/// server's words, and the error's message shows them.
#[tokio::test]
async fn a_refused_request_gives_the_declared_validation_error() {
    let client = client();
    let body = VariableCreate::new("Not A Valid Name!", text("x"));
    let refused = client
        .variables()
        .create(&body)
        .await
        .expect_err("names are lower-case words");
    let Error::Api(api) = &refused else {
        panic!("expected the declared 422, got {refused:?}");
    };
    assert_eq!(api.status, 422);
    assert!(matches!(
        &api.body,
        live_prefect::CreateVariableError::UnprocessableEntity(HttpValidationError { .. })
    ));
    let raw = String::from_utf8_lossy(api.raw_body());
    assert!(
        raw.contains("Variable name must only contain lowercase letters"),
        "{raw}"
    );
    assert!(raw.contains(r#""loc":["body","name"]"#), "{raw}");
}
