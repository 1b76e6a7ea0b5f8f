//! `flickr.commons.getInstitutions`: the members that are Commons
//! institutions (modelled once there are public members).

use serde_json::{json, Value};

use super::{content, obj, Answer, Call};

/// `flickr.commons.getInstitutions`.
pub(super) fn get_institutions(c: &mut Call<'_>) -> Answer {
    let base = c.base;
    let listed: Vec<Value> = c
        .state
        .institutions
        .iter()
        .filter_map(|nsid| c.state.users.get(nsid))
        .enumerate()
        .map(|(k, u)| {
            json!({
                "nsid": u.nsid,
                "date_launch": (1_200_000_000 + k as i64 * 31_536_000).to_string(),
                "name": content(u.realname.clone()),
                "urls": {"url": [
                    {"type": "site", "_content": format!("https://{}.example.org/", u.path_alias)},
                    {"type": "license", "_content": format!("https://{}.example.org/rights", u.path_alias)},
                    {"type": "flickr", "_content": format!("{base}photos/{}/", u.path_alias)},
                ]},
            })
        })
        .collect();
    Ok(obj(json!({"institutions": {"institution": listed}})))
}
