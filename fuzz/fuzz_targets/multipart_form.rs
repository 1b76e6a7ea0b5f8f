//! The fake server's upload form parser (`flickr_testkit::multipart`), fed
//! the body in one piece and in chunks of the size the first byte picks: a
//! body must read the same whichever way it arrives.
#![no_main]

use bytes::Bytes;
use flickr_testkit::fuzzing::{parse_form, read_form, MAX_FIELD};
use libfuzzer_sys::fuzz_target;

/// The boundary of every input; the seeds in `fuzz/corpus/multipart_form`
/// use it too.
const BOUNDARY: &str = "fuzzBoundary";

fuzz_target!(|data: &[u8]| {
    let Some((&first, body)) = data.split_first() else {
        return;
    };
    let whole = parse_form(&format!("multipart/form-data; boundary={BOUNDARY}"), body);
    if let Ok(form) = &whole {
        assert!(form.fields.iter().all(|(_, v)| v.len() <= MAX_FIELD));
        if let Some(photo) = &form.photo {
            assert!(photo.size <= body.len() as u64);
        }
    }

    let size = usize::from(first % 64) + 1;
    let chunks: Vec<Result<Bytes, std::convert::Infallible>> = body
        .chunks(size)
        .map(|c| Ok(Bytes::copy_from_slice(c)))
        .collect();
    let chunked = futures::executor::block_on(read_form(
        futures::stream::iter(chunks),
        BOUNDARY.to_owned(),
    ));
    match (&whole, &chunked) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "chunks of {size} read differently"),
        (Err(_), Err(_)) => {}
        _ => panic!("chunks of {size}: whole {whole:?}, chunked {chunked:?}"),
    }
});
