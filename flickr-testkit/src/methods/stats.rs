//! `flickr.stats.*`: getPhotostreamReferrers.

use serde_json::{json, Value};

use super::paging::{page_of, paging};
use super::{obj, Answer, Call};
use crate::seed::parse_date;
use crate::state::now_unix;

/// `flickr.stats.getPhotostreamReferrers`.
pub(super) fn get_photostream_referrers(c: &mut Call<'_>) -> Answer {
    if c.viewer() != Some(c.state.default_user.as_str()) {
        return Err(c.fail(1));
    }
    let date = c
        .args
        .get("date")
        .and_then(parse_date)
        .ok_or_else(|| c.fail(3))?;
    if date > now_unix() {
        return Err(c.fail(2));
    }
    let domain = c.args.get("domain").unwrap_or_default().to_lowercase();
    let Some(rows) = c.state.referrers.get(&domain) else {
        return Err(c.fail(5));
    };
    let rows: Vec<Value> = rows
        .iter()
        .map(|r| {
            let mut m = obj(json!({"url": r.url, "views": r.views.to_string()}));
            if let Some(t) = &r.searchterms {
                m.insert("searchterm".into(), json!(t));
            }
            Value::Object(m)
        })
        .collect();
    let (page, per_page) = paging(c.args, 25, 100);
    let (pages, total, per_page, slice) = page_of(&rows, page, per_page);
    Ok(obj(json!({"domain": {
        "page": page, "perpage": per_page, "pages": pages, "total": total.to_string(),
        "name": domain, "referrer": slice
    }})))
}
