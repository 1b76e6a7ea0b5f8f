//! Request types: `send`, and for paged methods `pages` and `items`, each
//! one call of the runtime's one call path.

/// `METHOD`, `options`, `send` and `send_raw_body` for a request type; with
/// `paged`, also `pages`, `pages_concurrent` and `items`. Each is one call of
/// the runtime's one call path (`Client::call`) with the request's options;
/// the only per-method code is the typed decode and the error type.
///
/// The generator names everything bare: `Name => STATIC, Response, Error`,
/// the response and page item being types of `crate::types` (or `untyped`
/// for a JSON value), the static one of `crate::registry`. The methods the
/// arms define are codegen's `MACRO_METHODS` (its test reads this macro).
macro_rules! request_send {
    (
        $(#[$meta:meta])*
        $name:ident => $method:ident, untyped, $error:ident
    ) => {
        request_send! { @impl $(#[$meta])* $name => $method, ::serde_json::Value, $error }
    };
    (
        $(#[$meta:meta])*
        $name:ident => $method:ident, $response:ident, $error:ident $(, root $root:literal)?
        $(; paged by $page:ident, $item:ident)?
    ) => {
        request_send! {
            @impl $(#[$meta])*
            $name => $method, crate::types::$response, $error $(, root $root)?
            $(; paged by $page, crate::types::$item)?
        }
    };
    (
        @impl $(#[$meta:meta])*
        $name:ident => $method:ident, $response:ty, $error:ident $(, root $root:literal)?
        $(; paged by $page:ident, $item:ty)?
    ) => {
        $(#[$meta])*
        impl $name {
            /// This method's entry in the [registry](crate::registry).
            pub const METHOD: &'static crate::__private::registry::MethodInfo = &crate::registry::$method;

            /// Per-call options: timeout, response format, retry policy, and
            /// `retry_writes` to retry a write that is safe to repeat. The
            /// paging streams take them too.
            pub fn options(mut self, options: crate::CallOptions) -> Self {
                self.sender.options = options;
                self
            }

            /// Sends the request and decodes the typed response.
            pub async fn send(self) -> ::std::result::Result<$response, crate::__private::Error<$error>> {
                let params = self.to_params();
                let options = Self::decoded_at_root(self.sender.options);
                self.sender
                    .client
                    .call(Self::METHOD, params, &options)
                    .await
                    .map_err(crate::__private::Error::typed)
            }

            /// Sends the request and returns the body as received (Flickr failures are still errors).
            pub async fn send_raw_body(
                self,
            ) -> ::std::result::Result<crate::__private::RawResponse, crate::__private::Error<$error>> {
                let params = self.to_params();
                self.sender
                    .client
                    .call(Self::METHOD, params, &self.sender.options)
                    .await
                    .map_err(crate::__private::Error::typed)
            }

            /// The request's options with this method's own root (a caller's `root` never applies).
            fn decoded_at_root(options: crate::CallOptions) -> crate::CallOptions {
                request_send!(@root options $(, $root)?)
            }

            $(request_send!(@paged $page, $response, $item, $error);)?
        }
    };
    (@root $options:expr) => {
        $options.whole()
    };
    (@root $options:expr, $root:literal) => {
        $options.root($root)
    };
    (@paged $page:ident, $response:ty, $item:ty, $error:ident) => {
        /// Every page from the one set with `page` (default 1) to the last, one request at a time.
        /// Stops at Flickr's page count, on an empty page, or when a page repeats the previous one.
        pub fn pages(
            self,
        ) -> crate::__private::BoxStream<'static, ::std::result::Result<$response, crate::__private::Error<$error>>> {
            let start = self.$page.unwrap_or(1);
            crate::__private::typed(crate::__private::erased_pages(start, self.fetcher()))
        }

        /// Like [`pages`](Self::pages) with up to `concurrency` requests in flight; pages still arrive in order.
        pub fn pages_concurrent(
            self,
            concurrency: usize,
        ) -> crate::__private::BoxStream<'static, ::std::result::Result<$response, crate::__private::Error<$error>>> {
            let start = self.$page.unwrap_or(1);
            crate::__private::typed(crate::__private::erased_pages_concurrent(
                start,
                concurrency,
                self.fetcher(),
            ))
        }

        /// Every item of every page, in order; an error ends the stream after being yielded.
        pub fn items(
            self,
        ) -> crate::__private::BoxStream<'static, ::std::result::Result<$item, crate::__private::Error<$error>>> {
            let start = self.$page.unwrap_or(1);
            crate::__private::typed(crate::__private::erased_items(
                crate::__private::erased_pages(start, self.fetcher()),
            ))
        }

        /// Fetches page `n` of this request with its options: the paging
        /// streams' one per-method part, the page's parameters (the streams
        /// are compiled once per page type).
        fn fetcher(self) -> crate::__private::Fetcher<$response> {
            let client = self.sender.client.core().clone();
            let options = Self::decoded_at_root(self.sender.options.clone());
            crate::__private::Fetcher::call(
                client,
                Self::METHOD,
                options,
                ::std::boxed::Box::new(move |n| self.clone().$page(n).to_params()),
            )
        }
    };
}
