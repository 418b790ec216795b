//! Creates an order for a sample customer and prints the result as JSON.
//!
//! ```text
//! FLOWWISE_CLIENT_ID=... FLOWWISE_CLIENT_SECRET=... cargo run --example create_order -- ORDER_ID AMOUNT CURRENCY
//! ```
//!
//! `AMOUNT` is a decimal such as `2299.5`; it is sent exactly as written.
//! `FLOWWISE_BASE_URL` overrides the server (default: the sandbox) and
//! `FLOWWISE_TIMEOUT_SECS` the request timeout.

mod support;

use std::process::ExitCode;

use flowwise::{CreateOrderRequest, CustomerDetails, Decimal};

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [order_id, amount, currency] = args.as_slice() else {
        eprintln!("usage: create_order ORDER_ID AMOUNT CURRENCY");
        return ExitCode::from(2);
    };
    let amount: Decimal = match amount.parse() {
        Ok(amount) => amount,
        Err(_) => {
            return support::fail(&format!(
                "AMOUNT must be a decimal number such as 2299.5, not {amount:?}"
            ))
        }
    };
    let client = match support::client_from_env() {
        Ok(client) => client,
        Err(message) => return support::fail(&message),
    };
    let customer = CustomerDetails::new()
        .with_customer_id("cust_priya_sharma_2024")
        .with_customer_email("priya.sharma@example.com")
        .with_customer_phone("+919876543210")
        .with_customer_address("123 Connaught Place, New Delhi, Delhi 110001, India");
    let order = CreateOrderRequest::new(order_id.as_str(), amount, currency.as_str(), customer)
        .with_order_note("Created by the create_order example");
    match client.create_order(&order).await {
        Ok(created) => support::print_response(&created),
        Err(error) => support::fail(&error.to_string()),
    }
}
