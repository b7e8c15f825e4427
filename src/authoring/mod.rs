//! Tools for instructors who write cases: start one from a template that already works
//! ([`new`]), and see one as a map of its stages and decisions ([`graph`]).

pub mod graph;
pub mod new;
