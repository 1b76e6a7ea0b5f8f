//! The shapes every generated method, error enum and value enum share,
//! written once as `macro_rules!` so the generated files hold only what
//! differs (names, codes, wire values, docs). The generator (codegen's
//! `emit`) calls these; each expansion is what the generator used to write
//! out in full.
//!
//! One file per family: [`value_enum`], [`error_enum`] and [`members`].
//! A request type's methods are written out by the generator, each one
//! call of an ordinary generic function ([`crate::sender`]).

#[macro_use]
mod value_enum;
#[macro_use]
mod error_enum;
#[macro_use]
mod members;
