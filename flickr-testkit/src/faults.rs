//! Scripted misbehaviour: per method (or endpoint), the next N requests get
//! an HTTP 5xx, a 429 with `Retry-After`, an API error such as 105, a slow
//! answer, or a dropped connection.
//!
//! Targets are method names (case-insensitive, e.g. `flickr.photos.search`),
//! `upload`, `replace`, `oauth.request_token`, `oauth.access_token`, or `*`
//! for every REST method.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

/// One kind of misbehaviour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Answer with this HTTP status (e.g. 500, 502, 503) and a short HTML body.
    Status(u16),
    /// Answer HTTP 429 with `Retry-After: <seconds>`.
    RateLimited {
        /// The `Retry-After` value in seconds.
        retry_after: u64,
    },
    /// Answer `stat=fail` with this code and message (e.g. 105, "Service currently unavailable").
    Api {
        /// Flickr error code.
        code: u32,
        /// Flickr error message.
        message: String,
    },
    /// Wait this long, then answer normally.
    Slow(Duration),
    /// Close the connection without answering; the request has no effect.
    Drop,
    /// Carry out the request (a write takes effect), then close the
    /// connection without answering: what a client sees when the network
    /// fails after the server did the work.
    DropAfterEffect,
    /// Static host only: send the headers with the full `Content-Length`,
    /// then part of the body, then close the connection (a reset mid-file).
    /// Elsewhere it acts as [`Fault::Drop`].
    Truncate,
}

impl Fault {
    /// Flickr's "105: Service currently unavailable".
    pub fn unavailable() -> Fault {
        Fault::Api {
            code: 105,
            message: "Service currently unavailable".to_owned(),
        }
    }
}

/// Pending faults per target.
#[derive(Debug, Default)]
pub struct Faults {
    queues: HashMap<String, VecDeque<(Fault, u32)>>,
    periodic: HashMap<String, Periodic>,
}

/// Every `every`-th request to a target gets the next fault of `faults`, in turn.
#[derive(Debug)]
struct Periodic {
    faults: Vec<Fault>,
    every: u64,
    seen: u64,
    next: usize,
}

impl Faults {
    /// Queues `fault` for the next `times` requests to `target`.
    pub fn push(&mut self, target: &str, fault: Fault, times: u32) {
        if times == 0 {
            return;
        }
        self.queues
            .entry(target.to_lowercase())
            .or_default()
            .push_back((fault, times));
    }

    /// From now on, every `every`-th request to `target` gets one of `faults`
    /// (used in turn): a steady rate of failures (`every` 20 is 5 %),
    /// deterministic so a test is repeatable. `every` 0 or no faults stops it.
    pub fn every(&mut self, target: &str, every: u64, faults: Vec<Fault>) {
        let key = target.to_lowercase();
        if every == 0 || faults.is_empty() {
            self.periodic.remove(&key);
            return;
        }
        self.periodic.insert(
            key,
            Periodic {
                faults,
                every,
                seen: 0,
                next: 0,
            },
        );
    }

    /// Takes the fault for one request to `target` (its own queue first, then `*`
    /// for REST methods, then the periodic faults in the same order).
    pub fn take(&mut self, target: &str, rest: bool) -> Option<Fault> {
        let key = target.to_lowercase();
        if let Some(f) = Self::take_from(&mut self.queues, &key) {
            return Some(f);
        }
        if rest {
            if let Some(f) = Self::take_from(&mut self.queues, "*") {
                return Some(f);
            }
        }
        if let Some(f) = self.periodic.get_mut(&key).and_then(Periodic::tick) {
            return Some(f);
        }
        if rest {
            return self.periodic.get_mut("*").and_then(Periodic::tick);
        }
        None
    }

    fn take_from(queues: &mut HashMap<String, VecDeque<(Fault, u32)>>, key: &str) -> Option<Fault> {
        let queue = queues.get_mut(key)?;
        let (fault, left) = queue.front_mut()?;
        let fault = fault.clone();
        *left -= 1;
        if *left == 0 {
            queue.pop_front();
        }
        Some(fault)
    }

    /// Forgets every pending and periodic fault.
    pub fn clear(&mut self) {
        self.queues.clear();
        self.periodic.clear();
    }
}

impl Periodic {
    fn tick(&mut self) -> Option<Fault> {
        self.seen += 1;
        if !self.seen.is_multiple_of(self.every) {
            return None;
        }
        let fault = self.faults[self.next % self.faults.len()].clone();
        self.next += 1;
        Some(fault)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_are_used_up_in_order() {
        let mut f = Faults::default();
        f.push("flickr.photos.search", Fault::Status(503), 2);
        f.push("flickr.photos.search", Fault::unavailable(), 1);
        f.push("*", Fault::Drop, 1);
        let mut seen = Vec::new();
        while let Some(x) = f.take("flickr.PHOTOS.search", true) {
            seen.push(x);
        }
        assert_eq!(
            seen,
            vec![
                Fault::Status(503),
                Fault::Status(503),
                Fault::unavailable(),
                Fault::Drop
            ]
        );
        assert_eq!(f.take("upload", false), None);
    }

    #[test]
    fn periodic_faults_hit_every_nth_request_in_turn() {
        let mut f = Faults::default();
        f.every("static", 3, vec![Fault::Status(503), Fault::Truncate]);
        let got: Vec<Option<Fault>> = (0..7).map(|_| f.take("static", false)).collect();
        assert_eq!(
            got,
            vec![
                None,
                None,
                Some(Fault::Status(503)),
                None,
                None,
                Some(Fault::Truncate),
                None
            ]
        );
        f.every("*", 2, vec![Fault::unavailable()]);
        assert_eq!(f.take("flickr.photos.search", true), None);
        assert_eq!(
            f.take("flickr.photos.search", true),
            Some(Fault::unavailable())
        );
        assert_eq!(f.take("upload", false), None);
        f.clear();
        assert_eq!(f.take("static", false), None);
    }
}
