//! The file part's byte stream: exact length, progress reports.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures::stream::Stream;

use super::Progress;

/// Passes chunks through, reporting progress, and fails if the source yields
/// fewer or more bytes than declared (the length is in the multipart headers,
/// so a mismatch would otherwise reach Flickr as a corrupt file).
pub(super) struct ExactLen<S> {
    inner: S,
    sent: u64,
    total: u64,
    progress: Option<Progress>,
    done: bool,
}

impl<S> ExactLen<S> {
    pub(super) fn new(inner: S, total: u64, progress: Option<Progress>) -> Self {
        ExactLen {
            inner,
            sent: 0,
            total,
            progress,
            done: false,
        }
    }
}

impl<S: Stream<Item = std::io::Result<Bytes>> + Unpin> Stream for ExactLen<S> {
    type Item = std::io::Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.done {
            return Poll::Ready(None);
        }
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_next(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Some(Ok(chunk))) => {
                this.sent += chunk.len() as u64;
                if this.sent > this.total {
                    this.done = true;
                    return Poll::Ready(Some(Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        format!(
                            "the file grew while uploading: more than the {} bytes declared",
                            this.total
                        ),
                    ))));
                }
                if let Some(progress) = &this.progress {
                    progress(this.sent, this.total);
                }
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(Some(Err(e))) => {
                this.done = true;
                Poll::Ready(Some(Err(e)))
            }
            Poll::Ready(None) => {
                this.done = true;
                if this.sent < this.total {
                    return Poll::Ready(Some(Err(std::io::Error::new(
                        std::io::ErrorKind::UnexpectedEof,
                        format!(
                            "the file ended after {} of the {} bytes declared",
                            this.sent, this.total
                        ),
                    ))));
                }
                Poll::Ready(None)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::StreamExt;
    use std::sync::Arc;

    #[tokio::test]
    async fn short_and_long_sources_fail_instead_of_sending_a_corrupt_file() {
        let chunks = |n: usize| futures::stream::iter(vec![Ok(Bytes::from(vec![0u8; n]))]);
        let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = seen.clone();
        let progress: Progress =
            Arc::new(move |sent, total| log.lock().unwrap().push((sent, total)));
        let ok: Vec<_> = ExactLen::new(chunks(10), 10, Some(progress))
            .collect()
            .await;
        assert!(ok.iter().all(Result::is_ok));
        assert_eq!(*seen.lock().unwrap(), vec![(10, 10)]);
        let short: Vec<_> = ExactLen::new(chunks(5), 10, None).collect().await;
        assert_eq!(
            short.last().unwrap().as_ref().unwrap_err().kind(),
            std::io::ErrorKind::UnexpectedEof
        );
        let long: Vec<_> = ExactLen::new(chunks(11), 10, None).collect().await;
        assert_eq!(long.len(), 1);
        assert!(long[0].is_err());
    }
}
