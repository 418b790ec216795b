//! Bytes -> spec text -> load -> lower -> emit -> format. An `Err` is a fine
//! answer to hostile input; a panic, abort, stack overflow or timeout is a bug,
//! and so is `Error::Internal`: by definition the generator's own fault (code
//! it emitted that does not parse), so the target panics on it. Every error
//! and warning is rendered too, so their `Display` is fuzzed.
//!
//! Each input runs on a thread with a 2 MiB stack, the size of a thread the
//! standard library spawns (the generator's own render threads) and of a
//! Tokio worker, the same as `generator/tests/fuzz_regressions.rs`: recursion
//! that only fits in the main thread's 8 MiB is found here too.
#![no_main]

use libfuzzer_sys::fuzz_target;

const STACK: usize = 2 << 20;

fn run(text: &str) {
    let spec = match generator::load::load_str(text, None) {
        Ok(spec) => spec,
        Err(error) => {
            std::hint::black_box(error.to_string());
            return;
        }
    };
    for warning in &spec.warnings {
        std::hint::black_box(warning.to_string());
    }
    match generator::Generator::new("api").threads(1).generate(&spec) {
        Ok(generated) => {
            for warning in generated.warnings() {
                std::hint::black_box(warning.to_string());
            }
        }
        Err(generator::Error::Internal(message)) => {
            panic!("internal error on input that loaded: {message}")
        }
        Err(error) => {
            std::hint::black_box(error.to_string());
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // libfuzzer-sys's panic hook aborts the process from whichever thread
    // panics, so a panic here is reported as a crash with this input.
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(STACK)
            .spawn_scoped(scope, || run(text))
            .expect("spawn the fuzzing thread")
            .join()
            .expect("the fuzzing thread panicked");
    });
});
