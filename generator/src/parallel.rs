//! The generator's one kind of parallelism: independent jobs spread over a
//! few scoped threads, their results kept in the jobs' order so that the
//! output never depends on which thread did what.

use std::sync::atomic::{AtomicUsize, Ordering};

/// How many threads a parallel stage uses: the machine's parallelism, up
/// to 8 (more gain little: parsing and formatting allocate heavily).
pub(crate) fn worker_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// Runs `work` on every input, on `threads` threads (this one alone when
/// `threads` is 1), and returns the results in the inputs' order. Each
/// thread takes the next input until none is left, so a slow input does
/// not hold up a whole share of them.
pub(crate) fn map_in_order<T: Sync, R: Send>(
    inputs: &[T],
    threads: usize,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let worker = || {
        let mut done = Vec::new();
        loop {
            let position = next.fetch_add(1, Ordering::Relaxed);
            let Some(input) = inputs.get(position) else {
                break;
            };
            done.push((position, work(input)));
        }
        done
    };
    let mut by_position = if threads <= 1 {
        worker()
    } else {
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads).map(|_| scope.spawn(worker)).collect();
            workers
                .into_iter()
                .flat_map(|worker| {
                    // A panic in a worker is a bug of the generator's: pass
                    // it on as it is, as it would be without threads.
                    worker
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect::<Vec<_>>()
        })
    };
    by_position.sort_unstable_by_key(|(position, _)| *position);
    by_position.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_inputs_order_whatever_the_threads() {
        let inputs: Vec<u32> = (0..100).collect();
        for threads in [1, 2, 7] {
            let squares = map_in_order(&inputs, threads, |n| n * n);
            assert_eq!(squares, inputs.iter().map(|n| n * n).collect::<Vec<_>>());
        }
        assert!(map_in_order(&[] as &[u32], 3, |n| *n).is_empty());
    }
}
