//! Generation, isolated per spec.
//!
//! The harness re-runs its own executable as a worker process (`corpus
//! __worker`) and hands it one spec at a time on stdin. The worker generates
//! in-process, behind `catch_unwind`, and answers with one line of JSON. The
//! parent gives each spec a time limit: past it, the worker is killed and the
//! spec is a hang. A worker that dies (a stack overflow or an abort cannot be
//! caught) makes its spec a crash, with the worker's last stderr lines; a
//! fresh worker takes the next spec. So no spec can take the run down with it.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::specs::Spec;

/// Marks the worker's protocol lines on stdout.
const PREFIX: &str = "@@corpus ";

/// What generating one spec came to.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Files were written.
    Generated {
        /// The generator's warnings (degradations), as displayed.
        warnings: Vec<String>,
        /// Bytes of generated code, the runtime excluded.
        bytes: u64,
        /// Types in the model.
        types: usize,
        /// Operations in the model.
        operations: usize,
    },
    /// The generator returned an error: a refusal with a message.
    Refused {
        /// The message, as displayed.
        message: String,
    },
    /// A panic (caught), or the worker process died.
    Crashed {
        /// The panic message and location, or how the process ended.
        message: String,
    },
    /// No answer within the time limit.
    Hung {
        /// The limit.
        seconds: u64,
    },
}

/// One spec's generation.
#[derive(Debug, Clone)]
pub struct Generation {
    /// What happened.
    pub outcome: Outcome,
    /// The version the spec declares (`3.0.0`, `3.1.0`, `swagger 2.0`).
    pub declared: Option<String>,
    /// How long it took.
    pub millis: u64,
}

// ---------------------------------------------------------------- worker --

static PANIC: Mutex<Option<String>> = Mutex::new(None);

/// The worker process: reads `id<TAB>spec path` lines, writes each spec's
/// files into `<gen_root>/<id>/`, answers with a JSON line per spec.
pub fn worker(gen_root: &Path) -> std::process::ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(a panic without a message)".to_owned());
        let location = info
            .location()
            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
            .unwrap_or_else(|| "an unknown location".to_owned());
        let text = format!("panicked at {location}: {message}");
        if let Ok(mut slot) = PANIC.lock() {
            *slot = Some(text);
        }
    }));
    let stdin = std::io::stdin();
    let mut stdout = std::io::stdout();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        let Some((id, path)) = line.split_once('\t') else {
            continue;
        };
        let started = Instant::now();
        let _ = writeln!(stdout, "{PREFIX}{}", json!({"event": "start", "id": id}));
        let _ = stdout.flush();
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| {
            generate_one(Path::new(path), &gen_root.join(id))
        }));
        let mut answer = match result {
            Ok(answer) => answer,
            Err(_) => {
                let message = PANIC
                    .lock()
                    .ok()
                    .and_then(|mut slot| slot.take())
                    .unwrap_or_else(|| "panicked".to_owned());
                json!({"status": "crashed", "message": message})
            }
        };
        answer["event"] = json!("done");
        answer["id"] = json!(id);
        answer["millis"] = json!(started.elapsed().as_millis() as u64);
        let _ = writeln!(stdout, "{PREFIX}{answer}");
        let _ = stdout.flush();
    }
    std::process::ExitCode::SUCCESS
}

fn generate_one(spec: &Path, dir: &Path) -> Value {
    // A spec file that cannot be read is the harness's problem (the package
    // was removed or reinstalled under a running harness), not a refusal.
    let text = match std::fs::read_to_string(spec) {
        Ok(text) => text,
        Err(error) => {
            return json!({"status": "unreadable", "message": format!("{}: {error}", spec.display())});
        }
    };
    let declared = crate::specs::declared_version(&text);
    drop(text);
    let _ = std::fs::remove_dir_all(dir);
    let generated = generator::load::load_file(spec)
        .and_then(|loaded| generator::Generator::new("api").generate(&loaded))
        .and_then(|generated| {
            std::fs::create_dir_all(dir).map_err(|source| generator::Error::Io {
                path: dir.to_owned(),
                source,
            })?;
            generated.write_to(dir)?;
            Ok(generated)
        });
    match generated {
        Ok(generated) => {
            let bytes: usize = generated
                .files
                .iter()
                .filter(|(name, _)| !generator::runtime_files::is_runtime_file(name))
                .map(|(_, code)| code.len())
                .sum();
            let warnings: Vec<String> = generated
                .warnings()
                .iter()
                .map(ToString::to_string)
                .collect();
            json!({
                "status": "generated",
                "declared": declared,
                "warnings": warnings,
                "bytes": bytes,
                "types": generated.api.types.len(),
                "operations": generated.api.operations.len(),
            })
        }
        Err(error) => {
            json!({"status": "refused", "declared": declared, "message": error.to_string()})
        }
    }
}

// ---------------------------------------------------------------- parent --

/// Runs the specs through `jobs` worker processes; calls `progress` after
/// each spec. Results come back in the order of `specs`.
pub fn generate_all(
    specs: &[Spec],
    gen_root: &Path,
    jobs: usize,
    limit: Duration,
    progress: &(dyn Fn(&Spec, &Generation) + Sync),
) -> Result<Vec<Generation>, String> {
    std::fs::create_dir_all(gen_root)
        .map_err(|e| format!("cannot create {}: {e}", gen_root.display()))?;
    let exe = std::env::current_exe().map_err(|e| format!("cannot find the harness: {e}"))?;
    let queue: Mutex<VecDeque<usize>> = Mutex::new((0..specs.len()).collect());
    let results: Mutex<Vec<Option<Generation>>> = Mutex::new(vec![None; specs.len()]);
    let failure: Mutex<Option<String>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            scope.spawn(|| {
                let mut worker: Option<Worker> = None;
                // The guard is dropped inside `and_then`, before the body runs.
                while let Some(next) = queue.lock().ok().and_then(|mut q| q.pop_front()) {
                    let spec = &specs[next];
                    let result = run_one(&exe, gen_root, &mut worker, spec, limit);
                    match result {
                        Ok(generation) => {
                            progress(spec, &generation);
                            if let Ok(mut results) = results.lock() {
                                results[next] = Some(generation);
                            }
                        }
                        Err(message) => {
                            if let Ok(mut slot) = failure.lock() {
                                slot.get_or_insert(message);
                            }
                            if let Ok(mut q) = queue.lock() {
                                q.clear();
                            }
                        }
                    }
                }
                if let Some(worker) = worker {
                    worker.finish();
                }
            });
        }
    });
    if let Some(message) = failure.into_inner().unwrap_or_default() {
        return Err(message);
    }
    Ok(results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .map(|r| r.expect("every spec has a result"))
        .collect())
}

struct Worker {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<Value>,
    stderr: Arc<Mutex<String>>,
    stderr_reader: JoinHandle<()>,
}

impl Worker {
    fn spawn(exe: &Path, gen_root: &Path) -> Result<Self, String> {
        let mut child = Command::new(exe)
            .arg("__worker")
            .arg(gen_root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start a worker ({}): {e}", exe.display()))?;
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut stderr_pipe = child.stderr.take().expect("piped stderr");
        let (sender, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let value = line
                    .strip_prefix(PREFIX)
                    .and_then(|json| serde_json::from_str::<Value>(json).ok());
                if let Some(value) = value {
                    if sender.send(value).is_err() {
                        break;
                    }
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&stderr);
        let stderr_reader = std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n) = stderr_pipe.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                if let Ok(mut text) = sink.lock() {
                    text.push_str(&String::from_utf8_lossy(&buffer[..n]));
                    if text.len() > 16_384 {
                        let cut = text.len() - 8_192;
                        let cut = (cut..text.len())
                            .find(|&i| text.is_char_boundary(i))
                            .unwrap_or(0);
                        text.drain(..cut);
                    }
                }
            }
        });
        Ok(Self {
            child,
            stdin,
            lines,
            stderr,
            stderr_reader,
        })
    }

    /// Ends a worker that died or hung; returns how it ended and the tail of
    /// its stderr.
    fn kill(mut self) -> String {
        let _ = self.child.kill();
        let status = self
            .child
            .wait()
            .map_or_else(|e| format!("unknown ({e})"), describe_exit);
        let _ = self.stderr_reader.join();
        let stderr = self.stderr.lock().map(|s| s.clone()).unwrap_or_default();
        let tail: Vec<&str> = stderr
            .lines()
            .filter(|l| !l.trim().is_empty())
            .rev()
            .take(3)
            .collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        if tail.is_empty() {
            format!("the worker process {status}")
        } else {
            format!("the worker process {status}: {}", tail.join(" | "))
        }
    }

    fn finish(self) {
        drop(self.stdin);
        let mut child = self.child;
        let _ = child.wait();
    }
}

fn describe_exit(status: std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            let name = match signal {
                6 => "SIGABRT",
                9 => "SIGKILL",
                11 => "SIGSEGV",
                7 => "SIGBUS",
                _ => "a signal",
            };
            return format!("was killed by {name} ({signal})");
        }
    }
    match status.code() {
        Some(code) => format!("exited with code {code}"),
        None => "ended".to_owned(),
    }
}

fn run_one(
    exe: &Path,
    gen_root: &Path,
    slot: &mut Option<Worker>,
    spec: &Spec,
    limit: Duration,
) -> Result<Generation, String> {
    let id = spec.id();
    let mut attempts = 0;
    let worker = loop {
        attempts += 1;
        if slot.is_none() {
            *slot = Some(Worker::spawn(exe, gen_root)?);
        }
        let worker = slot.as_mut().expect("just spawned");
        let file = absolute(&spec.file);
        if writeln!(worker.stdin, "{id}\t{}", file.display())
            .and_then(|()| worker.stdin.flush())
            .is_ok()
        {
            break worker;
        }
        // The worker is gone (it died after its last answer): start another.
        if let Some(dead) = slot.take() {
            dead.kill();
        }
        if attempts >= 3 {
            return Err("worker processes die before taking a spec".to_owned());
        }
    };
    let started = Instant::now();
    let deadline = started + limit;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match worker.lines.recv_timeout(left) {
            Ok(line) if line["status"] == "unreadable" => {
                return Err(format!(
                    "cannot read a spec, so the run stops: {} (was node_modules reinstalled, e.g. by `npm ci`, while the harness ran?)",
                    line["message"].as_str().unwrap_or_default()
                ));
            }
            Ok(line) if line["event"] == "done" && line["id"] == id.as_str() => {
                let mut generation = parse_answer(&line);
                if generation.declared.is_none() {
                    generation.declared = declared_of(&spec.file);
                }
                return Ok(generation);
            }
            Ok(_) => {}
            Err(RecvTimeoutError::Timeout) => {
                if let Some(hung) = slot.take() {
                    hung.kill();
                }
                return Ok(Generation {
                    outcome: Outcome::Hung {
                        seconds: limit.as_secs(),
                    },
                    declared: declared_of(&spec.file),
                    millis: started.elapsed().as_millis() as u64,
                });
            }
            Err(RecvTimeoutError::Disconnected) => {
                let how = slot.take().map(Worker::kill).unwrap_or_default();
                return Ok(Generation {
                    outcome: Outcome::Crashed { message: how },
                    declared: declared_of(&spec.file),
                    millis: started.elapsed().as_millis() as u64,
                });
            }
        }
    }
}

fn declared_of(file: &Path) -> Option<String> {
    std::fs::read_to_string(file)
        .ok()
        .and_then(|text| crate::specs::declared_version(&text))
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}

fn parse_answer(line: &Value) -> Generation {
    let text = |key: &str| line[key].as_str().unwrap_or_default().to_owned();
    let outcome = match line["status"].as_str() {
        Some("generated") => Outcome::Generated {
            warnings: line["warnings"]
                .as_array()
                .map(|w| {
                    w.iter()
                        .filter_map(|w| w.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
            bytes: line["bytes"].as_u64().unwrap_or_default(),
            types: line["types"].as_u64().unwrap_or_default() as usize,
            operations: line["operations"].as_u64().unwrap_or_default() as usize,
        },
        Some("refused") => Outcome::Refused {
            message: text("message"),
        },
        _ => Outcome::Crashed {
            message: text("message"),
        },
    };
    Generation {
        outcome,
        declared: line["declared"].as_str().map(str::to_owned),
        millis: line["millis"].as_u64().unwrap_or_default(),
    }
}
