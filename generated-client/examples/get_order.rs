//! Fetches one order and prints it as JSON.
//!
//! ```text
//! FLOWWISE_CLIENT_ID=... FLOWWISE_CLIENT_SECRET=... cargo run --example get_order -- ORDER_ID
//! ```
//!
//! `FLOWWISE_BASE_URL` overrides the server (default: the sandbox) and
//! `FLOWWISE_TIMEOUT_SECS` the request timeout.

mod support;

use std::process::ExitCode;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [order_id] = args.as_slice() else {
        eprintln!("usage: get_order ORDER_ID");
        return ExitCode::from(2);
    };
    let client = match support::client_from_env() {
        Ok(client) => client,
        Err(message) => return support::fail(&message),
    };
    match client.get_order(order_id).await {
        Ok(order) => support::print_response(&order),
        Err(error) => support::fail(&error.to_string()),
    }
}
