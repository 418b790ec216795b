//! Runs the [Prism](https://github.com/stoplightio/prism) mock server for end-to-end tests.
//!
//! Prism is a Node package pinned in the repository's `package.json`; `npm ci` in the
//! repository root installs it to `node_modules/.bin/prism`, which is where this module
//! looks for it. Set the environment variable `PRISM_BIN` to the path of a `prism`
//! executable to use another one (e.g. when this file is compiled outside the repository).
//!
//! Every server is started through a small `sh` wrapper whose standard input is a pipe
//! held by the test process. The wrapper kills Prism as soon as that pipe reaches EOF,
//! which happens when the [`Prism`] value is dropped *or* when the test process exits for
//! any reason (including `kill -9`), because the kernel closes the pipe either way. That
//! is what keeps servers from [`Prism::shared`], which live in statics that are never
//! dropped, from outliving the test binary.

// Each integration test binary compiles its own copy of this module and uses only part of it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

/// How long Prism gets to load a spec and start listening.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// Path of the marker requests that [`Prism::output`] uses to catch up with Prism's log.
/// It is deep so that no templated path of a real spec matches it: Prism answers 404 and
/// logs nothing about it but "Request received" and "Request terminated with error".
const SYNC_PATH: &str = "/__prism_rs_sync__/0/0/0/0/0/0/0/0";

/// How many fresh ports to try when the one we picked was taken before Prism bound it.
const PORT_ATTEMPTS: usize = 3;

/// Runs the command given as `"$@"` (Prism) in the background and kills it when stdin
/// reaches EOF; exits with Prism's status if Prism exits first.
///
/// A non-interactive shell gives background jobs `/dev/null` as stdin, so the lifeline
/// pipe is first moved to fd 3 and handed explicitly to the watcher. Prism gets neither.
/// SIGKILL because a mock server has nothing to clean up and KILL cannot be delayed by
/// a graceful shutdown waiting on keep-alive connections.
const WRAPPER: &str = r#"
exec 3<&0 </dev/null
"$@" 3<&- &
server=$!
{ while read -r _; do :; done <&3; kill -KILL "$server"; } >/dev/null 2>&1 &
watcher=$!
exec 3<&-
wait "$server"
status=$?
kill "$watcher" 2>/dev/null
exit "$status"
"#;

/// Command-line switches of `prism mock`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PrismOptions {
    /// `--errors`: answer with an error when Prism's own mock response violates the spec.
    pub errors: bool,
    /// `--dynamic`: generate responses from the schemas instead of using the examples.
    pub dynamic: bool,
}

/// A running `prism mock` server, killed on drop.
pub struct Prism {
    /// The `sh` wrapper; Prism itself is its child.
    child: Child,
    base_url: String,
    /// Prism's stdout and stderr, whole lines, in the order they arrived.
    output: Arc<Mutex<String>>,
}

impl Prism {
    /// Starts `prism mock` for the spec on 127.0.0.1 with a free port, waits until it accepts requests.
    pub fn start(spec: &Path, options: PrismOptions) -> Result<Prism, String> {
        let bin = prism_bin()?;
        let mut last_error = String::new();
        for _ in 0..PORT_ATTEMPTS {
            match Self::start_on(&bin, spec, options, free_port()?) {
                Ok(prism) => return Ok(prism),
                // Another process took the port between our probe and Prism's bind: retry.
                Err(e) if e.contains("EADDRINUSE") => last_error = e,
                Err(e) => return Err(e),
            }
        }
        Err(last_error)
    }

    /// One server per (spec, options) per test process, started on first use and shared by all tests in that binary (tests run on threads). Panics with the start error message if it cannot start.
    pub fn shared(spec: &Path, options: PrismOptions) -> &'static Prism {
        type Slot = OnceLock<Result<Prism, String>>;
        static SERVERS: OnceLock<Mutex<HashMap<(PathBuf, PrismOptions), &'static Slot>>> =
            OnceLock::new();
        let key = (
            spec.canonicalize().unwrap_or_else(|_| spec.to_path_buf()),
            options,
        );
        // The map lock is held only to find the slot, so servers for different specs start
        // in parallel while tests wanting the same one wait on its `OnceLock`. A failed start
        // is remembered so that every test reports it instead of each waiting out a timeout.
        let slot: &'static Slot = lock(SERVERS.get_or_init(Default::default))
            .entry(key)
            .or_insert_with(|| Box::leak(Box::default()));
        match slot.get_or_init(|| Prism::start(spec, options)) {
            Ok(prism) => prism,
            Err(e) => panic!("{e}"),
        }
    }

    /// The server's root URL, e.g. `http://127.0.0.1:38211`, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Everything Prism printed so far (stdout+stderr), for asserting that no request validation violation was logged.
    ///
    /// Prism prints a request's log lines asynchronously, so they can arrive after the
    /// client has read the response. This therefore first waits for Prism to log a marker
    /// request (see [`SYNC_PATH`]): once that is printed, so is everything about every
    /// request answered before it. The marker's own lines are left out.
    pub fn output(&self) -> String {
        self.sync();
        lock(&self.output)
            .lines()
            .filter(|line| !line.contains(SYNC_PATH))
            .fold(String::new(), |mut out, line| {
                out.push_str(line);
                out.push('\n');
                out
            })
    }

    /// Lines of [`output`](Self::output) that report a request validation violation.
    ///
    /// Prism 5.16 logs each one as
    /// `[VALIDATOR] ✖  error     Violation: request.body Request body must have required property 'x'`
    /// where the location is `request`, `request.body`, `request.header`, `request.query`
    /// or `request.path`, and the level is `error`, `warning` or `info` by severity; all
    /// levels are included. The same violations go back to the client in the
    /// `sl-violations` response header. Requests Prism cannot route at all (unknown path
    /// or method) are not violations: they get a 404/405 `application/problem+json` answer
    /// and a `Request terminated with error` line.
    pub fn violations(&self) -> Vec<String> {
        self.output()
            .lines()
            .filter(|line| line.contains("[VALIDATOR]"))
            .filter(|line| {
                line.split_once("Violation: request")
                    .is_some_and(|(_, rest)| rest.starts_with([' ', '.']))
            })
            .map(str::to_owned)
            .collect()
    }

    /// Sends a marker request and waits (up to 5 s) until Prism has logged it. Prism logs
    /// from one event loop through one stream, in order, so this is a barrier for all
    /// requests answered before. If the server is gone, nothing more can arrive anyway.
    fn sync(&self) {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let path = format!("{SYNC_PATH}/{}", NEXT.fetch_add(1, Ordering::Relaxed));
        let host = &self.base_url["http://".len()..];
        let sent = TcpStream::connect(host).and_then(|mut stream| {
            stream.set_read_timeout(Some(Duration::from_secs(5)))?;
            write!(
                stream,
                "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
            )?;
            stream.read_to_end(&mut Vec::new())
        });
        if sent.is_err() {
            return;
        }
        // Prism logs "get <path> ... Request received"; the space keeps /1 from matching /10.
        let logged = format!("{path} ");
        let deadline = Instant::now() + Duration::from_secs(5);
        while !lock(&self.output).contains(&logged) && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(5));
        }
    }

    fn start_on(
        bin: &Path,
        spec: &Path,
        options: PrismOptions,
        port: u16,
    ) -> Result<Prism, String> {
        let mut command = Command::new("sh");
        command
            .args(["-c", WRAPPER, "sh"])
            .arg(bin)
            .arg("mock")
            .arg(spec)
            .args(["-p", &port.to_string(), "-h", "127.0.0.1"])
            // Single process, so that killing the one pid stops the server; the default
            // depends on NODE_ENV.
            .arg("--multiprocess=false")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if options.errors {
            command.arg("--errors");
        }
        if options.dynamic {
            command.arg("--dynamic");
        }
        let mut child = command
            .spawn()
            .map_err(|e| format!("cannot run sh to start Prism: {e}"))?;

        // Drain both pipes for the server's whole life so Prism never blocks on a full pipe.
        let output = Arc::new(Mutex::new(String::new()));
        drain(child.stdout.take(), &output);
        drain(child.stderr.take(), &output);

        let mut prism = Prism {
            child,
            base_url: format!("http://127.0.0.1:{port}"),
            output,
        };
        prism.wait_until_ready(port)?;
        Ok(prism)
    }

    /// Waits for Prism's "listening" line on our port, then for a TCP connect to succeed.
    /// The line proves that it is *our* Prism on the port, not some other process.
    fn wait_until_ready(&mut self, port: u16) -> Result<(), String> {
        let listening = format!("Prism is listening on {}", self.base_url);
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                // Give the drain threads a moment to collect Prism's last words.
                thread::sleep(Duration::from_millis(200));
                return Err(format!(
                    "Prism exited during startup ({status}). Its output:\n{}",
                    lock(&self.output)
                ));
            }
            if lock(&self.output).contains(&listening)
                && TcpStream::connect_timeout(&address, Duration::from_secs(1)).is_ok()
            {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "Prism did not start listening on {} within {START_TIMEOUT:?}. Its output:\n{}",
                    self.base_url,
                    lock(&self.output)
                ));
            }
            thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        // Closing the lifeline makes the wrapper kill Prism and exit; reap it so no zombie
        // is left. Should the wrapper be stuck, kill it rather than hang the test.
        drop(self.child.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(10);
        while let Ok(None) = self.child.try_wait() {
            if Instant::now() > deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
    }
}

/// `$PRISM_BIN`, or the copy that `npm ci` installs in the root package.
fn prism_bin() -> Result<PathBuf, String> {
    if let Some(bin) = std::env::var_os("PRISM_BIN") {
        let bin = PathBuf::from(bin);
        if !bin.exists() {
            return Err(format!(
                "PRISM_BIN is {}, which does not exist",
                bin.display()
            ));
        }
        return Ok(bin);
    }
    let root = env!("CARGO_MANIFEST_DIR");
    let bin = Path::new(root).join("node_modules/.bin/prism");
    if !bin.exists() {
        return Err(format!("Prism is not installed: run `npm ci` in {root}"));
    }
    Ok(bin)
}

/// A port that was free a moment ago: the OS picks it, and we release it for Prism.
fn free_port() -> Result<u16, String> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .map_err(|e| format!("cannot find a free port on 127.0.0.1: {e}"))
}

/// Appends whole lines from `pipe` to `output` on a background thread until EOF, so that
/// lines from stdout and stderr never interleave mid-line.
fn drain(pipe: Option<impl Read + Send + 'static>, output: &Arc<Mutex<String>>) {
    let Some(pipe) = pipe else { return };
    let output = Arc::clone(output);
    thread::spawn(move || {
        let mut reader = BufReader::new(pipe);
        let mut line = Vec::new();
        while matches!(reader.read_until(b'\n', &mut line), Ok(n) if n > 0) {
            lock(&output).push_str(&String::from_utf8_lossy(&line));
            line.clear();
        }
    });
}

/// Locks even if a panicking test thread poisoned the mutex: the text is still valid.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
