//! A loopback fault server: each connection gets the next reply of a
//! script (the last one repeats), which can be a normal response or a fault:
//! no answer at all, a body that stalls or stops half way, an answer that
//! comes late. Every request that arrives is recorded.

#![allow(dead_code)]

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use super::capture::{Captured, read_request};

/// How long a connection that hangs or stalls is held open: longer than any
/// timeout the tests use, short enough that nothing outlives the test run.
const HOLD: Duration = Duration::from_secs(20);

#[derive(Clone, Copy, Debug)]
enum Framing {
    /// `Content-Length`, then the whole body.
    Complete,
    /// No `Content-Length`: the body ends when the connection closes.
    UntilClose,
    /// Read the request, answer nothing.
    Hang,
    /// Announce the whole body, send this many bytes, then stall.
    StallAfter(usize),
    /// Announce the whole body, send this many bytes, then close.
    CloseAfter(usize),
}

/// One scripted reply.
#[derive(Clone, Debug)]
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    framing: Framing,
    delay: Duration,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers: vec![("content-type".to_owned(), content_type.to_owned())],
            body: body.into(),
            framing: Framing::Complete,
            delay: Duration::ZERO,
        }
    }

    pub fn json(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self::new(status, "application/json", body)
    }

    /// Reads the request and never answers.
    pub fn hang() -> Self {
        Self {
            framing: Framing::Hang,
            ..Self::new(200, "application/json", "")
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sends no `Content-Length`; the body ends when the connection closes.
    pub fn until_close(mut self) -> Self {
        self.framing = Framing::UntilClose;
        self
    }

    /// Sends the head and the first `bytes` of the body, then stalls.
    pub fn stall_after(mut self, bytes: usize) -> Self {
        self.framing = Framing::StallAfter(bytes);
        self
    }

    /// Sends the head and the first `bytes` of the body, then closes.
    pub fn close_after(mut self, bytes: usize) -> Self {
        self.framing = Framing::CloseAfter(bytes);
        self
    }

    /// Waits this long before answering.
    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

pub struct FaultServer {
    pub base_url: String,
    received: Arc<Mutex<Vec<Captured>>>,
}

impl FaultServer {
    pub fn start(script: Vec<Reply>) -> Self {
        assert!(!script.is_empty(), "a script needs a reply");
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let base_url = format!("http://{}", listener.local_addr().expect("local address"));
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&received);
        std::thread::spawn(move || {
            for (index, stream) in listener.incoming().enumerate() {
                let Ok(stream) = stream else { return };
                let reply = script[index.min(script.len() - 1)].clone();
                let log = Arc::clone(&log);
                std::thread::spawn(move || serve(stream, &reply, index + 1, &log));
            }
        });
        Self { base_url, received }
    }

    /// The requests received so far, in arrival order.
    pub fn requests(&self) -> MutexGuard<'_, Vec<Captured>> {
        self.received.lock().unwrap()
    }

    /// How many requests arrived so far.
    pub fn count(&self) -> usize {
        self.requests().len()
    }

    /// How many requests arrived after waiting `settle` for stragglers.
    pub fn count_after(&self, settle: Duration) -> usize {
        std::thread::sleep(settle);
        self.count()
    }
}

fn serve(mut stream: TcpStream, reply: &Reply, number: usize, log: &Mutex<Vec<Captured>>) {
    let Some(captured) = read_request(&mut stream) else {
        return;
    };
    log.lock().unwrap().push(captured);
    std::thread::sleep(reply.delay);
    if let Framing::Hang = reply.framing {
        std::thread::sleep(HOLD);
        return;
    }
    let mut head = format!(
        "HTTP/1.1 {} Fault\r\nx-request-id: req_fault_{number}\r\nconnection: close\r\n",
        reply.status
    );
    if !matches!(reply.framing, Framing::UntilClose) {
        head.push_str(&format!("content-length: {}\r\n", reply.body.len()));
    }
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    match reply.framing {
        Framing::Complete | Framing::UntilClose => {
            let _ = stream.write_all(&reply.body);
        }
        Framing::StallAfter(bytes) => {
            let _ = stream.write_all(&reply.body[..bytes.min(reply.body.len())]);
            let _ = stream.flush();
            std::thread::sleep(HOLD);
        }
        Framing::CloseAfter(bytes) => {
            let _ = stream.write_all(&reply.body[..bytes.min(reply.body.len())]);
        }
        Framing::Hang => unreachable!(),
    }
    let _ = stream.flush();
    let _ = stream.shutdown(std::net::Shutdown::Both);
}
