//! The JSON path at a byte offset of a document: how a decode error names
//! the failing field without a second, path-tracking deserializer per type.
//!
//! serde_json reports where in the text it stopped; this scanner walks the
//! text up to that point and keeps the stack of open objects (with the key
//! whose value is being read) and arrays (with the element index). It is
//! compiled once, runs only after a failure, and never allocates per value
//! except for the keys on the current path.

/// One open container.
enum Open {
    /// An object and the key whose value is being read, if one was read.
    Object { key: Option<String> },
    /// An array and the index of the element being read, once one started.
    Array { index: usize, started: bool },
}

/// The path (`photos.photo[3].latitude`) of the value being read when the
/// parser stopped at byte `offset` of `json` (the last byte it consumed, as
/// serde_json's line and column say); empty at the top level. Text past
/// `offset` is not read.
pub fn path_at(json: &[u8], offset: usize) -> String {
    let end = offset.saturating_add(1).min(json.len());
    let mut stack: Vec<Open> = Vec::new();
    // Inside an object, whether the next string is a key.
    let mut expect_key = false;
    let mut i = 0;
    while i < end {
        match json[i] {
            b'"' => {
                let start = i + 1;
                i = skip_string(json, start);
                if expect_key {
                    if let Some(Open::Object { key }) = stack.last_mut() {
                        let stop = i.min(json.len()).saturating_sub(1).max(start);
                        *key = Some(unescape_key(&json[start..stop]));
                    }
                    expect_key = false;
                } else {
                    start_value(&mut stack);
                }
                continue;
            }
            b'{' => {
                start_value(&mut stack);
                stack.push(Open::Object { key: None });
                expect_key = true;
            }
            b'[' => {
                start_value(&mut stack);
                stack.push(Open::Array {
                    index: 0,
                    started: false,
                });
            }
            b'}' | b']' => {
                stack.pop();
                expect_key = false;
            }
            b',' => match stack.last_mut() {
                Some(Open::Object { key }) => {
                    *key = None;
                    expect_key = true;
                }
                Some(Open::Array { index, started }) => {
                    *index += 1;
                    *started = false;
                }
                None => {}
            },
            b':' => expect_key = false,
            b if b.is_ascii_whitespace() => {}
            // Numbers, true, false, null.
            _ => start_value(&mut stack),
        }
        i += 1;
    }
    render(&stack)
}

/// Marks the innermost array's current element as begun.
fn start_value(stack: &mut [Open]) {
    if let Some(Open::Array { started, .. }) = stack.last_mut() {
        *started = true;
    }
}

/// The index just past the closing quote of the string starting at `start`
/// (or the end of the text for an unterminated string).
fn skip_string(json: &[u8], start: usize) -> usize {
    let mut i = start;
    while i < json.len() {
        match json[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    json.len()
}

/// A key as written, with the common escapes undone (keys are ASCII in
/// every Flickr answer; anything else is shown as received).
fn unescape_key(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    if !text.contains('\\') {
        return text.into_owned();
    }
    serde_json::from_str::<String>(&format!("\"{text}\"")).unwrap_or_else(|_| text.into_owned())
}

fn render(stack: &[Open]) -> String {
    let mut out = String::new();
    for open in stack {
        match open {
            Open::Object { key: Some(k) } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Open::Array {
                index,
                started: true,
            } => {
                out.push('[');
                out.push_str(&index.to_string());
                out.push(']');
            }
            _ => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::path_at;

    fn at(json: &str, marker: &str) -> String {
        let offset = json.find(marker).expect("marker in text") + marker.len() - 1;
        path_at(json.as_bytes(), offset)
    }

    #[test]
    fn names_the_field_being_read() {
        let j = r#"{"photos":{"page":1,"total":"x","photo":[{"id":"1"},{"id":"2","latitude":"NaN"}]},"stat":"ok"}"#;
        assert_eq!(at(j, r#""total":"x""#), "photos.total");
        assert_eq!(at(j, r#""page":1"#), "photos.page");
        assert_eq!(at(j, r#""latitude":"NaN""#), "photos.photo[1].latitude");
        assert_eq!(at(j, r#"{"id":"1"}"#), "photos.photo[0]");
        assert_eq!(at(j, r#""stat":"ok"}"#), "");
    }

    #[test]
    fn keys_with_commas_brackets_and_escapes() {
        let j = r#"{"a,b":{"q\"[":[1,[2,{"k\u0041":3}]]}}"#;
        assert_eq!(at(j, r#"{"k\u0041":3"#), r#"a,b.q"[[1][1].kA"#);
    }

    #[test]
    fn top_level_and_truncated_text() {
        assert_eq!(path_at(b"", 0), "");
        assert_eq!(path_at(b"{\"a\":\"unterminated", 100), "a");
        assert_eq!(path_at(b"[[[", 2), "[0][0]");
        // serde_json stops on the `:` before a value of the wrong kind.
        assert_eq!(at(r#"{"a":[{"id":{"x":1}}]}"#, r#"{"id":"#), "a[0].id");
    }
}
