//! The generated client against a real Kinto server (`scripts/live-servers
//! kinto` starts it and sets `KINTO_API_URL`; the client was generated from
//! the Swagger 2.0 document that same server serves). Kinto authenticates
//! with accounts over HTTP basic auth; its document declares no security
//! scheme, so the header is set the way a user of such a spec would.
//! Each test works in a bucket of its own.

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use live_kinto::{
    Client, CreateBucketRequest, CreateBucketRequestData, CreateCollectionRequest,
    CreateCollectionRequestData, CreateRecordRequest, Error, GetRecordError, PatchRecordRequest,
    UpdateAccountRequest, UpdateAccountRequestData, UpdateRecordRequest,
};
use serde_json::{json, Value};

const ADMIN_PASSWORD: &str = "s3cret-for-tests";

fn base_url() -> String {
    std::env::var("KINTO_API_URL")
        .expect("KINTO_API_URL is set: run these tests with scripts/live-servers kinto")
}

fn anonymous() -> Client {
    Client::builder()
        .base_url(base_url())
        .build()
        .expect("a valid client")
}

/// A client signed in as `admin` (Kinto's default config lets `admin`
/// create buckets), creating the account first if it is not there yet.
async fn admin() -> Client {
    let body = UpdateAccountRequest::new(UpdateAccountRequestData::new(ADMIN_PASSWORD));
    // 201 the first time, 401 afterwards (the account exists and this
    // request is not signed in as it): both leave the account in place.
    match anonymous().accounts().update("admin", &body).await {
        Ok(created) => assert!(created.status() == 201 || created.status() == 200),
        Err(error) => assert_eq!(error.status().map(|s| s.as_u16()), Some(401), "{error}"),
    }
    let credentials = STANDARD.encode(format!("admin:{ADMIN_PASSWORD}"));
    Client::builder()
        .base_url(base_url())
        .default_header("Authorization", format!("Basic {credentials}"))
        .build()
        .expect("a valid client")
}

fn unique(prefix: &str) -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("the clock is after 1970")
        .as_nanos();
    format!("{prefix}-{nanos}")
}

fn fields(value: Value) -> BTreeMap<String, Value> {
    serde_json::from_value(value).expect("an object")
}

fn with_id(mut data: CreateBucketRequestData, id: &str) -> CreateBucketRequestData {
    // Kinto's objects take any field besides the ones it names: `id` is one.
    data.additional_properties.insert("id".into(), json!(id));
    data
}

/// A bucket and a collection of its own for a test.
async fn bucket_with_collection(client: &Client, collection: &str) -> String {
    let bucket = unique("sdk");
    let created = client
        .buckets()
        .create(
            &CreateBucketRequest::new().with_data(with_id(CreateBucketRequestData::new(), &bucket)),
        )
        .await
        .expect("create bucket");
    assert_eq!(created.status(), 201);
    let mut data = CreateCollectionRequestData::new();
    data.additional_properties
        .insert("id".into(), json!(collection));
    let collection_body = CreateCollectionRequest::new().with_data(data);
    let created = client
        .collections()
        .create(&bucket, &collection_body)
        .await
        .expect("create collection");
    assert_eq!(created.status(), 201);
    bucket
}

#[tokio::test]
async fn the_server_says_it_is_up_and_who_it_is() {
    let client = anonymous();
    let heartbeat = client.utilities().heartbeat().await.expect("heartbeat");
    assert_eq!(heartbeat.status(), 200);
    let info = client.utilities().server_info().await.expect("server info");
    assert_eq!(info.status(), 200);
}

/// Create, read, patch, replace, list and delete records, then see one gone.
#[tokio::test]
async fn records_are_created_read_patched_replaced_listed_and_deleted() {
    let client = admin().await;
    let bucket = bucket_with_collection(&client, "tasks").await;
    let records = client.records();

    let body = CreateRecordRequest::new()
        .with_data(fields(json!({"title": "pay the invoice", "amount": 1200})));
    let created = records
        .create(&bucket, "tasks", &body)
        .await
        .expect("create record");
    assert_eq!(created.status(), 201);
    let data = created.into_body().data.expect("the record's data");
    let id = data["id"]
        .as_str()
        .expect("the server gives an id")
        .to_owned();
    assert_eq!(data["title"], "pay the invoice");
    assert!(data["last_modified"].as_i64().is_some(), "{data:?}");

    let read = records
        .get(&bucket, "tasks", &id)
        .await
        .expect("read record");
    assert_eq!(
        read.body().data.as_ref().map(|d| &d["amount"]),
        Some(&json!(1200))
    );

    let patch = PatchRecordRequest::new().with_data(fields(json!({"done": true})));
    let patched = records
        .patch(&bucket, "tasks", &id, &patch)
        .await
        .expect("patch record");
    let patched = patched.into_body().data.expect("data");
    assert_eq!(
        (patched["done"].clone(), patched["title"].clone()),
        (json!(true), json!("pay the invoice"))
    );

    let replace = UpdateRecordRequest::new().with_data(fields(json!({"title": "invoice paid"})));
    let replaced = records
        .update(&bucket, "tasks", &id, &replace)
        .await
        .expect("replace record");
    assert_eq!(replaced.status(), 200, "replacing an existing record");
    let replaced = replaced.into_body().data.expect("data");
    assert_eq!(replaced["title"], "invoice paid");
    assert!(
        !replaced.contains_key("done"),
        "a PUT replaces the whole record: {replaced:?}"
    );

    let second = records
        .create(
            &bucket,
            "tasks",
            &CreateRecordRequest::new().with_data(fields(json!({"title": "second"}))),
        )
        .await
        .expect("a second record");
    assert_eq!(second.status(), 201);
    let listed = records
        .get_all(&bucket, "tasks")
        .limit(10)
        .await
        .expect("list records");
    assert_eq!(listed.body().data.as_ref().map(Vec::len), Some(2));
    let only_first = records
        .get_all(&bucket, "tasks")
        .id(&id)
        .await
        .expect("filter by id");
    let titles: Vec<&Value> = only_first
        .body()
        .data
        .iter()
        .flatten()
        .map(|r| &r["title"])
        .collect();
    assert_eq!(titles, [&json!("invoice paid")]);

    let deleted = records
        .delete(&bucket, "tasks", &id)
        .await
        .expect("delete record");
    assert_eq!(
        deleted.body().data.as_ref().map(|d| d["deleted"].clone()),
        Some(json!(true))
    );
    let gone = records
        .get(&bucket, "tasks", &id)
        .await
        .expect_err("a deleted record is gone");
    // 404 is declared by Kinto's document: it decodes into its type.
    match &gone {
        Error::Api(api) => {
            assert_eq!(api.status, 404);
            let GetRecordError::NotFound(not_found) = &api.body else {
                panic!("the declared 404, got {:?}", api.body);
            };
            assert_eq!(not_found.code, 404);
            assert_eq!(not_found.error, "Not Found");
        }
        other => panic!("expected the declared 404, got {other:?}"),
    }

    client.buckets().delete(&bucket).await.expect("clean up");
}

/// Without credentials, writing is refused with the declared 401 body.
#[tokio::test]
async fn an_anonymous_write_is_refused_with_the_declared_error() {
    let refused = anonymous()
        .buckets()
        .create(&CreateBucketRequest::new())
        .await
        .expect_err("anonymous users may not create buckets");
    let Error::Api(api) = &refused else {
        panic!("expected a declared error, got {refused:?}");
    };
    assert_eq!(api.status, 401, "{refused}");
    assert!(format!("{refused}").contains("401"), "{refused}");
}
