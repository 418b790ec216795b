//! The runtime's own unit tests (not copied into generated crates). Calls go
//! to a loopback server written here, which answers each connection with
//! the next reply of its script and records what arrived.

// Tests may panic: a failed expectation is the point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod bodies;
mod redaction;
mod requests;
mod retries;
mod signatures;
mod tokens;

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::{
    ApiDescription, Client, ClientBuilder, CredentialLocation, Method, Operation, RetryPolicy,
    SecurityScheme,
};

/// An API with one header credential and one query credential.
static API: ApiDescription = ApiDescription {
    crate_name: "runtime-tests",
    crate_version: "0.0.0",
    default_base_url: None,
    security_schemes: &[
        SecurityScheme {
            name: "api_key",
            setter: "api_key",
            location: CredentialLocation::Header("x-api-key"),
        },
        SecurityScheme {
            name: "query_key",
            setter: "query_key",
            location: CredentialLocation::Query("key"),
        },
    ],
};

/// A `GET` that needs no credentials.
static GET_ORDER: Operation = Operation {
    id: "get_order",
    method: Method::GET,
    path: "/orders/{order_id}",
    security: &[],
};

/// A `POST`, which is replayed only with an idempotency key.
static CREATE_ORDER: Operation = Operation {
    id: "create_order",
    method: Method::POST,
    path: "/orders",
    security: &[],
};

/// A `GET` that needs the header credential.
static GET_SECRET: Operation = Operation {
    id: "get_secret",
    method: Method::GET,
    path: "/secret",
    security: &[&["api_key"]],
};

/// A raw HTTP/1.1 response with a `Content-Length`.
fn reply(status: &str, headers: &[(&str, &str)], body: &str) -> Vec<u8> {
    let mut head = format!("HTTP/1.1 {status}\r\ncontent-length: {}\r\n", body.len());
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("connection: close\r\n\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body.as_bytes());
    bytes
}

/// A loopback server answering the `replies` in order (the last one
/// repeats), one per connection.
struct Server {
    base_url: String,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    async fn start(replies: Vec<Vec<u8>>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base_url = format!("http://{}", listener.local_addr().expect("address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&requests);
        tokio::spawn(async move {
            for index in 0.. {
                let Ok((mut stream, _)) = listener.accept().await else {
                    return;
                };
                let request = read_request(&mut stream).await;
                recorded.lock().expect("lock").push(request);
                let reply = replies
                    .get(index)
                    .or(replies.last())
                    .cloned()
                    .unwrap_or_default();
                let _ = stream.write_all(&reply).await;
                let _ = stream.shutdown().await;
            }
        });
        Self { base_url, requests }
    }

    /// Every request that arrived, head and body, in order.
    fn requests(&self) -> Vec<String> {
        self.requests.lock().expect("lock").clone()
    }

    /// A client of [`API`] against this server, with quick retries.
    fn client(&self) -> ClientBuilder {
        ClientBuilder::new(&API)
            .base_url(&self.base_url)
            .retry_policy(
                RetryPolicy::default()
                    .initial_backoff(std::time::Duration::from_millis(1))
                    .max_backoff(std::time::Duration::from_millis(5)),
            )
    }
}

/// Reads one request: the head, then as many body bytes as it announces.
async fn read_request(stream: &mut tokio::net::TcpStream) -> String {
    let mut bytes = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let head_end = bytes.windows(4).position(|w| w == b"\r\n\r\n");
        if let Some(end) = head_end {
            let head = String::from_utf8_lossy(&bytes[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .and_then(|value| value.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if bytes.len() >= end + 4 + length {
                break;
            }
        }
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => break,
            Ok(read) => bytes.extend_from_slice(&buffer[..read]),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The value of a header in a recorded request (names compared ignoring case).
fn header<'a>(request: &'a str, name: &str) -> Option<&'a str> {
    request.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

/// Builds the client; the tests' configurations are valid.
fn build(builder: ClientBuilder) -> Client {
    builder.build().expect("the client builds")
}
