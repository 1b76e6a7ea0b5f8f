//! How long each stage of a run took, for the report: where a slow run
//! spends its time is then visible without a profiler (`flickr backup
//! --json` prints them; `scripts/bench-backup.sh` shows them).

use std::time::Instant;

use serde::Serialize;

use crate::events::Stage;

/// One stage's wall time.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Lap {
    /// The stage.
    pub stage: Stage,
    /// Seconds it took.
    pub seconds: f64,
}

/// A stopwatch that records a [`Lap`] each time a stage ends.
#[derive(Debug)]
pub(crate) struct Laps {
    since: Instant,
    laps: Vec<Lap>,
}

impl Laps {
    /// Starts timing the first stage.
    pub fn start() -> Laps {
        Laps {
            since: Instant::now(),
            laps: Vec::new(),
        }
    }

    /// Ends the current stage as `stage` and starts the next.
    pub fn lap(&mut self, stage: Stage) {
        let now = Instant::now();
        self.laps.push(Lap {
            stage,
            seconds: (now - self.since).as_secs_f64(),
        });
        self.since = now;
    }

    /// The laps recorded.
    pub fn into_laps(self) -> Vec<Lap> {
        self.laps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn laps_are_recorded_in_order_and_each_starts_where_the_last_ended() {
        let mut laps = Laps::start();
        laps.lap(Stage::Photos);
        std::thread::sleep(std::time::Duration::from_millis(5));
        laps.lap(Stage::Files);
        let got = laps.into_laps();
        assert_eq!(
            got.iter().map(|l| l.stage).collect::<Vec<_>>(),
            [Stage::Photos, Stage::Files]
        );
        // The second lap holds the sleep (a lower bound: never a timing race).
        assert!(got[1].seconds >= 0.005, "{got:?}");
    }
}
