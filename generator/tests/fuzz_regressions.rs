//! Every input in `tests/fuzz-regressions/`: crashes the fuzzer found
//! (`scripts/fuzz`), minimized, and hand-made hostile specs. Each must get an
//! answer from load + generate, `Ok` or `Err`, and never a panic; nor
//! `Error::Internal`, which is the generator's own fault (as in the fuzz
//! target).
//!
//! Each input runs on its own thread with a fixed stack, so that a stack
//! overflow aborts this test binary with "thread '<file name>' has overflowed
//! its stack" rather than passing. Optimized (`cargo test --release`), that
//! stack is 2 MiB, as in the fuzz target: the size of a thread the standard
//! library spawns (the generator's own render threads) and of a Tokio worker,
//! either of which may run the generator. Unoptimized frames are several times
//! larger (`deep-nesting-120-array-items.yaml` needs 3 to 4 MiB unoptimized,
//! under 2 MiB optimized), so a debug build gets 8 MiB: the main thread's
//! size, where an unoptimized build script runs the generator. Unbounded
//! recursion overflows either.

use std::path::{Path, PathBuf};
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

const STACK: usize = if cfg!(debug_assertions) {
    8 << 20
} else {
    2 << 20
};

/// Generous for a debug build on a loaded machine; the fuzzer's limit is 20 s
/// on an optimized build.
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// The inputs in `tests/fuzz-regressions/`, in name order.
fn inputs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file() && path.file_name().is_some_and(|name| name != "README.md"))
        .collect();
    inputs.sort();
    inputs
}

/// What the fuzz target does, with the outcome described for the log; an
/// internal error is the `Err`.
fn run(bytes: &[u8]) -> Result<String, String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok("not UTF-8".to_owned());
    };
    let spec = match generator::load::load_str(text, None) {
        Ok(spec) => spec,
        Err(generator::Error::Internal(message)) => return Err(message),
        Err(error) => return Ok(format!("load error: {error}")),
    };
    for warning in &spec.warnings {
        let _ = warning.to_string();
    }
    match generator::Generator::new("api").threads(1).generate(&spec) {
        Ok(generated) => {
            for warning in generated.warnings() {
                let _ = warning.to_string();
            }
            Ok(format!(
                "generated {} files, {} warnings",
                generated.files.len(),
                generated.warnings().len()
            ))
        }
        Err(generator::Error::Internal(message)) => Err(message),
        Err(error) => Ok(format!("generate error: {error}")),
    }
}

#[test]
fn every_fuzz_regression_gets_an_answer() {
    let inputs = inputs();
    assert!(!inputs.is_empty(), "no inputs in tests/fuzz-regressions/");
    check(inputs);
}

fn check(inputs: Vec<PathBuf>) {
    let mut failures = Vec::new();
    for path in inputs {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let started = Instant::now();
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name(name.clone())
            .stack_size(STACK)
            .spawn(move || sender.send(run(&bytes)))
            .unwrap();
        // A hang is left running (the binary exits when the test ends).
        match receiver.recv_timeout(TIME_LIMIT) {
            Ok(Ok(answer)) => {
                let first_line = answer.lines().next().unwrap_or_default();
                eprintln!("{name}: {first_line} ({:.2?})", started.elapsed());
            }
            Ok(Err(internal)) => failures.push(format!("{name}: internal error: {internal}")),
            Err(RecvTimeoutError::Timeout) => {
                failures.push(format!("{name}: no answer in {TIME_LIMIT:?}"));
            }
            // The panic message is already on stderr, under the thread's name.
            Err(RecvTimeoutError::Disconnected) => failures.push(format!("{name}: panicked")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
