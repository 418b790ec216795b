//! Parameter styles and media types on the wire (`tests/fixtures/encodings.yaml`).

mod support;

use sdk_tests::fixtures::encodings::{
    Client, CreateTokenRequest, File, Filter, FilterStatus, SearchPage, UploadDocumentRequest,
    UploadDocumentRequestMeta,
};
use support::capture::CaptureServer;

fn client(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .build()
        .expect("valid client")
}

fn decoded_query(request_line: &str) -> Vec<(String, String)> {
    let target = request_line.split(' ').nth(1).unwrap();
    let url = reqwest::Url::parse(&format!("http://x{target}")).unwrap();
    url.query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

#[tokio::test]
async fn query_parameters_follow_their_style() {
    let server = CaptureServer::start(200, "text/plain", "2 matches");
    let filter = Filter::new()
        .with_status(FilterStatus::Paid)
        .with_min_amount(100);
    let page = SearchPage::new().with_size(20).with_after("cur_1");
    let text = client(&server.base_url)
        .search()
        .filter(filter)
        .tags(&["a".to_owned(), "b c".to_owned()])
        .id(&[1, 2])
        .since("2024-01-02T03:04:05+05:30".parse().unwrap())
        .session("s 1;x")
        .page(page)
        .await
        .expect("text response");
    assert_eq!(text.body(), "2 matches");
    let request = server.next_request();
    assert_eq!(
        request.header("cookie"),
        Some("session=s%201%3Bx"),
        "one cookie, encoded"
    );
    let pairs = decoded_query(&request.request_line);
    let expected: Vec<(String, String)> = [
        ("filter[status]", "paid"),
        ("filter[min_amount]", "100"),
        ("tags", "a,b c"),
        ("id", "1"),
        ("id", "2"),
        ("since", "2024-01-02T03:04:05+05:30"),
        ("size", "20"),
        ("after", "cur_1"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    assert_eq!(pairs, expected);
}

#[tokio::test]
async fn form_bodies_are_url_encoded() {
    let server = CaptureServer::start(204, "text/plain", "");
    let body = CreateTokenRequest::new("client_credentials")
        .with_scope(vec!["read all".to_owned(), "write".to_owned()]);
    client(&server.base_url)
        .create_token(&body)
        .await
        .expect("204");
    let request = server.next_request();
    assert_eq!(
        request.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        "grant_type=client_credentials&scope=read+all&scope=write"
    );
}

#[tokio::test]
async fn multipart_bodies_carry_files_text_and_json_parts() {
    let server = CaptureServer::start(204, "text/plain", "");
    let file =
        File::new("invoice.pdf", b"%PDF-1.7 bytes".to_vec()).with_content_type("application/pdf");
    let body = UploadDocumentRequest::new(file, "invoice")
        .with_pages(3)
        .with_meta(UploadDocumentRequestMeta::new().with_source("scanner"));
    client(&server.base_url)
        .upload_document(&body)
        .await
        .expect("204");
    let request = server.next_request();
    let content_type = request.header("content-type").unwrap().to_owned();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect(&content_type);
    let text = String::from_utf8(request.body).unwrap();
    assert!(text.starts_with(&format!("--{boundary}\r\n")), "{text}");
    assert!(text.ends_with(&format!("--{boundary}--\r\n")), "{text}");
    assert!(text.contains("Content-Disposition: form-data; name=\"file\"; filename=\"invoice.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7 bytes\r\n"), "{text}");
    assert!(text.contains("name=\"kind\"\r\n\r\ninvoice\r\n"), "{text}");
    assert!(text.contains("name=\"pages\"\r\n\r\n3\r\n"), "{text}");
    assert!(
        text.contains(
            "name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"source\":\"scanner\"}\r\n"
        ),
        "{text}"
    );
    assert_eq!(
        format!("{:?}", body.file),
        r#"File { file_name: "invoice.pdf", content_type: "application/pdf", len: 14 }"#
    );
}

#[tokio::test]
async fn text_bodies_and_binary_responses() {
    let server = CaptureServer::start(204, "text/plain", "");
    client(&server.base_url)
        .add_note("remember the milk")
        .await
        .expect("204");
    let request = server.next_request();
    assert_eq!(request.header("content-type"), Some("text/plain"));
    assert_eq!(request.body, b"remember the milk");

    let server = CaptureServer::start(200, "application/octet-stream", vec![0u8, 159, 146, 150]);
    let export = client(&server.base_url).export_data().await.expect("bytes");
    assert_eq!(export.body(), &vec![0u8, 159, 146, 150]);
}

#[tokio::test]
async fn a_default_response_types_every_other_error_status() {
    use sdk_tests::fixtures::encodings::ExportDataError;
    let server = CaptureServer::start(418, "application/json", r#"{"message":"short and stout"}"#);
    let error = client(&server.base_url)
        .export_data()
        .await
        .expect_err("418");
    let Some(ExportDataError::Other(body)) = error.api_error() else {
        panic!("{error:?}")
    };
    assert_eq!(body.message, "short and stout");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(418));
    // A redirect is not an error response: it stays an unexpected status.
    let server = CaptureServer::start(302, "text/html", "<a>moved</a>");
    let error = client(&server.base_url)
        .export_data()
        .await
        .expect_err("302");
    assert!(
        matches!(
            error,
            sdk_tests::fixtures::encodings::Error::UnexpectedStatus(_)
        ),
        "{error:?}"
    );
}

#[test]
fn an_all_of_that_only_documents_a_ref_is_that_type() {
    // `min_amount` is `allOf: [DocumentedAmount, {description}]`, and
    // DocumentedAmount is `allOf: [Amount, {description}]`: an integer.
    let filter = Filter::new().with_min_amount(5_i64);
    let amount: Option<i64> = filter.min_amount;
    assert_eq!(amount, Some(5));
}
