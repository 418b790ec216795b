//! A loopback HTTP server that answers every request with one canned
//! response and hands the requests it received to the test.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

/// A request as it reached the server.
#[derive(Debug)]
pub struct Captured {
    /// E.g. `GET /orders/a%2Fb HTTP/1.1`.
    pub request_line: String,
    /// Header names in lower case, in arrival order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Captured {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Everything that went over the wire, as text.
    pub fn raw(&self) -> String {
        let headers: Vec<String> = self
            .headers
            .iter()
            .map(|(n, v)| format!("{n}: {v}"))
            .collect();
        format!(
            "{}\n{}\n\n{}",
            self.request_line,
            headers.join("\n"),
            String::from_utf8_lossy(&self.body)
        )
    }
}

/// One canned response.
pub struct Canned {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
    /// Extra header lines, each ending in `\r\n`.
    pub extra_headers: String,
}

impl Canned {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            content_type: content_type.to_owned(),
            body: body.into(),
            extra_headers: String::new(),
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.extra_headers.push_str(&format!("{name}: {value}\r\n"));
        self
    }
}

pub struct CaptureServer {
    pub base_url: String,
    requests: Receiver<Captured>,
}

impl CaptureServer {
    /// Serves `status` with `body` (and an `x-request-id: req_capture_1`
    /// header) to every request, on a background thread.
    pub fn start(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self::scripted(vec![Canned::new(status, content_type, body)])
    }

    /// Serves the responses in order, the last one to every further request.
    pub fn scripted(script: Vec<Canned>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let base_url = format!("http://{}", listener.local_addr().expect("local address"));
        let (sender, requests) = channel();
        std::thread::spawn(move || {
            for (index, stream) in listener.incoming().enumerate() {
                let Ok(mut stream) = stream else { return };
                let Some(captured) = read_request(&mut stream) else {
                    continue;
                };
                let canned = &script[index.min(script.len() - 1)];
                let head = format!(
                    "HTTP/1.1 {} Canned\r\ncontent-type: {}\r\ncontent-length: {}\r\nx-request-id: req_capture_1\r\nconnection: close\r\n{}\r\n",
                    canned.status,
                    canned.content_type,
                    canned.body.len(),
                    canned.extra_headers
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&canned.body);
                if sender.send(captured).is_err() {
                    return;
                }
            }
        });
        Self { base_url, requests }
    }

    /// The next request the server received.
    pub fn next_request(&self) -> Captured {
        self.requests
            .recv_timeout(Duration::from_secs(10))
            .expect("the server received a request")
    }

    /// Whether any request arrived within `wait`.
    pub fn received_any(&self, wait: Duration) -> bool {
        self.requests.recv_timeout(wait).is_ok()
    }
}

pub fn read_request(stream: &mut std::net::TcpStream) -> Option<Captured> {
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).ok()?;
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Captured {
        request_line: request_line.trim_end().to_owned(),
        headers,
        body,
    })
}
