//! Paging: `page`/`per_page` clamped like Flickr, the 4,000-result search
//! cap, and slicing one page out of a list.

use super::Args;

/// `(page, per_page)` from the arguments, clamped like Flickr.
pub(super) fn paging(args: &Args, default_per_page: i64, max: i64) -> (i64, i64) {
    let per_page = args
        .int("per_page")
        .unwrap_or(default_per_page)
        .clamp(1, max);
    let page = args.int("page").unwrap_or(1).max(1);
    (page, per_page)
}

/// Flickr's cap on the results of one search: it reports the full `total`
/// and `pages`, but a page that would reach past the first 4,000 results
/// answers the last page that fits within them again.
pub const SEARCH_RESULT_CAP: i64 = 4_000;

/// The page `photos.search` really answers when asked for `page`.
pub(super) fn capped_page(page: i64, per_page: i64) -> i64 {
    let last_within_cap = (SEARCH_RESULT_CAP / per_page).max(1);
    page.min(last_within_cap)
}

/// Slices one page out of `items`; returns (page, pages, per_page, total, items).
pub(super) fn page_of<T: Clone>(items: &[T], page: i64, per_page: i64) -> (i64, i64, i64, Vec<T>) {
    let total = items.len() as i64;
    let pages = (total + per_page - 1) / per_page;
    let start = ((page - 1) * per_page).min(total) as usize;
    let end = (start + per_page as usize).min(items.len());
    (pages, total, per_page, items[start..end].to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_slice_and_count() {
        let items: Vec<i32> = (0..10).collect();
        assert_eq!(page_of(&items, 2, 4), (3, 10, 4, vec![4, 5, 6, 7]));
        assert_eq!(page_of(&items, 9, 4).3, Vec::<i32>::new());
        assert_eq!(page_of::<i32>(&[], 1, 4).0, 0);
    }
}
