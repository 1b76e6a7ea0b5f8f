//! When each request arrived: a timestamped log of every request the server
//! counted (REST methods by name, `upload`, `replace`, `oauth.*`), for tests
//! that check pacing (the quota governor) rather than totals.

use std::time::Instant;

/// One request, as it arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrival {
    /// When the server read it (this process's monotonic clock).
    pub at: Instant,
    /// What was asked: a method name (`flickr.test.echo`), `upload`,
    /// `replace` or `oauth.request_token` & co.
    pub what: String,
}

/// Arrivals in order.
#[derive(Debug, Default)]
pub struct RequestLog {
    arrivals: Vec<Arrival>,
}

impl RequestLog {
    /// Notes a request to `what` arriving now.
    pub fn record(&mut self, what: &str) {
        self.arrivals.push(Arrival {
            at: Instant::now(),
            what: what.to_owned(),
        });
    }

    /// Every arrival so far, oldest first.
    pub fn arrivals(&self) -> &[Arrival] {
        &self.arrivals
    }
}

/// The most arrivals (given as sorted times) inside any window of length
/// `window` (both ends included), with the time the busiest window starts.
pub fn busiest_window(times: &[Instant], window: std::time::Duration) -> (usize, Option<Instant>) {
    let mut best = (0, None);
    let mut end = 0;
    for (start, &t0) in times.iter().enumerate() {
        if end < start {
            end = start;
        }
        while end < times.len() && times[end].saturating_duration_since(t0) <= window {
            end += 1;
        }
        if end - start > best.0 {
            best = (end - start, Some(t0));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_busiest_window_is_found() {
        let t = Instant::now();
        let ms = |n| t + Duration::from_millis(n);
        let times = [ms(0), ms(10), ms(20), ms(500), ms(501), ms(502), ms(503)];
        assert_eq!(
            busiest_window(&times, Duration::from_millis(5)),
            (4, Some(ms(500)))
        );
        assert_eq!(busiest_window(&times, Duration::from_millis(20)).0, 4);
        assert_eq!(busiest_window(&times, Duration::from_millis(1000)).0, 7);
        assert_eq!(busiest_window(&[], Duration::from_millis(1)), (0, None));
        let mut log = RequestLog::default();
        log.record("flickr.test.echo");
        assert_eq!(log.arrivals()[0].what, "flickr.test.echo");
    }
}
