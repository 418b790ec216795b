//! What the generated client adds to a call, against a hand-written
//! reqwest + serde baseline doing the same work in the same run:
//!
//! - `call/*`: one full call (build the request, serialize the body, send it
//!   over loopback to a keep-alive server answering a canned body, receive,
//!   decode) for Flowwise's `get_order` (GET) and `create_order` (POST);
//! - `decode/*`: a 5,000-item list response (Cashfree's refunds, about
//!   3 MB) decoded by the generated client's decoder and by plain
//!   `serde_json::from_slice` into the same types.
//!
//! ```sh
//! cargo bench --bench runtime
//! ```
//!
//! After criterion's own report, the ratios generated / baseline are printed
//! from its estimates (the medians).

use std::path::PathBuf;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput};
use flowwise::{CreateOrderRequest, CreateOrderResponse, CustomerDetails, Decimal};
use sdk_tests::cashfree_pg::RefundEntity;

/// The spec's example of an order, as the server's canned answer.
const ORDER_JSON: &str = r#"{"order_id":"order_1","project_id":"proj_7","customer_email":"priya.sharma@example.com","customer_id":"cust_1","order_status":"ACTIVE","order_currency":"INR","payment_methods":"upi,card","order_note":"Blue dress, size M","checkout_url":"https://pay.flowwise.com/checkout/order_1","order_hash":"a1b2c3d4e5","order_expiry_time":"2024-12-03T16:30:00Z","added_on":"2024-12-03T14:30:00Z"}"#;

/// The spec's example of a refund (Cashfree PG, `RefundEntity`).
const REFUND_JSON: &str = r#"{"cf_payment_id":"918812","cf_refund_id":"1553338","refund_id":"REF-123","order_id":"c6G-QMcbm1848","entity":"refund","refund_amount":100.81,"refund_currency":"INR","refund_note":"Refund for order #123","refund_status":"SUCCESS","refund_type":"MERCHANT_INITIATED","refund_splits":[],"status_description":"In Progress","refund_arn":"RF12312","metadata":{"option":"myotpion"},"created_at":"2021-07-25T08:57:52+05:30","processed_at":"2021-07-25T12:57:52+05:30","refund_charge":0,"refund_mode":"STANDARD","forex_conversion_handling_charge":11.12,"forex_conversion_handling_tax":1.12,"forex_conversion_rate":84.24,"charges_currency":"INR"}"#;

const REFUNDS: usize = 5_000;

/// A loopback HTTP/1.1 server that keeps connections alive and answers
/// every request with `200` and `body`, after reading the request whole.
///
/// It runs as tasks on the benchmark's own one-thread runtime, so a call
/// never waits for another thread to wake up: on a small VM, a wake-up of
/// the other core costs up to 200 µs and lands on one client or the other
/// at random, which would swamp the differences being measured.
fn serve(runtime: &tokio::runtime::Runtime, body: &'static str) -> String {
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind a loopback port");
    let address = listener.local_addr().expect("a bound address");
    runtime.spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(answer_all(stream, body));
        }
    });
    format!("http://{address}")
}

async fn answer_all(stream: tokio::net::TcpStream, body: &str) {
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt};
    let _ = stream.set_nodelay(true);
    let response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nx-request-id: req_bench\r\n\r\n{body}",
        body.len()
    );
    let (reader, mut writer) = stream.into_split();
    let mut reader = tokio::io::BufReader::new(reader);
    let mut line = String::new();
    loop {
        let mut content_length = 0usize;
        // The head: request line and headers, up to the empty line.
        loop {
            line.clear();
            match reader.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            if line == "\r\n" {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    content_length = value.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut request_body = vec![0; content_length];
        if reader.read_exact(&mut request_body).await.is_err()
            || writer.write_all(response.as_bytes()).await.is_err()
        {
            return;
        }
    }
}

/// The baseline: what a careful person writes by hand with reqwest and
/// serde for the same calls (same TLS backend, same percent-encoding of the
/// id, same credential headers, status checked, body decoded).
struct HandWritten {
    http: reqwest::Client,
    base_url: String,
    client_id: String,
    client_secret: String,
}

impl HandWritten {
    /// A request to `path` with the credentials and `accept` every call sends.
    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.base_url))
            .header("x-client-id", &self.client_id)
            .header("x-client-secret", &self.client_secret)
            .header("accept", "application/json")
    }

    async fn get_order(&self, order_id: &str) -> Result<CreateOrderResponse, String> {
        let id =
            percent_encoding::utf8_percent_encode(order_id, percent_encoding::NON_ALPHANUMERIC);
        let response = self
            .request(reqwest::Method::GET, &format!("/orders/{id}"))
            .send()
            .await
            .map_err(|e| e.to_string())?;
        Self::decode(response).await
    }

    async fn create_order(
        &self,
        order: &CreateOrderRequest,
    ) -> Result<CreateOrderResponse, String> {
        let body = serde_json::to_vec(order).map_err(|e| e.to_string())?;
        let response = self
            .request(reqwest::Method::POST, "/orders")
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        Self::decode(response).await
    }

    async fn decode(response: reqwest::Response) -> Result<CreateOrderResponse, String> {
        if !response.status().is_success() {
            return Err(format!("status {}", response.status()));
        }
        let body = response.bytes().await.map_err(|e| e.to_string())?;
        serde_json::from_slice(&body).map_err(|e| e.to_string())
    }
}

fn sample_order() -> CreateOrderRequest {
    let amount: Decimal = "2299.50".parse().expect("a decimal");
    let customer = CustomerDetails::new()
        .with_customer_id("cust_1")
        .with_customer_email("priya.sharma@example.com")
        .with_customer_phone("+919876543210");
    CreateOrderRequest::new("order_1", amount, "INR", customer)
        .with_order_note("Blue dress, size M")
}

/// The two clients, pointed at the same loopback server.
struct Setup {
    runtime: tokio::runtime::Runtime,
    generated: flowwise::Client,
    hand_written: HandWritten,
    order: CreateOrderRequest,
}

impl Setup {
    fn new() -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let base_url = serve(&runtime, ORDER_JSON);
        let generated = flowwise::Client::builder()
            .base_url(base_url.clone())
            .api_key_auth("client_id_bench")
            .api_secret("client_secret_bench")
            .build()
            .expect("a client");
        let hand_written = HandWritten {
            http: reqwest::Client::builder()
                .connect_timeout(Duration::from_secs(10))
                .timeout(Duration::from_secs(30))
                .build()
                .expect("a reqwest client"),
            base_url,
            client_id: "client_id_bench".to_owned(),
            client_secret: "client_secret_bench".to_owned(),
        };
        let setup = Setup {
            runtime,
            generated,
            hand_written,
            order: sample_order(),
        };
        // Both must work before either is timed.
        setup.runtime.block_on(async {
            let a = setup
                .generated
                .get_order("order_1")
                .await
                .expect("generated get_order");
            let b = setup
                .hand_written
                .get_order("order_1")
                .await
                .expect("hand-written get_order");
            assert_eq!(a.body(), &b);
            setup
                .generated
                .create_order(&setup.order)
                .await
                .expect("generated create_order");
            setup
                .hand_written
                .create_order(&setup.order)
                .await
                .expect("hand-written create_order");
        });
        setup
    }

    fn call(&self, operation: &str, generated: bool) {
        let Setup {
            runtime,
            generated: client,
            hand_written,
            order,
        } = self;
        match (operation, generated) {
            ("get_order", true) => drop(
                runtime
                    .block_on(client.get_order("order_1").send())
                    .expect("a response"),
            ),
            ("get_order", false) => drop(
                runtime
                    .block_on(hand_written.get_order("order_1"))
                    .expect("a response"),
            ),
            ("create_order", true) => drop(
                runtime
                    .block_on(client.create_order(order).send())
                    .expect("a response"),
            ),
            ("create_order", false) => drop(
                runtime
                    .block_on(hand_written.create_order(order))
                    .expect("a response"),
            ),
            _ => unreachable!("no such operation"),
        }
    }
}

const OPERATIONS: [&str; 2] = ["get_order", "create_order"];

fn bench_calls(c: &mut Criterion, setup: &Setup) {
    let mut group = c.benchmark_group("call");
    for operation in OPERATIONS {
        group.bench_function(BenchmarkId::new(operation, "generated"), |b| {
            b.iter(|| setup.call(operation, true))
        });
        group.bench_function(BenchmarkId::new(operation, "hand-written"), |b| {
            b.iter(|| setup.call(operation, false))
        });
    }
    group.finish();
}

/// The ratio generated / hand-written, measured in alternating rounds so
/// that the machine's drift (on a small VM, loopback latency moves by 50%
/// between runs) falls on both sides alike: the median of the rounds'
/// ratios, with the spread of the middle half.
fn interleaved_ratio(setup: &Setup, operation: &str) -> (f64, f64, f64) {
    const ROUNDS: usize = 40;
    const CALLS: usize = 250;
    let time = |generated: bool| {
        let started = std::time::Instant::now();
        for _ in 0..CALLS {
            setup.call(operation, generated);
        }
        started.elapsed().as_secs_f64()
    };
    time(true);
    time(false);
    if std::env::var_os("BENCH_DEBUG").is_some() {
        for _ in 0..3 {
            let (a, b) = (time(true), time(false));
            eprintln!(
                "{operation}: generated {:.1} µs, hand-written {:.1} µs per call",
                a * 1e6 / CALLS as f64,
                b * 1e6 / CALLS as f64
            );
        }
    }
    let mut ratios: Vec<f64> = (0..ROUNDS)
        .map(|round| {
            // Alternate which goes first, too.
            if round % 2 == 0 {
                let ours = time(true);
                ours / time(false)
            } else {
                let theirs = time(false);
                time(true) / theirs
            }
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    (
        ratios[ROUNDS / 2],
        ratios[ROUNDS / 4],
        ratios[3 * ROUNDS / 4],
    )
}

fn bench_decode(c: &mut Criterion) {
    let items = vec![REFUND_JSON; REFUNDS];
    let body = format!("[{}]", items.join(","));
    let decoded: Vec<RefundEntity> =
        sdk_tests::cashfree_pg::runtime::decode_json(body.as_bytes()).expect("the refunds decode");
    assert_eq!(decoded.len(), REFUNDS);

    let mut group = c.benchmark_group("decode");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function(BenchmarkId::new("refunds", "generated"), |b| {
        b.iter(|| {
            sdk_tests::cashfree_pg::runtime::decode_json::<Vec<RefundEntity>>(body.as_bytes())
                .expect("decodes")
        })
    });
    group.bench_function(BenchmarkId::new("refunds", "serde_json"), |b| {
        b.iter(|| serde_json::from_slice::<Vec<RefundEntity>>(body.as_bytes()).expect("decodes"))
    });
    group.finish();
}

/// criterion's median estimate for one benchmark, in nanoseconds.
fn median_ns(
    criterion_dir: &std::path::Path,
    group: &str,
    function: &str,
    variant: &str,
) -> Option<f64> {
    let path = criterion_dir
        .join(group)
        .join(function)
        .join(variant)
        .join("new/estimates.json");
    let estimates: serde_json::Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    estimates["median"]["point_estimate"].as_f64()
}

fn print_ratios(setup: &Setup) {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("criterion");
    println!(
        "\nratios from criterion's runs (median generated / median baseline; 1.00 is no overhead):"
    );
    for (group, function, baseline) in [
        ("call", "get_order", "hand-written"),
        ("call", "create_order", "hand-written"),
        ("decode", "refunds", "serde_json"),
    ] {
        match (
            median_ns(&dir, group, function, "generated"),
            median_ns(&dir, group, function, baseline),
        ) {
            (Some(ours), Some(theirs)) => println!(
                "  {group}/{function}: {:.1} µs vs {:.1} µs: {:.3}",
                ours / 1000.0,
                theirs / 1000.0,
                ours / theirs
            ),
            _ => println!(
                "  {group}/{function}: no estimates under {} (filtered out?)",
                dir.display()
            ),
        }
    }
    println!(
        "\nratios of one call, interleaved (median of 40 alternating rounds of 250 calls each; middle half in brackets):"
    );
    for operation in OPERATIONS {
        let (median, low, high) = interleaved_ratio(setup, operation);
        println!("  call/{operation}: {median:.3} ({low:.3} to {high:.3})");
    }
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    let setup = Setup::new();
    bench_calls(&mut criterion, &setup);
    bench_decode(&mut criterion);
    criterion.final_summary();
    // `cargo bench` passes `--bench`; under `cargo test` criterion runs each
    // benchmark once, as a test, and there are no ratios to report.
    if std::env::args().any(|a| a == "--bench") {
        print_ratios(&setup);
    }
}
