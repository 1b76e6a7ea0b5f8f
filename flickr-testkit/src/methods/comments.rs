//! `flickr.photos.comments.*`: addComment, getList.

use serde_json::{json, Value};

use super::photo_json::page_url;
use super::{obj, Answer, Call};
use crate::state::{now_unix, Comment, State};

fn comment_json(state: &State, base: &str, x: &Comment) -> Value {
    let author = state.users.get(&x.author);
    let photo = state.photos.get(&x.photo_id);
    let permalink = photo
        .map(|p| format!("{}#comment{}", page_url(base, state, p), x.id))
        .unwrap_or_default();
    json!({
        "id": x.id,
        "author": x.author,
        "author_is_deleted": 0,
        "authorname": author.map(|u| u.username.clone()).unwrap_or_default(),
        "realname": author.map(|u| u.realname.clone()).unwrap_or_default(),
        "path_alias": author.map(|u| u.path_alias.clone()).unwrap_or_default(),
        "iconserver": "0",
        "iconfarm": 0,
        "datecreate": x.date_create.to_string(),
        "permalink": permalink,
        "_content": x.text,
    })
}

/// `flickr.photos.comments.addComment`.
pub(super) fn add_comment(c: &mut Call<'_>) -> Answer {
    let id = c.visible_photo("photo_id", 1)?.id;
    let text = c
        .args
        .get("comment_text")
        .map(str::to_owned)
        .ok_or_else(|| c.fail(8))?;
    let n = c.state.fresh_id();
    let comment = Comment {
        id: format!("{}-{id}-{n}", crate::seed::FIRST_PHOTO_ID / 1000),
        photo_id: id,
        author: c.viewer().unwrap_or_default().to_owned(),
        date_create: now_unix(),
        text,
    };
    let answer = comment_json(c.state, c.base, &comment);
    c.state.comments.push(comment);
    Ok(obj(json!({ "comment": answer })))
}

/// `flickr.photos.comments.getList`.
pub(super) fn get_list(c: &mut Call<'_>) -> Answer {
    let id = c.visible_photo("photo_id", 1)?.id;
    let (min, max) = (
        c.args.date("min_comment_date"),
        c.args.date("max_comment_date"),
    );
    let comments: Vec<Value> = c
        .state
        .comments
        .iter()
        .filter(|x| x.photo_id == id)
        .filter(|x| {
            min.is_none_or(|m| x.date_create >= m) && max.is_none_or(|m| x.date_create <= m)
        })
        .map(|x| comment_json(c.state, c.base, x))
        .collect();
    Ok(obj(
        json!({"comments": {"photo_id": id.to_string(), "comment": comments}}),
    ))
}
