//! Method error enums: a method's own codes, Flickr's generic ones, and
//! the codes as registry data.

/// A method's error enum: its own codes as variants, Flickr's generic codes
/// (95–116) through `Generic`, anything else as `Unknown`; and `ERRORS`, the
/// codes as registry data (the registry's entry refers to it).
///
/// Each variant is `Name = (code, "Flickr's message", "Flickr's doc")`, the
/// doc `""` when it only repeats the message.
macro_rules! method_error {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $variant:ident = ($code:literal, $message:literal, $doc:literal $(,)?), )*
        }
    ) => {
        $(#[$meta])*
        ///
        /// Compare with `matches!` or `==`; [`code`](Self::code) and
        /// [`message`](Self::message) give Flickr's values.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( #[doc = error_doc!($code, $message, $doc)] $variant, )*
            /// One of Flickr's generic codes (95–116).
            Generic(crate::error::GenericError),
            /// A code the spec does not list for this method, with Flickr's message.
            Unknown {
                /// Flickr's code.
                code: u32,
                /// Flickr's message.
                message: ::std::string::String,
            },
        }

        impl $name {
            /// This method's own error codes, as registry data.
            pub const ERRORS: &'static [crate::__private::registry::ErrorInfo] = &[$(
                crate::__private::registry::ErrorInfo {
                    code: $code,
                    name: stringify!($variant),
                    message: $message,
                    doc: $doc,
                },
            )*];

            /// The variant for a Flickr error code.
            pub fn from_code(code: u32, message: &str) -> $name {
                match code {
                    $($code => $name::$variant,)*
                    _ => match crate::error::GenericError::from_code(code) {
                        ::std::option::Option::Some(g) => $name::Generic(g),
                        ::std::option::Option::None => $name::Unknown {
                            code,
                            message: message.to_owned(),
                        },
                    },
                }
            }

            /// Flickr's numeric code.
            pub fn code(&self) -> u32 {
                match self {
                    $($name::$variant => $code,)*
                    $name::Generic(g) => g.code(),
                    $name::Unknown { code, .. } => *code,
                }
            }

            /// Flickr's documented message for this code.
            pub fn message(&self) -> &str {
                match self {
                    $($name::$variant => $message,)*
                    $name::Generic(g) => g.message(),
                    $name::Unknown { message, .. } => message,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::write!(f, "{} ({})", self.message(), self.code())
            }
        }

        impl crate::__private::MethodError for $name {
            fn from_code(code: u32, message: &str) -> Self {
                $name::from_code(code, message)
            }
            fn code(&self) -> u32 {
                $name::code(self)
            }
        }
    };
}

/// The rustdoc of an error variant: `code: message — doc`.
macro_rules! error_doc {
    ($code:literal, $message:literal, "") => {
        concat!(" ", $code, ": ", $message)
    };
    ($code:literal, $message:literal, $doc:literal) => {
        concat!(" ", $code, ": ", $message, " — ", $doc)
    };
}
