//! A scenario run once per test binary, whose cases each check one of its
//! outcomes: [`run_once`].

use std::panic::{catch_unwind, UnwindSafe};
use std::sync::OnceLock;

/// The outcome of a scenario kept in a `static`: what it recorded, `None`
/// when it was skipped (a server missing and not required), or the message
/// it failed with.
pub type Once<T> = OnceLock<Result<Option<T>, String>>;

/// Runs `scenario` the first time any case asks, and gives every case what
/// it recorded (`None`: skipped).
///
/// A scenario that panics is not run again for the next case (a
/// `OnceLock` alone would run it once per case, restarting its servers
/// each time): every case fails with its message.
///
/// # Panics
/// When the scenario failed, with `what` and its message.
pub fn run_once<T: Sync + Send>(
    cell: &'static Once<T>,
    what: &str,
    scenario: impl FnOnce() -> Option<T> + UnwindSafe,
) -> Option<&'static T> {
    let ran = cell.get_or_init(|| catch_unwind(scenario).map_err(|e| panic_message(&*e)));
    match ran {
        Ok(recorded) => recorded.as_ref(),
        Err(why) => panic!("{what} failed: {why}"),
    }
}

/// The text a panic carried (`panic!` gives a `String` or a `&str`).
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scenario_runs_once_and_its_failure_fails_every_case_with_its_message() {
        static RAN: Once<u32> = OnceLock::new();
        static COUNT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let count = || COUNT.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
        assert_eq!(run_once(&RAN, "counting", || Some(count())), Some(&1));
        assert_eq!(run_once(&RAN, "counting", || Some(count())), Some(&1));

        static FAILED: Once<u32> = OnceLock::new();
        for _ in 0..2 {
            let err = catch_unwind(|| run_once(&FAILED, "the broken run", || panic!("no server")))
                .unwrap_err();
            assert_eq!(panic_message(&*err), "the broken run failed: no server");
        }
    }
}
