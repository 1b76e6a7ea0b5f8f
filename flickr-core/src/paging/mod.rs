//! One paging implementation for every paged Flickr method.
//!
//! The generated request builders of paged methods get `.pages()` and
//! `.items()`; both come from here. A stream asks for page after page until
//! Flickr's `pages` counter says it is done, and guards against the two ways
//! Flickr's paging goes wrong: an empty page before the end, and a page that
//! repeats the previous one (Flickr answers the last page again when asked
//! for a page past the end).

use futures::stream::{self, StreamExt};
use std::future::Future;

pub(crate) mod erased;

pub use futures::stream::BoxStream;
pub use futures::Stream;

/// A response that is one page of a longer list.
///
/// Implemented by the generated page types (`PhotoPage`, …).
pub trait Page {
    /// One item of the list.
    type Item: PartialEq;

    /// The page number this response holds (1-based), if Flickr said.
    fn page_number(&self) -> Option<i64>;

    /// How many pages there are, if Flickr said.
    fn page_count(&self) -> Option<i64>;

    /// The items on this page.
    fn items(&self) -> &[Self::Item];

    /// Takes the items out of the page.
    fn into_items(self) -> Vec<Self::Item>;
}

/// Why a page stream stopped, for callers who care (see [`next_step`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The page counter said this was the last page.
    LastPage,
    /// The page came back empty.
    EmptyPage,
    /// The page repeated the previous page's items.
    RepeatedPage,
}

/// Decides, after receiving `page` (number `requested`), whether to ask for another.
pub fn next_step<P: Page>(
    requested: i64,
    page: &P,
    previous: Option<&[P::Item]>,
) -> Result<i64, Stop> {
    if page.items().is_empty() {
        return Err(Stop::EmptyPage);
    }
    if previous.is_some_and(|prev| prev == page.items()) {
        return Err(Stop::RepeatedPage);
    }
    let current = page.page_number().unwrap_or(requested);
    match page.page_count() {
        Some(pages) if current >= pages => Err(Stop::LastPage),
        _ => Ok(requested + 1),
    }
}

/// Streams pages from `start`, calling `fetch(n)` for page `n`, one at a time.
///
/// An error is yielded once and ends the stream (reads were already retried
/// by the client).
pub fn pages<P, E, F, Fut>(start: i64, fetch: F) -> impl Stream<Item = Result<P, E>>
where
    P: Page,
    P::Item: Clone,
    F: FnMut(i64) -> Fut,
    Fut: Future<Output = Result<P, E>>,
{
    struct State<F, I> {
        fetch: F,
        next: Option<i64>,
        previous: Option<Vec<I>>,
    }
    let state = State {
        fetch,
        next: Some(start.max(1)),
        previous: None,
    };
    stream::unfold(state, |mut state| async move {
        let requested = state.next?;
        match (state.fetch)(requested).await {
            Err(e) => {
                state.next = None;
                Some((Err(e), state))
            }
            Ok(page) => match next_step(requested, &page, state.previous.as_deref()) {
                Err(Stop::EmptyPage) | Err(Stop::RepeatedPage) => None,
                Err(Stop::LastPage) => {
                    state.next = None;
                    Some((Ok(page), state))
                }
                Ok(next) => {
                    state.next = Some(next);
                    state.previous = Some(page.items().to_vec());
                    Some((Ok(page), state))
                }
            },
        }
    })
}

/// Streams pages with up to `concurrency` requests in flight: the first page
/// is fetched alone to learn the page count, then the rest in order.
pub fn pages_concurrent<P, E, F, Fut>(
    start: i64,
    concurrency: usize,
    fetch: F,
) -> impl Stream<Item = Result<P, E>>
where
    P: Page,
    F: FnMut(i64) -> Fut + Clone,
    Fut: Future<Output = Result<P, E>>,
{
    let start = start.max(1);
    let mut first_fetch = fetch.clone();
    stream::once(async move { first_fetch(start).await })
        .map(move |first| {
            let rest_fetch = fetch.clone();
            // An empty or failed first page leaves nothing more to fetch.
            let last = match &first {
                Ok(page) if !page.items().is_empty() => page.page_count().unwrap_or(start),
                _ => start,
            };
            let remaining = (start + 1)..=last;
            let rest = stream::iter(remaining)
                .map(move |n| {
                    let mut f = rest_fetch.clone();
                    async move { f(n).await }
                })
                .buffered(concurrency.max(1))
                .take_while(|r| std::future::ready(!matches!(r, Ok(p) if p.items().is_empty())));
            stream::once(async move { first }).chain(rest)
        })
        .flatten()
}

/// Flattens a page stream into its items; an error is yielded once and ends it.
pub fn items<P, E, S>(pages: S) -> impl Stream<Item = Result<P::Item, E>>
where
    P: Page,
    S: Stream<Item = Result<P, E>>,
{
    pages.flat_map(|page| match page {
        Ok(page) => stream::iter(page.into_items().into_iter().map(Ok).collect::<Vec<_>>()),
        Err(e) => stream::iter(vec![Err(e)]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::executor::block_on;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[derive(Debug, Clone, PartialEq)]
    struct TestPage {
        page: i64,
        pages: Option<i64>,
        items: Vec<u32>,
    }

    impl Page for TestPage {
        type Item = u32;
        fn page_number(&self) -> Option<i64> {
            Some(self.page)
        }
        fn page_count(&self) -> Option<i64> {
            self.pages
        }
        fn items(&self) -> &[u32] {
            &self.items
        }
        fn into_items(self) -> Vec<u32> {
            self.items
        }
    }

    /// A fake list of `total` items served `per` to a page; past the end it
    /// repeats the last page, as Flickr does.
    fn server(
        total: u32,
        per: u32,
        with_count: bool,
    ) -> impl FnMut(i64) -> std::future::Ready<Result<TestPage, String>> + Clone {
        move |n| {
            let pages = total.div_ceil(per).max(1) as i64;
            let page = n.min(pages);
            let first = (page as u32 - 1) * per;
            let items = (first..(first + per).min(total)).collect();
            std::future::ready(Ok(TestPage {
                page,
                pages: with_count.then_some(pages),
                items,
            }))
        }
    }

    #[test]
    fn streams_every_item_once_and_stops_at_the_page_count() {
        let all: Vec<u32> = block_on(
            items(pages(1, server(2000, 500, true)))
                .map(Result::unwrap)
                .collect(),
        );
        assert_eq!(all, (0..2000).collect::<Vec<_>>());
    }

    #[test]
    fn stops_on_a_repeated_page_when_the_count_is_missing() {
        let all: Vec<u32> = block_on(
            items(pages(1, server(1200, 500, false)))
                .map(Result::unwrap)
                .collect(),
        );
        assert_eq!(all, (0..1200).collect::<Vec<_>>());
    }

    #[test]
    fn stops_on_an_empty_page() {
        let calls = Arc::new(AtomicUsize::new(0));
        let c = calls.clone();
        let fetch = move |n: i64| {
            c.fetch_add(1, Ordering::SeqCst);
            let items = if n == 1 { vec![1, 2] } else { vec![] };
            std::future::ready(Ok::<_, String>(TestPage {
                page: n,
                pages: Some(10),
                items,
            }))
        };
        let got: Vec<TestPage> = block_on(pages(1, fetch).map(Result::unwrap).collect());
        assert_eq!(got.len(), 1);
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn an_error_is_yielded_once_and_ends_the_stream() {
        let fetch = |n: i64| {
            std::future::ready(if n == 2 {
                Err("boom".to_owned())
            } else {
                Ok(TestPage {
                    page: n,
                    pages: Some(5),
                    items: vec![n as u32],
                })
            })
        };
        let got: Vec<Result<TestPage, String>> = block_on(pages(1, fetch).collect());
        assert_eq!(got.len(), 2);
        assert_eq!(got[1], Err("boom".to_owned()));
    }

    #[test]
    fn concurrent_paging_returns_pages_in_order() {
        let all: Vec<u32> = block_on(
            items(pages_concurrent(1, 4, server(2000, 100, true)))
                .map(Result::unwrap)
                .collect(),
        );
        assert_eq!(all, (0..2000).collect::<Vec<_>>());
    }
}
