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

    /// Takes the fault for one request to `target` (its own queue first, then `*`
    /// for REST methods).
    pub fn take(&mut self, target: &str, rest: bool) -> Option<Fault> {
        let key = target.to_lowercase();
        if let Some(f) = Self::take_from(&mut self.queues, &key) {
            return Some(f);
        }
        if rest {
            return Self::take_from(&mut self.queues, "*");
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

    /// Forgets every pending fault.
    pub fn clear(&mut self) {
        self.queues.clear();
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
}
