//! What both examples share: a client configured from the environment, and
//! how results and errors are printed.

use std::process::ExitCode;
use std::time::Duration;

use flowwise::{Client, Environment};

/// A client from `FLOWWISE_BASE_URL` (default: the sandbox),
/// `FLOWWISE_CLIENT_ID`, `FLOWWISE_CLIENT_SECRET` and, optionally,
/// `FLOWWISE_TIMEOUT_SECS`.
pub fn client_from_env() -> Result<Client, String> {
    let required = |name: &str| std::env::var(name).map_err(|_| format!("{name} is not set"));
    let mut builder = Client::builder()
        .environment(Environment::Sandbox)
        .api_key_auth(required("FLOWWISE_CLIENT_ID")?)
        .api_secret(required("FLOWWISE_CLIENT_SECRET")?);
    if let Ok(base_url) = std::env::var("FLOWWISE_BASE_URL") {
        builder = builder.base_url(base_url);
    }
    if let Ok(seconds) = std::env::var("FLOWWISE_TIMEOUT_SECS") {
        let seconds: f64 = seconds
            .parse()
            .ok()
            .filter(|s: &f64| s.is_finite() && *s > 0.0)
            .ok_or_else(|| {
                format!(
                    "FLOWWISE_TIMEOUT_SECS must be a positive number of seconds, not {seconds:?}"
                )
            })?;
        builder = builder.timeout(Duration::from_secs_f64(seconds));
    }
    builder.build().map_err(|e| e.to_string())
}

/// Prints a successful response body as JSON on stdout, and the request id
/// (for support tickets) on stderr.
pub fn print_response<T: serde::Serialize>(response: &flowwise::Response<T>) -> ExitCode {
    if let Some(id) = response.request_id() {
        eprintln!("request id: {id}");
    }
    match serde_json::to_string_pretty(response.body()) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => fail(&format!("could not print the response: {e}")),
    }
}

/// Prints `message` on stderr and returns a failing exit code.
pub fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}
